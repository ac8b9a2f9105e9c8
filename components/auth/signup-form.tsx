"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/field";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import { answerField, answersSchema, type Question } from "@/server/partners/question-schemas";
import { applyInput } from "@/server/partners/schemas";
import { readAnswers, SignupQuestions } from "./signup-questions";

/** `recruitCode`/`recruiter`: the applicant came through a partner's recruit link (/signup?ref=<code>). */
type Terms = { id: string; version: number; body: string };

export function SignupForm({
  recruitCode,
  recruiter,
  questions = [],
  terms = null,
  inviteToken,
}: { recruitCode?: string; recruiter?: string | null; questions?: Question[]; terms?: Terms | null; inviteToken?: string } = {}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const apply = useMutation(trpc.partner.signUp.mutationOptions({ onSuccess: (r) => router.push(r.status === "approved" ? "/login?applied=approved" : "/login?applied=1") }));
  const errors = { ...fieldErrors(apply.error), ...clientErrors };

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const values = Object.fromEntries(["name", "email", "password", "website", "promotionMethods"].map((k) => [k, String(form.get(k) ?? "")]));
    const sources = String(form.get("trafficSources") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    const answers = readAnswers(e.currentTarget, questions);
    // The same schemas the server enforces: errors show before a round trip.
    const acceptTerms = form.get("acceptTerms") === "yes";
    const parsed = applyInput.safeParse({ ...values, trafficSources: sources, recruitCode: recruitCode || undefined, inviteToken, answers, ...(terms ? { termsVersionId: terms.id, acceptTerms } : {}) });
    const answered = answersSchema(questions).safeParse(Object.fromEntries(questions.map((q) => [answerField(q.id), answers[q.id] ?? ""])));
    if (!parsed.success || !answered.success) {
      const issues = [...(parsed.success ? [] : parsed.error.issues), ...(answered.success ? [] : answered.error.issues)];
      const next: Record<string, string> = {};
      for (const i of issues) next[String(i.path[0])] ??= i.message;
      if (terms && !acceptTerms) next.acceptTerms = "Accept the terms and conditions to sign up";
      setClientErrors(next);
      return;
    }
    if (terms && !acceptTerms) {
      setClientErrors({ acceptTerms: "Accept the terms and conditions to sign up" });
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
      {recruitCode ? (
        <p className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-700" data-testid="recruited-by">
          {recruiter ? `You were invited by ${recruiter}.` : "This recruit link is not valid any more; you can still apply."}
        </p>
      ) : null}
      {inviteToken ? (
        <p className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-700" data-testid="invited">
          You were invited to join the program.
        </p>
      ) : null}
      {errors.inviteToken ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {errors.inviteToken}
        </p>
      ) : null}
      {errors.recruitCode ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {errors.recruitCode}
        </p>
      ) : null}
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
      <Field label="Traffic sources (optional)" error={errors.trafficSources} hint="Separate them with commas: SEO, email, paid social…">
        {(p) => <Input {...p} name="trafficSources" />}
      </Field>
      <Field label="How will you promote us? (optional)" error={errors.promotionMethods}>
        {(p) => <Textarea {...p} name="promotionMethods" placeholder="Review site, newsletter, paid search, social…" />}
      </Field>
      <SignupQuestions questions={questions} errors={errors} />
      {terms ? (
        <div className="space-y-2">
          <p className="text-sm font-medium text-slate-700">Terms and conditions</p>
          <div className="max-h-48 overflow-y-auto whitespace-pre-wrap rounded-md border border-slate-200 bg-slate-50 p-3 text-xs text-slate-700" tabIndex={0} aria-label="Terms text">
            {terms.body}
          </div>
          <label className="flex items-start gap-2 text-sm text-slate-700">
            <input type="checkbox" name="acceptTerms" value="yes" className="mt-0.5 size-4 rounded border-slate-300" aria-invalid={Boolean(errors.acceptTerms)} />I accept the terms and conditions
          </label>
          {errors.acceptTerms ? <p className="text-sm text-red-600">{errors.acceptTerms}</p> : null}
        </div>
      ) : null}
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
