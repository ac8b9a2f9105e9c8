import { and, asc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { newId } from "@/db/ids";
import { signupAnswers, signupQuestions } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { signUpProgram } from "@/server/programs/sign-up-mode";
import { checkAnswers, type Question, type QuestionInput } from "./question-schemas";

const questionColumns = { id: signupQuestions.id, label: signupQuestions.label, kind: signupQuestions.kind, options: signupQuestions.options, required: signupQuestions.required };

/** A program's questions in order (archived ones only when asked, for the admin's list). */
export async function listQuestions(db: DbOrTx, programId: string) {
  return db
    .select({ ...questionColumns, position: signupQuestions.position, archivedAt: signupQuestions.archivedAt })
    .from(signupQuestions)
    .where(and(eq(signupQuestions.programId, programId), isNull(signupQuestions.archivedAt)))
    .orderBy(asc(signupQuestions.position), asc(signupQuestions.createdAt));
}

/** The questions /signup asks: the sign-up program's (see signUpProgram). */
export async function signUpQuestions(db: DbOrTx): Promise<Question[]> {
  const program = await signUpProgram(db);
  if (!program) return [];
  return (await listQuestions(db, program.id)).map((q) => ({ id: q.id, label: q.label, kind: q.kind, options: q.options, required: q.required }));
}

export async function saveQuestion(db: DbOrTx, input: QuestionInput) {
  const values = { label: input.label, kind: input.kind, options: input.kind === "select" ? input.options : [], required: input.required, position: input.position };
  if (input.questionId) {
    const [row] = await db
      .update(signupQuestions)
      .set(values)
      .where(and(eq(signupQuestions.id, input.questionId), eq(signupQuestions.programId, input.programId), isNull(signupQuestions.archivedAt)))
      .returning({ id: signupQuestions.id });
    if (!row) throw new DomainError("NOT_FOUND", "Question not found");
    return { questionId: row.id };
  }
  const questionId = newId("signupQuestion");
  await db.insert(signupQuestions).values({ id: questionId, programId: input.programId, ...values });
  return { questionId };
}

/** Takes a question off the form; the answers partners gave stay on their pages. */
export async function archiveQuestion(db: DbOrTx, questionId: string) {
  const [row] = await db.update(signupQuestions).set({ archivedAt: new Date() }).where(and(eq(signupQuestions.id, questionId), isNull(signupQuestions.archivedAt))).returning({ id: signupQuestions.id });
  if (!row) throw new DomainError("NOT_FOUND", "Question not found");
  return { questionId: row.id };
}

/** Checks a sign-up's answers against the questions asked and stores them (inside the sign-up's transaction). */
export async function storeAnswers(tx: DbOrTx, partnerId: string, answers: Record<string, string> | undefined) {
  const questions = await signUpQuestions(tx);
  const checked = checkAnswers(questions, answers ?? {});
  if (!checked.ok) throw new DomainError("BAD_REQUEST", checked.message, checked.field);
  if (checked.answers.length > 0) await tx.insert(signupAnswers).values(checked.answers.map((a) => ({ partnerId, ...a })));
}

/** A partner's answers with the questions' wording, for the admin's partner page. */
export async function answersOf(db: DbOrTx, partnerId: string) {
  return db
    .select({ questionId: signupQuestions.id, label: signupQuestions.label, kind: signupQuestions.kind, value: signupAnswers.value })
    .from(signupAnswers)
    .innerJoin(signupQuestions, eq(signupQuestions.id, signupAnswers.questionId))
    .where(eq(signupAnswers.partnerId, partnerId))
    .orderBy(asc(signupQuestions.position), asc(signupQuestions.createdAt));
}
