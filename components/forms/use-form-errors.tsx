"use client";

import { useState } from "react";
import type { z } from "zod";
import { errorMessage, fieldErrors } from "@/components/trpc";

/**
 * Field errors for a form: the shared zod schema's messages before the round trip, then the server's
 * (a domain error naming its field, such as "This alias is taken"). `formError` is what belongs to no field.
 */
export function useFormErrors(mutationError: unknown) {
  const [client, setClient] = useState<Record<string, string>>({});
  const server = fieldErrors(mutationError);
  return {
    errors: { ...server, ...client } as Record<string, string | undefined>,
    formError: mutationError && Object.keys(server).length === 0 ? errorMessage(mutationError) : null,
    /** True when the values pass the schema; otherwise shows the first message per field. */
    check(schema: z.ZodType, values: unknown): boolean {
      const parsed = schema.safeParse(values);
      const next: Record<string, string> = {};
      if (!parsed.success) for (const i of parsed.error.issues) next[String(i.path[0])] ??= i.message;
      setClient(next);
      return parsed.success;
    },
    reset: () => setClient({}),
  };
}

/** The form's named fields as strings. Read from the controls, not FormData, which leaves out a select whose
 * "Select an offer" placeholder (a disabled option) is still chosen. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const el of Array.from(form.elements)) {
    if ((el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) && el.name) out[el.name] = el.value;
  }
  return out;
}

export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
      {message}
    </p>
  );
}
