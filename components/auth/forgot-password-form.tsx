"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { z } from "zod";
import { FormError, formValues, useFormErrors } from "@/components/forms/use-form-errors";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useTRPC } from "@/components/trpc";

const schema = z.object({ email: z.email("Enter a valid email address").max(254) });

/** Asks for a reset link. The answer never says whether the address has an account. */
export function ForgotPasswordForm() {
  const trpc = useTRPC();
  const request = useMutation(trpc.team.requestPasswordReset.mutationOptions());
  const { errors, formError, check } = useFormErrors(request.error);
  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const values = formValues(e.currentTarget);
    if (check(schema, values)) request.mutate(schema.parse(values));
  }
  if (request.isSuccess) {
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold text-slate-900">Check your e-mail</h1>
        <p role="status" className="text-sm text-slate-600">
          If an account uses that address, we sent it a link to choose a new password. The link works once, for one hour.
        </p>
        <Link href="/login" className="text-sm font-medium text-brand-600 hover:underline">
          Back to sign in
        </Link>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate>
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Forgot your password?</h1>
        <p className="mt-1 text-sm text-slate-500">Enter your e-mail address and we will send you a link to choose a new one.</p>
      </div>
      <FormError message={formError} />
      <Field label="Email" error={errors.email}>
        {(p) => <Input {...p} name="email" type="email" autoComplete="email" />}
      </Field>
      <Button type="submit" className="w-full" disabled={request.isPending}>
        {request.isPending ? "Sending…" : "Send reset link"}
      </Button>
      <p className="text-center text-sm text-slate-500">
        <Link href="/login" className="font-medium text-brand-600 hover:underline">
          Back to sign in
        </Link>
      </p>
    </form>
  );
}
