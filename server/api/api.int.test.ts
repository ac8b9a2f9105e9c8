import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import { approveCommissions } from "@/server/commissions/review-commissions";
import { kickLocalRunner } from "@/server/jobs/outbox";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { click, linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { recordPostback } from "@/server/conversions/record-postback";
import { saveGroup } from "@/server/partners/groups";
import { drainRollups } from "@/server/reports/run-rollups";
import { expectLedgerInvariants } from "@/test/ledger-invariants";
import { handleApi } from "./handle-api";
import { createApiKey, createPartnerToken, revokeApiKey } from "./manage-keys";
import { resetBuckets, type Rate } from "./rate-limit";
import { API_SCOPES } from "./scopes";

type Problem = { type: string; title: string; status: number; code: string; errors: { field: string; message: string }[] };

describe.each(await drivers())("REST API on %s", (driver) => {
  let t: TestDb;
  let adminId: string;
  let full: string;
  let readOnly: string;
  let scoped: string;
  let programA: string;
  let offerA: string;
  let offerB: string;
  const partners: { id: string; token: string; commissionId: string; conversionId: string }[] = [];

  const call = (secret: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}, rate?: Rate) =>
    handleApi(
      t.db,
      new Request(`http://localhost/api/v1${path}`, {
        method,
        headers: { ...(secret ? { authorization: `Bearer ${secret}` } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      }),
      null,
      { rate },
    );
  async function problemOf(res: Response): Promise<Problem> {
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const p = (await res.json()) as Problem;
    expect(p.status).toBe(res.status);
    return p;
  }

  beforeAll(async () => {
    t = await createTestDb(driver);
    const admin = await makeAdmin(t.db);
    adminId = admin.id;
    const a = await makeProgram(t.db);
    const b = await makeProgram(t.db);
    programA = a.programId;
    offerA = a.offerId;
    offerB = b.offerId;
    full = (await createApiKey(t.db, { name: "Full", programId: null, scopes: API_SCOPES, expiresInDays: null, actorId: admin.id })).secret;
    readOnly = (await createApiKey(t.db, { name: "Read", programId: null, scopes: ["partners:read", "commissions:read"], expiresInDays: 30, actorId: admin.id })).secret;
    scoped = (await createApiKey(t.db, { name: "Program A", programId: programA, scopes: API_SCOPES, expiresInDays: null, actorId: admin.id })).secret;
    // two partners, each with one approved commission on program A's offer
    for (let i = 0; i < 2; i++) {
      const p = await makePartner(t.db, admin);
      const clickId = await click(t.db, await linkCode(t.db, p.partnerId, offerA));
      const r = await recordPostback(t.db, { token: a.token, click_id: clickId, event: "ftd", txn_id: `iso-${i}`, amount: "10" });
      if (!r.ok) throw new Error(r.message);
      await kickLocalRunner(t.db);
      const res = await call(full, "GET", `/commissions?partnerId=${p.partnerId}`);
      const [com] = ((await res.json()) as { data: { id: string }[] }).data;
      await approveCommissions(t.db, { commissionIds: [com!.id], actorId: admin.id });
      const token = (await createPartnerToken(t.db, p.partnerId, { name: "Sheet", expiresInDays: null })).secret;
      partners.push({ id: p.partnerId, token, commissionId: com!.id, conversionId: r.conversionId });
    }
  });
  beforeEach(() => resetBuckets());
  afterAll(() => t.close());

  it("answers 401 without a key, with a wrong one, and with a revoked one", async () => {
    expect((await problemOf(await call(null, "GET", "/partners"))).code).toBe("unauthorized");
    expect((await call("tp_live_nope", "GET", "/partners")).status).toBe(401);
    const k = await createApiKey(t.db, { name: "Soon gone", programId: null, scopes: ["partners:read"], expiresInDays: null, actorId: adminId });
    expect((await call(k.secret, "GET", "/partners")).status).toBe(200);
    await revokeApiKey(t.db, { id: k.id });
    const res = await call(k.secret, "GET", "/partners");
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain("Bearer");
  });

  it("answers 403 when the key lacks the scope, and lets a write scope read", async () => {
    const p = await problemOf(await call(readOnly, "POST", "/commissions/approve", { commissionIds: [partners[0]!.commissionId] }));
    expect(p).toMatchObject({ status: 403, code: "insufficient_scope" });
    expect((await call(readOnly, "GET", "/offers")).status).toBe(403);
    expect((await call(readOnly, "GET", "/commissions")).status).toBe(200);
  });

  it("names every bad field in one 422, and never answers 500 for bad input", async () => {
    const p = await problemOf(await call(full, "POST", "/offers", { programId: programA, name: "x", landingUrl: "ftp://nope", currency: "DOLLARS", attributionWindowDays: 9999, visibility: "everyone" }));
    expect(p.code).toBe("validation_failed");
    expect(p.errors.map((e) => e.field).sort()).toEqual(["attributionWindowDays", "currency", "landingUrl", "name", "visibility"]);
    const q = await problemOf(await call(full, "GET", "/conversions?limit=500&createdAfter=yesterday"));
    expect(q.errors.map((e) => e.field).sort()).toEqual(["createdAfter", "limit"]);
    expect((await problemOf(await call(full, "POST", "/partners", "{not json"))).code).toBe("invalid_json");
    expect((await problemOf(await call(full, "GET", "/offers?cursor=garbage"))).code).toBe("invalid_cursor");
    expect((await problemOf(await call(full, "POST", "/conversions", { programId: programA, event: "FTD!", txn_id: "" }))).errors.map((e) => e.field).sort()).toEqual(["event", "txn_id"]);
    for (const body of [[], "null", 42, { commissionIds: "com_1" }]) expect((await call(full, "POST", "/commissions/approve", body)).status).toBeLessThan(500);
    expect((await problemOf(await call(full, "GET", "/offers/ofr_nothing"))).status).toBe(404);
    expect((await problemOf(await call(full, "DELETE", "/offers"))).status).toBe(405);
    expect((await problemOf(await call(full, "GET", "/nothing-here"))).status).toBe(404);
    const domain = await problemOf(await call(full, "POST", `/partners/${partners[0]!.id}/status`, { action: "suspend" }));
    expect(domain).toMatchObject({ status: 422, errors: [{ field: "reason" }] });
  });

  it("pages with an opaque cursor, newest first, without overlap", async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(full, "GET", `/partners?limit=1${cursor ? `&cursor=${cursor}` : ""}`);
      const page = (await res.json()) as { data: { id: string }[]; nextCursor: string | null };
      ids.push(...page.data.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids).toEqual([...partners.map((p) => p.id)].reverse());
    const future = await call(full, "GET", `/partners?createdAfter=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    expect(((await future.json()) as { data: unknown[] }).data).toEqual([]);
  });

  it("keeps a program-scoped key to its program", async () => {
    const offers = (await (await call(scoped, "GET", "/offers")).json()) as { data: { id: string }[] };
    expect(offers.data.map((o) => o.id)).toEqual([offerA]);
    expect((await call(scoped, "GET", `/offers/${offerB}`)).status).toBe(404);
    expect((await call(full, "GET", `/offers/${offerB}`)).status).toBe(200);
    expect((await problemOf(await call(scoped, "GET", "/payout-batches"))).code).toBe("program_scoped_key");
  });

  it("answers 429 with Retry-After once the key's bucket is empty", async () => {
    const rate = { capacity: 3, refillPerSecond: 0.1 };
    for (let i = 0; i < 3; i++) expect((await call(readOnly, "GET", "/partners?limit=1", undefined, {}, rate)).status).toBe(200);
    const res = await call(readOnly, "GET", "/partners?limit=1", undefined, {}, rate);
    expect((await problemOf(res)).code).toBe("rate_limited");
    expect(Number(res.headers.get("retry-after"))).toBe(10);
    // another key has its own bucket
    expect((await call(full, "GET", "/partners?limit=1", undefined, {}, rate)).status).toBe(200);
  });

  it("gives a partner token that partner's numbers only", async () => {
    const [a, b] = partners as [(typeof partners)[0], (typeof partners)[0]];
    const mine = (await (await call(a.token, "GET", "/partner/commissions")).json()) as { data: { id: string; partnerId: string }[] };
    expect(mine.data.map((c) => c.id)).toEqual([a.commissionId]);
    // naming the other partner in the query changes nothing: the token decides
    const sneaky = (await (await call(a.token, "GET", `/partner/commissions?partnerId=${b.id}`)).json()) as { data: { id: string }[] };
    expect(sneaky.data.map((c) => c.id)).toEqual([a.commissionId]);
    const convs = (await (await call(b.token, "GET", "/partner/conversions")).json()) as { data: Record<string, unknown>[] };
    expect(convs.data.map((c) => c.id)).toEqual([b.conversionId]);
    expect(convs.data[0]).not.toHaveProperty("customerId");
    const payouts = (await (await call(a.token, "GET", "/partner/payouts")).json()) as { balances: { currency: string; approved: number }[] };
    expect(payouts.balances).toEqual([{ currency: "USD", pending: 0, approved: 20_000, paid: 0 }]);
    await drainRollups(t.db); // reports read the rollups the worker folds
    const today = new Date().toISOString().slice(0, 10);
    const rep = await call(a.token, "POST", "/partner/reports", { from: today, to: today, dimensions: ["partner"] });
    expect(rep.status).toBe(200);
    const report = (await rep.json()) as { rows: { key: Record<string, string> }[] };
    // one row, and it is the token's partner (the other partner's click and commission are in the same rollups)
    expect(report.rows.map((r) => r.key.partner)).toEqual([a.id]);
    // a partner token cannot reach operator routes, nor an API key partner routes
    expect((await problemOf(await call(a.token, "GET", "/commissions"))).code).toBe("wrong_credential");
    expect((await call(full, "GET", "/partner/commissions")).status).toBe(403);
  });

  it("updates offers and partners in part, sets sponsor and groups, reverses a conversion and rejects commissions", async () => {
    const patched = await call(full, "PATCH", `/offers/${offerA}`, { name: "Renamed offer", status: "paused" });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ id: offerA, name: "Renamed offer", status: "paused", currency: "USD" });
    await call(full, "PATCH", `/offers/${offerA}`, { status: "active" });

    const [a, b] = partners as [(typeof partners)[0], (typeof partners)[0]];
    const edited = await call(full, "PATCH", `/partners/${b.id}`, { company: "Bee Ltd", country: "gb" });
    expect(await edited.json()).toMatchObject({ company: "Bee Ltd", country: "GB", status: "approved" });
    const sponsored = await call(full, "POST", `/partners/${b.id}/sponsor`, { sponsorId: a.id, reason: "Recruited at a conference" });
    expect(await sponsored.json()).toMatchObject({ sponsorId: a.id });
    const { groupId } = await saveGroup(t.db, { name: "VIP" });
    const grouped = await call(full, "POST", `/partners/${b.id}/groups`, { groupIds: [groupId] });
    expect(await grouped.json()).toMatchObject({ groupIds: [groupId] });
    expect((await problemOf(await call(full, "POST", `/partners/${b.id}/groups`, { groupIds: ["grp_missing"] }))).status).toBeLessThan(500);

    const reversed = await call(full, "POST", `/conversions/${a.conversionId}/reverse`, { reason: "Chargeback from the bank" });
    expect(await reversed.json()).toMatchObject({ reversedCommissionIds: [a.commissionId] });
    const list = (await (await call(full, "GET", `/commissions?partnerId=${a.id}`)).json()) as { data: { status: string }[] };
    expect(list.data.map((c) => c.status)).toEqual(["reversed"]);
    const rejected = await call(full, "POST", "/commissions/reject", { commissionIds: [b.commissionId], reason: "Duplicate" });
    expect(await rejected.json()).toMatchObject({ changed: [], skipped: [{ id: b.commissionId, status: "approved" }] });
    await expectLedgerInvariants(t.db);
  });

  it("writes refused writes to the audit log too, with the key as the actor", async () => {
    await call(full, "POST", `/partners/${partners[1]!.id}/status`, { action: "close" });
    const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "api.changePartnerStatus"), eq(auditLog.objectId, partners[1]!.id)));
    expect(entry).toMatchObject({ actorRole: "api_key", actorId: adminId, outcome: "failed", objectType: "partner", objectId: partners[1]!.id });
    expect(entry!.actorEmail).toMatch(/^api key tp_live_\S{8} \(Full\)$/);
  });
});
