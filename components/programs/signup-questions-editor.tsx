"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { FormError, formValues, useFormErrors } from "@/components/forms/use-form-errors";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import type { QuestionKind } from "@/db/schema/partner-onboarding";
import { QUESTION_KIND_LABELS, questionInput } from "@/server/partners/question-schemas";

type Question = { id: string; label: string; kind: QuestionKind; options: string[]; required: boolean; position: number };

function QuestionForm({ programId, question, nextPosition }: { programId: string; question?: Question; nextPosition: number }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [kind, setKind] = useState<QuestionKind>(question?.kind ?? "text");
  const [saved, setSaved] = useState(false);
  const save = useMutation(trpc.onboarding.saveQuestion.mutationOptions({ onSuccess: () => (setSaved(true), refresh.onSuccess()) }));
  const { errors, formError, check } = useFormErrors(save.error);
  return (
    <form
      className="grid gap-3 sm:grid-cols-2"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        const form = e.currentTarget;
        const v = formValues(form);
        const input = {
          questionId: question?.id,
          programId,
          label: v.label ?? "",
          kind,
          options: kind === "select" ? (v.options ?? "").split("\n").map((o) => o.trim()).filter(Boolean) : [],
          required: (form.elements.namedItem("required") as HTMLInputElement | null)?.checked ?? false,
          position: v.position?.trim() ? Number(v.position) : Number.NaN,
        };
        if (check(questionInput, input)) save.mutate(input, { onSuccess: () => (question ? undefined : (form.reset(), setKind("text"))) });
      }}
    >
      <div className="sm:col-span-2">
        <Field label="Question" error={errors.label}>{(p) => <Input {...p} name="label" defaultValue={question?.label} placeholder="Which markets do you cover?" />}</Field>
      </div>
      <Field label="Answer" error={errors.kind}>
        {(p) => (
          <Select {...p} name="kind" value={kind} onChange={(e) => setKind(e.target.value as QuestionKind)}>
            {Object.entries(QUESTION_KIND_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Order" error={errors.position} hint="Lower numbers come first.">
        {(p) => <Input {...p} name="position" type="number" min={0} max={1000} defaultValue={question?.position ?? nextPosition} />}
      </Field>
      {kind === "select" ? (
        <div className="sm:col-span-2">
          <Field label="Choices" error={errors.options} hint="One per line.">
            {(p) => <Textarea {...p} name="options" rows={3} defaultValue={question?.options.join("\n") ?? ""} />}
          </Field>
        </div>
      ) : null}
      <label className="flex items-center gap-2 text-sm text-slate-700 sm:col-span-2">
        <input type="checkbox" name="required" defaultChecked={question?.required ?? false} className="size-4 rounded border-slate-300" />
        Required{kind === "checkbox" ? " (the box must be ticked)" : ""}
      </label>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <Button type="submit" size="sm" variant={question ? "secondary" : "primary"} disabled={save.isPending}>
          {question ? "Save question" : "Add question"}
        </Button>
        {saved ? <span role="status" className="text-sm text-green-700">Saved.</span> : null}
        <FormError message={formError} />
      </div>
    </form>
  );
}

function ArchiveButton({ questionId }: { questionId: string }) {
  const trpc = useTRPC();
  const archive = useMutation(trpc.onboarding.archiveQuestion.mutationOptions(useRefreshOnSuccess()));
  return (
    <>
      <Button size="sm" variant="secondary" disabled={archive.isPending} onClick={() => archive.mutate({ questionId })}>
        Remove
      </Button>
      {archive.error ? <p className="text-sm text-red-600">{errorMessage(archive.error)}</p> : null}
    </>
  );
}

/** The program's sign-up questions: add, edit, reorder and remove (answers already given stay on partner pages). */
export function SignupQuestionsEditor({ programId, questions }: { programId: string; questions: Question[] }) {
  const nextPosition = questions.reduce((m, q) => Math.max(m, q.position + 1), 0);
  return (
    <div className="space-y-4">
      {questions.length === 0 ? (
        <p className="text-sm text-slate-500">No questions yet: the sign-up page asks only for name, email, website and how they promote. Add one below.</p>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="signup-questions">
          {questions.map((q) => (
            <li key={q.id} className="space-y-2 py-3">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="text-sm">
                  <span className="font-medium text-slate-900">{q.label}</span>{" "}
                  <span className="text-slate-500">
                    · {QUESTION_KIND_LABELS[q.kind]}
                    {q.required ? " · required" : ""}
                    {q.kind === "select" ? ` · ${q.options.join(", ")}` : ""}
                  </span>
                </p>
                <ArchiveButton questionId={q.id} />
              </div>
              <details>
                <summary className="cursor-pointer text-sm text-slate-500">Edit</summary>
                <div className="pt-2">
                  <QuestionForm programId={programId} question={q} nextPosition={nextPosition} />
                </div>
              </details>
            </li>
          ))}
        </ul>
      )}
      <div className="rounded-md border border-slate-200 p-3">
        <h3 className="mb-2 text-sm font-medium text-slate-700">New question</h3>
        <QuestionForm programId={programId} nextPosition={nextPosition} />
      </div>
    </div>
  );
}
