"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError, formValues, useFormErrors } from "@/components/forms/use-form-errors";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import type { SignUpMode } from "@/db/schema/programs";
import { createProgramInput, updateProgramInput } from "@/server/programs/schemas";

export const SIGN_UP_LABELS: Record<SignUpMode, string> = {
  open_approval: "Open, with approval",
  open_auto: "Open, approved automatically",
  invite_only: "By invitation only",
};

type Program = { id: string; name: string; defaultCurrency: string; timeZone: string; signUpMode: SignUpMode };

const zones = Intl.supportedValuesOf("timeZone");
const currencies = Intl.supportedValuesOf("currency");

/** Creates a program (then opens its page) or edits one. The same schema checks the form and the procedure. */
export function ProgramForm({ program }: { program?: Program }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const create = useMutation(trpc.programs.create.mutationOptions({ onSuccess: (r) => router.push(`/admin/programs/${r.programId}`) }));
  const update = useMutation(trpc.programs.update.mutationOptions({ onSuccess: () => (setSaved(true), router.refresh()) }));
  const mutation = program ? update : create;
  const { errors, formError, check } = useFormErrors(mutation.error);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSaved(false);
    const v = formValues(e.currentTarget);
    const fields = { name: v.name ?? "", defaultCurrency: v.defaultCurrency ?? "", timeZone: v.timeZone ?? "", signUpMode: v.signUpMode as SignUpMode };
    if (program) {
      const input = { programId: program.id, ...fields };
      if (check(updateProgramInput, input)) update.mutate(input);
    } else if (check(createProgramInput, fields)) create.mutate(fields);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={formError} />
      <Field label="Name" error={errors.name} hint="Your brand or program, as partners see it.">
        {(p) => <Input {...p} name="name" defaultValue={program?.name} placeholder="Acme Partners" />}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Default currency" error={errors.defaultCurrency} hint="ISO 4217 code. New offers start in it.">
          {(p) => <Input {...p} name="defaultCurrency" list="tp-currencies" defaultValue={program?.defaultCurrency ?? "USD"} maxLength={3} className="uppercase" autoComplete="off" />}
        </Field>
        <Field label="Time zone" error={errors.timeZone} hint="IANA name. Reports and payout periods end at its midnight.">
          {(p) => <Input {...p} name="timeZone" list="tp-time-zones" defaultValue={program?.timeZone ?? "UTC"} autoComplete="off" spellCheck={false} />}
        </Field>
      </div>
      <datalist id="tp-currencies">
        {currencies.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <datalist id="tp-time-zones">
        {["UTC", ...zones].map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <Field label="Partner sign-up" error={errors.signUpMode} hint="How partners join through /signup.">
        {(p) => (
          <Select {...p} name="signUpMode" defaultValue={program?.signUpMode ?? "open_approval"}>
            {Object.entries(SIGN_UP_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={mutation.isPending}>
          {program ? (update.isPending ? "Saving…" : "Save program") : create.isPending ? "Creating…" : "Create program"}
        </Button>
        {saved ? (
          <span role="status" className="text-sm text-green-700">
            Saved
          </span>
        ) : null}
      </div>
    </form>
  );
}
