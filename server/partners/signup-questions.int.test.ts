import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/server/auth/authenticate";
import { createCaller } from "@/server/trpc/root";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { makeAdmin, makeProgram, partnerIdByEmail, PASSWORD } from "@/test/factories";
import { checkAnswers } from "./question-schemas";

describe.each(await drivers())("sign-up questions on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  let programId: string;
  const as = (user: SessionUser | null) => createCaller({ db: t.db, user });
  let n = 0;
  const applicant = () => ({ name: `Applicant ${++n}`, email: `applicant-${n}-${driver}@test.example`, password: PASSWORD });

  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
    ({ programId } = await makeProgram(t.db));
  });
  afterAll(() => t.close());

  it("asks the program's questions on sign-up, refuses bad answers by field, and shows the answers to the admin", async () => {
    const api = as(admin).onboarding;
    const { questionId: markets } = await api.saveQuestion({ programId, label: "Which markets do you cover?", kind: "text", options: [], required: true, position: 0 });
    const { questionId: size } = await api.saveQuestion({ programId, label: "Monthly visitors", kind: "select", options: ["< 10k", "10k-100k", "> 100k"], required: true, position: 1 });
    const { questionId: site } = await api.saveQuestion({ programId, label: "Your best page", kind: "url", options: [], required: false, position: 2 });
    const { questionId: adult } = await api.saveQuestion({ programId, label: "I am over 18", kind: "checkbox", options: [], required: true, position: 3 });
    await expect(api.saveQuestion({ programId, label: "Pick", kind: "select", options: ["only one"], required: false, position: 4 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await api.questions({ programId })).map((q) => q.id)).toEqual([markets, size, site, adult]);

    const pub = as(null).partner;
    const good = { [markets]: "UK, DE", [size]: "10k-100k", [site]: "https://best.example.com/page", [adult]: "yes" };
    await expect(pub.signUp({ ...applicant(), answers: { ...good, [markets]: "" } })).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { field: `answer_${markets}` } });
    await expect(pub.signUp({ ...applicant(), answers: { ...good, [size]: "a million" } })).rejects.toMatchObject({ cause: { field: `answer_${size}` } });
    await expect(pub.signUp({ ...applicant(), answers: { ...good, [site]: "not a url" } })).rejects.toMatchObject({ cause: { field: `answer_${site}` } });
    await expect(pub.signUp({ ...applicant(), answers: { ...good, [adult]: "no" } })).rejects.toMatchObject({ cause: { field: `answer_${adult}` } });
    await expect(pub.signUp(applicant())).rejects.toMatchObject({ code: "BAD_REQUEST" });

    const who = applicant();
    await pub.signUp({ ...who, answers: { ...good, [site]: "", unknown_question: "ignored" } });
    const partnerId = await partnerIdByEmail(t.db, who.email);
    const page = await as(admin).admin.partner({ partnerId });
    expect(page.answers.map((a) => [a.label, a.value])).toEqual([
      ["Which markets do you cover?", "UK, DE"],
      ["Monthly visitors", "10k-100k"],
      ["I am over 18", "yes"],
    ]);

    // a removed question is no longer asked, and the answers already given stay
    await api.archiveQuestion({ questionId: markets });
    expect((await api.questions({ programId })).map((q) => q.id)).toEqual([size, site, adult]);
    await pub.signUp({ ...applicant(), answers: { [size]: "< 10k", [adult]: "yes" } });
    expect((await as(admin).admin.partner({ partnerId })).answers).toHaveLength(3);
  });

  it("checks answers the same way in the browser and on the server", () => {
    const q = [{ id: "q1", label: "Long", kind: "long_text" as const, options: [], required: false }];
    expect(checkAnswers(q, { q1: "line one\nline two" })).toMatchObject({ ok: true, answers: [{ questionId: "q1", value: "line one\nline two" }] });
    expect(checkAnswers(q, { q1: "x".repeat(5001) })).toMatchObject({ ok: false, field: "answer_q1" });
    expect(checkAnswers(q, {})).toEqual({ ok: true, answers: [] });
  });
});
