"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { NEEDS_CODE } from "@/server/auth/messages";


const NOTICES: Record<string, string> = {
  reset: "Your new password is saved. Sign in with it.",
  welcome: "Your password is set. Sign in with it.",
  changed: "Your password was changed, and every session ended. Sign in with the new one.",
};

export function LoginForm({ applied, approved = false, notice }: { applied: boolean; approved?: boolean; notice?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // after a right password on an account with two-factor, the form asks for the code and sends all three again
  const [needsCode, setNeedsCode] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    const res = await signIn("credentials", { email: form.get("email"), password: form.get("password"), code: form.get("code") ?? "", redirect: false });
    setBusy(false);
    if (!res || res.error) {
      if (res?.error === NEEDS_CODE) {
        setNeedsCode(true);
        return;
      }
      setError(res?.error && res.error !== "CredentialsSignin" ? res.error : "Wrong email or password.");
      return;
    }
    router.replace("/");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate>
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Sign in</h1>
        <p className="mt-1 text-sm text-slate-500">Operators and partners sign in here.</p>
      </div>
      {applied ? (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          Thanks for applying! You can sign in as soon as the program team approves your application.
        </p>
      ) : null}
      {approved ? (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          Welcome aboard! Your partner account is approved: sign in to get your tracking links.
        </p>
      ) : null}
      {notice && NOTICES[notice] ? (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          {NOTICES[notice]}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <Field label="Email">{(p) => <Input {...p} name="email" type="email" autoComplete="email" required />}</Field>
      <Field label="Password">{(p) => <Input {...p} name="password" type="password" autoComplete="current-password" required />}</Field>
      {needsCode ? (
        <Field label="Authentication code" hint="The 6-digit code from your authenticator app, or one of your recovery codes.">
          {(p) => <Input {...p} name="code" inputMode="numeric" autoComplete="one-time-code" autoFocus maxLength={40} required />}
        </Field>
      ) : null}
      <Button type="submit" className="w-full" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </Button>
      <p className="text-center text-sm">
        <Link href="/forgot-password" className="font-medium text-brand-600 hover:underline">
          Forgot password?
        </Link>
      </p>
      <p className="text-center text-sm text-slate-500">
        Want to promote our brands?{" "}
        <Link href="/signup" className="font-medium text-brand-600 hover:underline">
          Apply to become a partner
        </Link>
      </p>
    </form>
  );
}
