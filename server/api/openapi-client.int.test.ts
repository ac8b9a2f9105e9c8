import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import createClient from "openapi-fetch";
import { Webhook } from "standardwebhooks";
import { and, eq, like } from "drizzle-orm";
import { auditLog, webhookDeliveries } from "@/db/schema";
import { assignPlan } from "@/server/commissions/manage-plans";
import { drainOutbox, kickLocalRunner } from "@/server/jobs/outbox";
import { savePayoutDetails } from "@/server/payouts/payout-details";
import { drainRollups } from "@/server/reports/run-rollups";
import { startApiServer } from "@/test/api-server";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { click, EPOCH, makeAdmin, makeProgram } from "@/test/factories";
import { expectLedgerInvariants } from "@/test/ledger-invariants";
import { GENERATED_TYPES_PATH, generateApiTypes } from "./generate-types";
import { createApiKey, createPartnerToken } from "./manage-keys";
import type { paths } from "./openapi-types.gen";
import { resetBuckets } from "./rate-limit";
import { API_SCOPES } from "./scopes";

describe("the checked-in client types", () => {
  it("are what openapi-typescript generates from the served document today (run npm run api:types after a change)", async () => {
    expect(readFileSync(GENERATED_TYPES_PATH, "utf8")).toBe(await generateApiTypes());
  });
});

type Hit = { headers: Record<string, string>; body: string };
type Message = { type: string; timestamp: string; data: Record<string, unknown> };

/** The operator's webhook receiver on a loopback listener: it keeps every request as it came. */
async function receiver() {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      hits.push({ headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])), body });
      res.writeHead(204).end();
    });
  });
  // vitest.config.mts sets OUTBOUND_ALLOW_PRIVATE=127.0.0.2/32: the SSRF-safe client may reach this address only
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.2", resolve));
  const { port } = server.address() as AddressInfo;
  return { hits, url: `http://127.0.0.2:${port}/touchpoint`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/*
 * The open platform end to end: a client generated from the published OpenAPI document (and nothing else)
 * runs a program from offer to paid payout, the operator's receiver gets each fact as a signed webhook that the
 * Standard Webhooks library verifies, a partner's token reads that partner's numbers only, and the audit log
 * names the key for every write.
 */
describe.each(await drivers())("a client generated from the OpenAPI document, over HTTP, on %s", (driver) => {
  let t: TestDb;
  let server: { url: string; close: () => Promise<void> };
  let rx: Awaited<ReturnType<typeof receiver>>;
  let webhookSecret: string;
  let endpointId: string;
  let secret: string;
  let keyPrefix: string;
  let programId: string;
  beforeAll(async () => {
    t = await createTestDb(driver);
    resetBuckets();
    const admin = await makeAdmin(t.db);
    const p = await makeProgram(t.db);
    programId = p.programId;
    // the program's plan pays on every offer, so the offer the API creates earns commissions
    await assignPlan(t.db, { programId, planId: p.planId, partnerId: null, offerId: null, effectiveFrom: EPOCH, note: "program default", actorId: null });
    ({ secret, prefix: keyPrefix } = await createApiKey(t.db, { name: "Back office", programId: null, scopes: API_SCOPES, expiresInDays: null, actorId: admin.id }));
    server = await startApiServer(t.db);
    rx = await receiver();
  });
  afterAll(async () => {
    await server?.close();
    await rx?.close();
    await t?.close();
  });

  it("fetches the document it was generated from", async () => {
    const res = await fetch(`${server.url}/api/v1/openapi.json`);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/payout-batches/{batchId}/paid");
  });

  it("creates an offer, partners and conversions, approves the commissions and pays them; each fact arrives as a signed webhook", async () => {
    const api = createClient<paths>({ baseUrl: `${server.url}/api/v1`, headers: { authorization: `Bearer ${secret}` } });

    // the receiver is registered through the API; the answer holds the signing secret, once
    const hook = await api.POST("/webhook-endpoints", { body: { url: rx.url, description: "CRM", events: [] } });
    expect(hook.response.status).toBe(201);
    expect(hook.data).toMatchObject({ url: rx.url, enabled: true, events: [], secret: expect.stringMatching(/^whsec_/) });
    ({ id: endpointId, secret: webhookSecret } = hook.data!);
    expect((await api.GET("/webhook-endpoints")).data!.data).toEqual([expect.not.objectContaining({ secret: expect.anything() })]);

    const offer = await api.POST("/offers", {
      body: { programId, name: "Spring sale", landingUrl: "https://shop.example.com/?cid={click_id}", currency: "USD", eventTypes: ["lead", "ftd"] },
      headers: { "idempotency-key": "offer-1" },
    });
    expect(offer.response.status).toBe(201);
    const offerId = offer.data!.id;
    expect(offer.data).toMatchObject({ programId, name: "Spring sale", eventTypes: ["lead", "ftd"], status: "active", attributionWindowDays: 30 });

    // Ada applies (pending) and is approved; Bob is added approved
    const ada = await api.POST("/partners", { body: { name: "Ada Affiliates", email: `ada-${driver}@partner.example`, status: "pending", type: "affiliate" } });
    expect(ada.response.status).toBe(201);
    const adaId = ada.data!.id;
    expect(ada.data).toMatchObject({ status: "pending", type: "affiliate", sponsorId: null });
    const approvedAda = await api.POST("/partners/{partnerId}/status", { params: { path: { partnerId: adaId } }, body: { action: "approve" } });
    expect(approvedAda.data).toMatchObject({ id: adaId, status: "approved" });
    const bob = await api.POST("/partners", { body: { name: "Bob Bonus", email: `bob-${driver}@partner.example`, status: "approved", type: "affiliate" } });
    const bobId = bob.data!.id;
    const coupon = await api.POST("/coupons", { body: { partnerId: adaId, offerId, code: "ada-spring" }, headers: { "idempotency-key": `cpn-${driver}` } });
    expect(coupon.data).toMatchObject({ code: "ADA-SPRING", partnerId: adaId, offerId, status: "active" });
    // payout details are the partner's to enter, in the portal
    await savePayoutDetails(t.db, adaId, { method: "paypal", email: "ada@partner.example" });
    await savePayoutDetails(t.db, bobId, { method: "paypal", email: "bob@partner.example" });

    const conversionFor = async (partnerId: string, txn: string) => {
      const link = await api.POST("/links", { body: { partnerId, offerId, label: "newsletter" } });
      expect(link.response.status).toBe(201);
      const clickId = await click(t.db, link.data!.code);
      const body = { programId, click_id: clickId, event: "ftd", txn_id: `${txn}-${driver}`, amount: "150.00", currency: "USD" };
      const conv = await api.POST("/conversions", { body, headers: { "idempotency-key": `conv-${txn}-${driver}` } });
      expect(conv.response.status).toBe(201);
      expect(conv.data).toMatchObject({ status: "accepted", conversion: { offerId, event: "ftd", amount: 15_000, currency: "USD" } });
      return { body, conv };
    };
    const { body, conv } = await conversionFor(adaId, "ada");
    const bobConv = await conversionFor(bobId, "bob");

    // a retry with the same key and body gets the first answer, marked as a replay
    const retry = await api.POST("/conversions", { body, headers: { "idempotency-key": `conv-ada-${driver}` } });
    expect(retry.response.status).toBe(201);
    expect(retry.response.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.data).toEqual(conv.data);
    // the same key with another body is refused
    const reused = await api.POST("/conversions", { body: { ...body, amount: "99.00" }, headers: { "idempotency-key": `conv-ada-${driver}` } });
    expect(reused.response.status).toBe(409);
    expect(reused.error).toMatchObject({ code: "idempotency_key_reused" });

    await kickLocalRunner(t.db); // attribution and the commission, as the job runner does after a postback
    await drainOutbox(t.db);

    const pending = await api.GET("/commissions", { params: { query: { status: "pending" } } });
    expect(pending.data!.data).toHaveLength(2);
    const commissionOf = (partnerId: string) => pending.data!.data.find((c) => c.partnerId === partnerId)!;
    const adaCommission = commissionOf(adaId);
    const bobCommission = commissionOf(bobId);
    expect(adaCommission).toMatchObject({ offerId, amount: 20_000, currency: "USD", status: "pending", conversionId: conv.data!.conversion.id });
    expect(bobCommission).toMatchObject({ offerId, amount: 20_000, conversionId: bobConv.conv.data!.conversion.id });

    const approved = await api.POST("/commissions/approve", { body: { commissionIds: [adaCommission.id, bobCommission.id] } });
    expect(new Set(approved.data!.changed)).toEqual(new Set([adaCommission.id, bobCommission.id]));

    const batch = await api.POST("/payout-batches", { body: { currency: "USD" } });
    expect(batch.response.status).toBe(201);
    const batchId = batch.data!.batch!.id;
    expect(batch.data!.batch).toMatchObject({ status: "draft", total: 40_000, partnerCount: 2 });

    const ok = await api.POST("/payout-batches/{batchId}/approve", { params: { path: { batchId } } });
    expect(ok.data!.status).toBe("approved");
    const paid = await api.POST("/payout-batches/{batchId}/paid", { params: { path: { batchId } }, body: { reference: "WIRE-2026-001" } });
    expect(paid.data).toMatchObject({ status: "paid", reference: "WIRE-2026-001" });

    const after = await api.GET("/commissions", { params: { query: { partnerId: adaId } } });
    expect(after.data!.data.map((c) => c.status)).toEqual(["paid"]);
    await expectLedgerInvariants(t.db);

    // Webhooks: the outbox sends each message to the loopback receiver (the SSRF-safe client as in production,
    // with only 127.0.0.2 allowed); every request verifies with the endpoint's secret.
    await drainOutbox(t.db);
    const messages = rx.hits.map((h) => ({ id: h.headers["webhook-id"], message: new Webhook(webhookSecret).verify(h.body, h.headers) as Message }));
    const one = (type: string, match: (d: Record<string, unknown>) => boolean) => {
      const found = messages.filter((m) => m.message.type === type && match(m.message.data));
      expect(found, `${type} messages`).toHaveLength(1);
      return found[0]!.message.data;
    };
    expect(one("partner.applied", (d) => d.partner_id === adaId)).toMatchObject({ status: "pending" });
    expect(one("partner.approved", (d) => d.partner_id === adaId)).toMatchObject({ status: "approved", previous_status: "pending" });
    expect(one("partner.approved", (d) => d.partner_id === bobId)).toMatchObject({ status: "approved" });
    for (const [partnerId, c, commission] of [
      [adaId, conv, adaCommission],
      [bobId, bobConv.conv, bobCommission],
    ] as const) {
      expect(one("conversion.recorded", (d) => d.conversion_id === c.data!.conversion.id)).toMatchObject({
        partner_id: partnerId,
        offer_id: offerId,
        event: "ftd",
        sale: { amount: 15_000, currency: "USD" },
        commissions: [{ commission_id: commission.id, partner_id: partnerId, amount: 20_000, currency: "USD" }],
      });
      expect(one("commission.approved", (d) => d.commission_id === commission.id)).toMatchObject({ partner_id: partnerId, amount: 20_000, currency: "USD" });
    }
    expect(one("payout_batch.approved", (d) => d.payout_batch_id === batchId)).toMatchObject({ total: { amount: 40_000, currency: "USD" } });
    expect(one("payout_batch.paid", (d) => d.payout_batch_id === batchId)).toMatchObject({
      reference: "WIRE-2026-001",
      partners: expect.arrayContaining([expect.objectContaining({ partner_id: adaId, amount: 20_000 }), expect.objectContaining({ partner_id: bobId, amount: 20_000 })]),
    });
    // nothing else was announced
    expect(messages.map((m) => m.message.type).sort()).toEqual(
      ["commission.approved", "commission.approved", "conversion.recorded", "conversion.recorded", "partner.applied", "partner.approved", "partner.approved", "payout_batch.approved", "payout_batch.paid"],
    );
    // each message was sent once and logged as delivered
    expect(new Set(messages.map((m) => m.id)).size).toBe(messages.length);
    const log = await t.db.select({ id: webhookDeliveries.id, status: webhookDeliveries.status }).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));
    expect(log.map((d) => d.status)).toEqual(messages.map(() => "delivered"));
    // a tampered body does not verify
    expect(() => new Webhook(webhookSecret).verify(rx.hits[0]!.body.replace(/"type":"[^"]+"/, '"type":"forged"'), rx.hits[0]!.headers)).toThrow();

    // Ada's token (made in her portal) reads her numbers only, through the same generated client
    const adaToken = (await createPartnerToken(t.db, adaId, { name: "Sheet", expiresInDays: null })).secret;
    const asAda = createClient<paths>({ baseUrl: `${server.url}/api/v1`, headers: { authorization: `Bearer ${adaToken}` } });
    const mine = await asAda.GET("/partner/commissions", { params: { query: {} } });
    expect(mine.data!.data.map((c) => [c.id, c.partnerId, c.status])).toEqual([[adaCommission.id, adaId, "paid"]]);
    const myConversions = await asAda.GET("/partner/conversions", { params: { query: {} } });
    expect(myConversions.data!.data.map((c) => c.id)).toEqual([conv.data!.conversion.id]);
    const myPayouts = await asAda.GET("/partner/payouts");
    expect(myPayouts.data).toMatchObject({ data: [{ batchId, amount: 20_000, status: "paid", reference: "WIRE-2026-001" }], balances: [{ currency: "USD", pending: 0, approved: 0, paid: 20_000 }] });
    const myCoupons = await asAda.GET("/partner/coupons");
    expect(myCoupons.data!.data.map((c) => c.code)).toEqual(["ADA-SPRING"]);
    await drainRollups(t.db); // the reports read the rollups, as the server's worker folds them
    const today = new Date().toISOString().slice(0, 10);
    const report = await asAda.POST("/partner/reports", { body: { from: today, to: today, dimensions: ["partner"] } });
    expect(report.data!.rows.map((r) => r.key.partner)).toEqual([adaId]);
    expect(report.data!.totals).toMatchObject({ clicks: 1, commissionPaid: { USD: 20_000 } });
    // an operator route is closed to the token, whatever it names
    const sneaky = await asAda.GET("/commissions", { params: { query: { partnerId: bobId } } });
    expect(sneaky.response.status).toBe(403);

    // every write is in the audit log with the key as the actor
    const entries = await t.db
      .select({ action: auditLog.action, actorRole: auditLog.actorRole, actorEmail: auditLog.actorEmail, outcome: auditLog.outcome })
      .from(auditLog)
      .where(and(eq(auditLog.actorRole, "api_key"), like(auditLog.actorEmail, `api key ${keyPrefix}%`)));
    const actions = entries.map((e) => `${e.action}:${e.outcome}`);
    for (const op of ["createWebhookEndpoint", "createOffer", "createPartner", "changePartnerStatus", "createCoupon", "createLink", "createConversion", "approveCommissions", "createPayoutBatch", "approvePayoutBatch", "markPayoutBatchPaid"])
      expect(actions).toContain(`api.${op}:ok`);
    expect(actions.filter((a) => a === "api.createPartner:ok")).toHaveLength(2);
    // the replay ran nothing a second time (one conversion each for Ada and Bob)
    expect(actions.filter((a) => a === "api.createConversion:ok")).toHaveLength(2);
    // the secret never reaches the audit log
    const hookEntry = await t.db.select().from(auditLog).where(eq(auditLog.action, "api.createWebhookEndpoint"));
    expect(JSON.stringify(hookEntry)).not.toContain(webhookSecret);
    // reads are not audited
    expect(actions.some((a) => a.startsWith("api.list"))).toBe(false);
  });
});
