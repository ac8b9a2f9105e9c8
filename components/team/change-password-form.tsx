"use client";

import { useMutation } from "@tanstack/react-query";
import { signOut } from "next-auth/react";
import { FormError, formValues, useFormErrors } from "@/components/forms/use-form-errors";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useTRPC } from "@/components/trpc";
import { changePasswordInput } from "@/server/team/schemas";

/** A new password ends every session, this one too: the member signs in again with it. */
export function ChangePasswordForm() {
  const trpc = useTRPC();
  const change = useMutation(trpc.team.changePassword.mutationOptions({ onSuccess: () => signOut({ callbackUrl: "/login?changed=1" }) }));
  const { errors, formError, check } = useFormErrors(change.error);
  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const values = formValues(e.currentTarget);
    if (check(changePasswordInput, values)) change.mutate(changePasswordInput.parse(values));
  }
  return (
    <form onSubmit={onSubmit} className="max-w-sm space-y-4" noValidate>
      <FormError message={formError} />
      <Field label="Current password" error={errors.current}>
        {(p) => <Input {...p} name="current" type="password" autoComplete="current-password" />}
      </Field>
      <Field label="New password" error={errors.password} hint="At least 10 characters.">
        {(p) => <Input {...p} name="password" type="password" autoComplete="new-password" />}
      </Field>
      <Button type="submit" disabled={change.isPending}>
        {change.isPending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
