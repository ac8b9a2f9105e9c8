import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/server/auth/authenticate";
import { createCaller } from "@/server/trpc/root";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { makeAdmin, makePartner, makeProgram, partnerIdByEmail, PASSWORD } from "@/test/factories";
import { reviewPartner } from "./review-partner";

const TERMS_1 = "1. Promote honestly. 2. No brand bidding. 3. Payouts monthly.";
const TERMS_2 = "1. Promote honestly. 2. No brand bidding. 3. Payouts weekly. 4. No spam.";

describe.each(await drivers())("terms and conditions on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  let programId: string;
  const as = (user: SessionUser | null, ip = "203.0.113.7") => createCaller({ db: t.db, user, ip });

  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
    ({ programId } = await makeProgram(t.db));
  });
  afterAll(() => t.close());

  it("requires accepting the version in force at sign-up, re-acceptance in the portal after a new version, and records time and IP", async () => {
    // approved before any terms existed: nothing to accept yet
    const early = await makePartner(t.db, admin);
    expect(await as(early.session).onboarding.myTerms()).toEqual({ terms: null, accepted: true, acceptedBefore: false });

    await expect(as(admin).onboarding.publishTerms({ programId, body: "too short" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const v1 = await as(admin).onboarding.publishTerms({ programId, body: TERMS_1 });
    expect(v1.version).toBe(1);

    // the early partner is now gated until they accept
    const status = await as(early.session).onboarding.myTerms();
    expect(status).toMatchObject({ accepted: false, acceptedBefore: false, terms: { id: v1.termsVersionId, version: 1, body: TERMS_1 } });
    await as(early.session, "198.51.100.20").onboarding.acceptTerms({ termsVersionId: v1.termsVersionId });
    expect((await as(early.session).onboarding.myTerms()).accepted).toBe(true);

    // sign-up: refused without acceptance, and with an outdated version
    const pub = as(null, "192.0.2.44").partner;
    const form = { name: "Terms Reader", email: `reader-${driver}@test.example`, password: PASSWORD };
    await expect(pub.signUp(form)).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { field: "acceptTerms" } });
    await expect(pub.signUp({ ...form, acceptTerms: true, termsVersionId: "trm_old" })).rejects.toMatchObject({ code: "CONFLICT" });
    await pub.signUp({ ...form, acceptTerms: true, termsVersionId: v1.termsVersionId });
    const partnerId = await partnerIdByEmail(t.db, form.email);
    const page = await as(admin).admin.partner({ partnerId });
    expect(page.termsAccepted).toHaveLength(1);
    expect(page.termsAccepted[0]).toMatchObject({ version: 1, ip: "192.0.2.44" });
    expect(page.termsAccepted[0]?.acceptedAt).toBeInstanceOf(Date);

    // a new version: everyone approved must accept again; an old version is refused
    const v2 = await as(admin).onboarding.publishTerms({ programId, body: TERMS_2 });
    expect(v2.version).toBe(2);
    expect(await as(early.session).onboarding.myTerms()).toMatchObject({ accepted: false, acceptedBefore: true });
    await expect(as(early.session).onboarding.acceptTerms({ termsVersionId: v1.termsVersionId })).rejects.toMatchObject({ code: "CONFLICT" });
    await as(early.session).onboarding.acceptTerms({ termsVersionId: v2.termsVersionId });
    // accepting twice is harmless
    await as(early.session).onboarding.acceptTerms({ termsVersionId: v2.termsVersionId });
    const history = (await as(admin).admin.partner({ partnerId: early.partnerId })).termsAccepted;
    expect(history.map((h) => [h.version, h.ip])).toEqual([
      [2, "203.0.113.7"],
      [1, "198.51.100.20"],
    ]);
    const notices = await as(early.session).partner.notifications();
    expect(notices.items.filter((n) => n.kind === "terms_published")).toHaveLength(2);

    const versions = await as(admin).onboarding.termsVersions({ programId });
    expect(versions.map((v) => [v.version, v.acceptances])).toEqual([
      [2, 1],
      [1, 2],
    ]);
    // the pending applicant who accepted v1 must accept v2 once approved
    await reviewPartner(t.db, { partnerId, decision: "approve", actorId: admin.id });
    const [user] = await t.db.query.users.findMany({ where: (u, { eq }) => eq(u.email, form.email) });
    if (!user) throw new Error("user missing");
    const session: SessionUser = { id: user.id, email: form.email, name: form.name, role: "partner", partnerId, sessionVersion: 0 };
    expect((await as(session).onboarding.myTerms()).accepted).toBe(false);
  });

  it("lets only partners accept and only admins publish", async () => {
    const p = await makePartner(t.db, admin).catch(() => null);
    // sign-up now needs the terms, so the plain factory is refused
    expect(p).toBeNull();
    await expect(as(null).onboarding.myTerms()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(as(admin).onboarding.acceptTerms({ termsVersionId: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
