import { z } from "zod";
import type { QuestionKind } from "@/db/schema/partner-onboarding";
import { QUESTION_KINDS } from "@/db/schema/values";
import { isCleanText } from "@/server/text";

/** A sign-up question as the form and the server see it. */
export type Question = { id: string; label: string; kind: QuestionKind; options: string[]; required: boolean };

export const QUESTION_KIND_LABELS: Record<QuestionKind, string> = {
  text: "Short text",
  long_text: "Long text",
  select: "Choice from a list",
  checkbox: "Checkbox",
  url: "Web address (URL)",
};

/** The form field of a question's answer: answers travel as `{ [questionId]: value }`. */
export const answerField = (questionId: string) => `answer_${questionId}`;

const clean = (max: number, multiline = false) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters`)
    .refine((v) => isCleanText(v, multiline), "Use letters, digits and punctuation only");

/** The rule one answer must follow; "" means not answered (a checkbox answers "yes" or "no"). */
function answerSchema(q: Question): z.ZodType<string, string> {
  const missing = q.kind === "checkbox" ? "Tick this box to continue" : q.kind === "select" ? "Pick one" : "Answer this question";
  let s: z.ZodType<string, string>;
  switch (q.kind) {
    case "long_text":
      s = clean(5000, true);
      break;
    case "url":
      s = clean(500).refine((v) => v === "" || /^https?:\/\/[^\s]+\.[^\s]+$/i.test(v), "Enter a full URL such as https://example.com");
      break;
    case "select":
      s = z.string().refine((v) => v === "" || q.options.includes(v), "Pick one of the choices");
      break;
    case "checkbox":
      s = z.enum(["yes", "no", ""], { error: "Tick the box or leave it empty" });
      break;
    default:
      s = clean(500);
  }
  if (!q.required) return s;
  return s.refine((v) => v !== "" && !(q.kind === "checkbox" && v === "no"), missing);
}

/** The answers to a program's questions, keyed by the answer's form field, checked all at once (field errors). */
export function answersSchema(questions: Question[]) {
  // a missing answer is checked as "" so a required question cannot be skipped by leaving it out
  return z.object(Object.fromEntries(questions.map((q) => [answerField(q.id), z.string().optional().transform((v) => v ?? "").pipe(answerSchema(q))])));
}

/** Checks answers keyed by question id; returns the first problem as [field, message] or the cleaned answers. */
export function checkAnswers(questions: Question[], answers: Record<string, string>): { ok: true; answers: { questionId: string; value: string }[] } | { ok: false; field: string; message: string } {
  const keyed = Object.fromEntries(Object.entries(answers).map(([id, v]) => [answerField(id), v]));
  const parsed = answersSchema(questions).safeParse(keyed);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, field: String(issue?.path[0] ?? "answers"), message: issue?.message ?? "Check your answers" };
  }
  const values = parsed.data as Record<string, string>;
  return { ok: true, answers: questions.map((q) => ({ questionId: q.id, value: (values[answerField(q.id)] ?? "").trim() })).filter((a) => a.value !== "") };
}

export const questionInput = z
  .object({
    questionId: z.string().min(1).max(64).optional(),
    programId: z.string().min(1).max(64),
    label: clean(300).pipe(z.string().min(3, "Write the question (at least 3 characters)")),
    kind: z.enum(QUESTION_KINDS, { error: "Pick the kind of answer" }),
    options: z.array(clean(120).pipe(z.string().min(1))).max(50, "At most 50 choices"),
    required: z.boolean(),
    position: z.number({ error: "Enter a number" }).int("Use a whole number").min(0).max(1000),
  })
  .refine((q) => q.kind !== "select" || q.options.length >= 2, { message: "Give at least two choices, one per line", path: ["options"] });
export type QuestionInput = z.infer<typeof questionInput>;
