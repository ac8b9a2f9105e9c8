"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/field";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import { applyInput } from "@/server/partners/schemas";

export function SignupForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const apply = useMutation(trpc.partner.signUp.mutationOptions({ onSuccess: () => router.push("/login?applied=1") }));
  const errors = { ...fieldErrors(apply.error), ...clientErrors };

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const values = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
    // The same schema the server enforces: errors show before a round trip.
    const parsed = applyInput.safeParse(values);
    if (!parsed.success) {
      setClientErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setClientErrors({});
    apply.mutate(parsed.data);
  }

  const serverError = apply.error && !Object.keys(fieldErrors(apply.error)).length ? errorMessage(apply.error) : null;
  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate>
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Become a partner</h1>
        <p className="mt-1 text-sm text-slate-500">The program team reviews every application before you can sign in.</p>
      </div>
      {serverError ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {serverError}
        </p>
      ) : null}
      <Field label="Name or company" error={errors.name}>{(p) => <Input {...p} name="name" autoComplete="organization" />}</Field>
      <Field label="Email" error={errors.email}>{(p) => <Input {...p} name="email" type="email" autoComplete="email" />}</Field>
      <Field label="Password" error={errors.password} hint="At least 10 characters.">
        {(p) => <Input {...p} name="password" type="password" autoComplete="new-password" />}
      </Field>
      <Field label="Website (optional)" error={errors.website}>{(p) => <Input {...p} name="website" type="url" placeholder="https://" />}</Field>
      <Field label="How will you promote us? (optional)" error={errors.promotionMethods}>
        {(p) => <Textarea {...p} name="promotionMethods" placeholder="Review site, newsletter, paid search, social…" />}
      </Field>
      <Button type="submit" className="w-full" disabled={apply.isPending}>
        {apply.isPending ? "Sending…" : "Apply"}
      </Button>
      <p className="text-center text-sm text-slate-500">
        Already a partner?{" "}
        <Link href="/login" className="font-medium text-brand-600 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
