"use client";

import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError, formValues, useFormErrors } from "@/components/forms/use-form-errors";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { createOwnerInput } from "@/server/setup/schemas";

/** The one-time owner form: creates the first admin, signs them in and opens the admin. */
export function SetupForm({ token }: { token: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [signInError, setSignInError] = useState<string | null>(null);
  const create = useMutation(trpc.setup.createOwner.mutationOptions());
  const { errors, formError, check } = useFormErrors(create.error);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    const input = { token, name: v.name ?? "", email: (v.email ?? "").trim(), password: v.password ?? "" };
    if (!check(createOwnerInput, input)) return;
    create.mutate(input, {
      onSuccess: async () => {
        const res = await signIn("credentials", { email: input.email, password: input.password, redirect: false });
        if (!res || res.error) return setSignInError("Your account was created. Sign in at /login.");
        router.replace("/admin");
        router.refresh();
      },
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate>
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Create the owner account</h1>
        <p className="mt-1 text-sm text-slate-500">This link works once. The account you create here runs Touchpoint: programs, offers, partners and payouts.</p>
      </div>
      <FormError message={formError ?? signInError} />
      <Field label="Your name" error={errors.name}>
        {(p) => <Input {...p} name="name" autoComplete="name" />}
      </Field>
      <Field label="Email" error={errors.email}>
        {(p) => <Input {...p} name="email" type="email" autoComplete="email" />}
      </Field>
      <Field label="Password" error={errors.password} hint="At least 10 characters.">
        {(p) => <Input {...p} name="password" type="password" autoComplete="new-password" />}
      </Field>
      <Button type="submit" className="w-full" disabled={create.isPending || create.isSuccess}>
        {create.isPending || create.isSuccess ? "Creating…" : "Create owner account"}
      </Button>
    </form>
  );
}
