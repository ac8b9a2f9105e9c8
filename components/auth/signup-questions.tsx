"use client";

import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { answerField, type Question } from "@/server/partners/question-schemas";

/** The program's own sign-up questions, each a field named answer_<question id>. */
export function SignupQuestions({ questions, errors }: { questions: Question[]; errors: Record<string, string | undefined> }) {
  return (
    <>
      {questions.map((q) => {
        const name = answerField(q.id);
        const label = q.required ? q.label : `${q.label} (optional)`;
        const error = errors[name];
        if (q.kind === "checkbox") {
          return (
            <div key={q.id} className="space-y-1">
              <label className="flex items-start gap-2 text-sm text-slate-700">
                <input type="checkbox" name={name} value="yes" className="mt-0.5 size-4 rounded border-slate-300" aria-invalid={Boolean(error)} aria-describedby={error ? `${name}-error` : undefined} />
                <span>{label}</span>
              </label>
              {error ? (
                <p id={`${name}-error`} className="text-sm text-red-600">
                  {error}
                </p>
              ) : null}
            </div>
          );
        }
        return (
          <Field key={q.id} label={label} error={error}>
            {(p) =>
              q.kind === "long_text" ? (
                <Textarea {...p} name={name} />
              ) : q.kind === "select" ? (
                <Select {...p} name={name} defaultValue="">
                  <option value="">Choose…</option>
                  {q.options.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </Select>
              ) : (
                <Input {...p} name={name} type={q.kind === "url" ? "url" : "text"} placeholder={q.kind === "url" ? "https://" : undefined} />
              )
            }
          </Field>
        );
      })}
    </>
  );
}

/** The answers in a form, keyed by question id (an unticked checkbox answers "no"). */
export function readAnswers(form: HTMLFormElement, questions: Question[]): Record<string, string> {
  const data = new FormData(form);
  return Object.fromEntries(questions.map((q) => [q.id, q.kind === "checkbox" ? (data.get(answerField(q.id)) === "yes" ? "yes" : "no") : String(data.get(answerField(q.id)) ?? "")]));
}
