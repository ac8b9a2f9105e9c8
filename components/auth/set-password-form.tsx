"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { FormError, formValues, useFormErrors } from "@/components/forms/use-form-errors";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useTRPC } from "@/components/trpc";
import { setPasswordInput } from "@/server/team/schemas";

/** Spends a reset or invite link and sets the password; then the member signs in with it. */
export function SetPasswordForm({ token, invite }: { token: string; invite: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const set = useMutation(trpc.team.setPassword.mutationOptions({ onSuccess: () => router.push(invite ? "/login?welcome=1" : "/login?reset=1") }));
  const { errors, formError, check } = useFormErrors(set.error);
  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const values = { ...formValues(e.currentTarget), token };
    if (check(setPasswordInput, values)) set.mutate(setPasswordInput.parse(values));
  }
  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate>
      <div>
        <h1 className="text-xl font-semibold text-slate-900">{invite ? "Welcome: choose your password" : "Choose a new password"}</h1>
        <p className="mt-1 text-sm text-slate-500">{invite ? "Set a password to finish creating your account." : "Every other session of your account ends when you save it."}</p>
      </div>
      <FormError message={errors.token ?? formError} />
      <Field label="New password" error={errors.password} hint="At least 10 characters.">
        {(p) => <Input {...p} name="password" type="password" autoComplete="new-password" />}
      </Field>
      <Button type="submit" className="w-full" disabled={set.isPending}>
        {set.isPending ? "Saving…" : invite ? "Set password" : "Save new password"}
      </Button>
    </form>
  );
}
