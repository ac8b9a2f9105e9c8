import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { setupTokens, users } from "@/db/schema";
import { authenticate } from "@/server/auth/authenticate";
import { recordPostback } from "@/server/conversions/record-postback";
import { drainOutbox } from "@/server/jobs/outbox";
import { reviewPartner } from "@/server/partners/review-partner";
import { createCaller } from "@/server/trpc/root";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { assignPlan, createPlan } from "@/server/commissions/manage-plans";
import { click, EPOCH, linkCode, makeAdmin, makePartner } from "@/test/factories";
import { expectCode, fieldErrorsOf } from "@/test/trpc-errors";
import { setupTokenValid } from "./create-owner";
import { issueSetupToken, SETUP_TOKEN_TTL_MS } from "./issue-setup-token";

const owner = (token: string, over: Record<string, string> = {}) => ({ token, name: "Olive Owner", email: "Olive@Example.com", password: "a long owner password", ...over });

describe.each(await drivers())("first run setup on %s", (driver) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(driver);
  });
  afterAll(() => t.close());
  const anon = () => createCaller({ db: t.db, user: null });

  it("creates the owner once with a fresh token, stores only its hash, and spends it", async () => {
    const stale = await issueSetupToken(t.db);
    const issued = await issueSetupToken(t.db);
    if (!stale || !issued) throw new Error("no token issued");
    const rows = await t.db.select().from(setupTokens);
    expect(rows.map((r) => r.tokenHash)).not.toContain(issued.token);
    expect(issued.expiresAt.getTime() - Date.now()).toBeGreaterThan(SETUP_TOKEN_TTL_MS - 60_000);
    // only the link printed last works
    expect(await setupTokenValid(t.db, stale.token)).toBe(false);
    expect(await setupTokenValid(t.db, issued.token)).toBe(true);
    await expectCode(anon().setup.createOwner(owner(stale.token)), "FORBIDDEN");

    const bad = await expectCode(anon().setup.createOwner(owner(issued.token, { email: "nope", password: "short" })), "BAD_REQUEST");
    expect(fieldErrorsOf(bad)).toMatchObject({ email: "Enter a valid email address", password: "Use at least 10 characters" });
    expect(await setupTokenValid(t.db, issued.token)).toBe(true);

    const { userId } = await anon().setup.createOwner(owner(issued.token));
    const [user] = await t.db.select().from(users).where(eq(users.id, userId));
    expect(user).toMatchObject({ email: "olive@example.com", role: "owner", name: "Olive Owner" });
    expect(await authenticate(t.db, { email: "olive@example.com", password: "a long owner password", ip: "127.0.0.1" }, { maxFailures: 5, windowMinutes: 15 })).toMatchObject({ role: "owner" });

    const again = await expectCode(anon().setup.createOwner(owner(issued.token, { email: "second@example.com" })), "FORBIDDEN");
    expect(again.message).toBe("This setup link is not valid any more. Restart Touchpoint to print a new one.");
    expect(await t.db.$count(users, eq(users.role, "owner"))).toBe(1);
    // a team member exists: no more setup links
    expect(await issueSetupToken(t.db)).toBeNull();
  });

  it("refuses an expired token", async () => {
    const db2 = await createTestDb(driver);
    try {
      const issued = await issueSetupToken(db2.db, new Date(Date.now() - SETUP_TOKEN_TTL_MS - 1000));
      if (!issued) throw new Error("no token issued");
      await expectCode(createCaller({ db: db2.db, user: null }).setup.createOwner(owner(issued.token)), "FORBIDDEN");
      expect(await db2.db.$count(users)).toBe(0);
    } finally {
      await db2.close();
    }
  });

  it("ticks the checklist from real state", async () => {
    const admin = await makeAdmin(t.db);
    const api = createCaller({ db: t.db, user: admin });
    const done = async () => Object.fromEntries((await api.programs.checklist()).items.map((i) => [i.key, i.done]));
    expect(await done()).toEqual({ program: false, offer: false, plan: false, conversion: false, partner: false });
    const { programId } = await api.programs.create({ name: "Fresh", defaultCurrency: "USD", timeZone: "UTC", signUpMode: "open_approval" });
    const { offerId } = await api.offers.create({ programId, name: "First offer", description: "", landingUrl: "https://lp.example.com/?c={click_id}", currency: "USD", eventTypes: "ftd", attributionWindowDays: 30, deepLinkHosts: "", visibility: "all" });
    expect(await done()).toEqual({ program: true, offer: true, plan: false, conversion: false, partner: false });
    const { planId } = await createPlan(t.db, { programId, name: "CPA", terms: { currency: "USD", components: { cpa: { event: "ftd", amount: 5_000n } } }, actorId: admin.id, effectiveFrom: EPOCH, now: EPOCH });
    expect((await done()).plan).toBe(false); // a plan nobody is on pays nothing
    await assignPlan(t.db, { programId, planId, partnerId: null, offerId, effectiveFrom: EPOCH, note: "default", actorId: admin.id, now: EPOCH });
    const partner = await makePartner(t.db, admin, "pending");
    expect(await done()).toEqual({ program: true, offer: true, plan: true, conversion: false, partner: false });
    await reviewPartner(t.db, { partnerId: partner.partnerId, decision: "approve", actorId: admin.id });
    const r = await recordPostback(t.db, { token: (await api.programs.get({ programId }))?.postbackToken ?? "", click_id: await click(t.db, await linkCode(t.db, partner.partnerId, offerId)), event: "ftd", txn_id: "test-1" });
    expect(r.ok).toBe(true);
    await drainOutbox(t.db);
    const list = await api.programs.checklist();
    expect(list.complete).toBe(true);
    expect(list.items.find((i) => i.key === "program")?.href).toBe(`/admin/programs/${programId}`);
  });
});
