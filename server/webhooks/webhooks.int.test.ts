import http from "node:http";
import type { AddressInfo } from "node:net";
import { and, asc, eq, sql } from "drizzle-orm";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { auditLog, outboxEvents, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@/db/schema/values";
import type { SessionUser } from "@/server/auth/authenticate";
import { reverseCommissions } from "@/server/commissions/reverse-commissions";
import { approveCommissions, rejectCommissions } from "@/server/commissions/review-commissions";
import { drainOutbox, kickLocalRunner } from "@/server/jobs/outbox";
import { DEFAULT_POLICY } from "@/server/net/safe-fetch";
import { setPartnerStatus } from "@/server/partners/set-partner-status";
import { approvePayoutBatch, markBatchPaid } from "@/server/payouts/batch-status";
import { createPayoutBatch } from "@/server/payouts/create-payout-batch";
import { savePayoutDetails } from "@/server/payouts/payout-details";
import { createCaller } from "@/server/trpc/root";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { BOT_UA, convert, partnerOn, visit, type Program } from "@/test/fraud-traffic";
import { makeAdmin, makeMember, makePartner, makeProgram } from "@/test/factories";
import { expectLedgerInvariants } from "@/test/ledger-invariants";
import { expectCode } from "@/test/trpc-errors";
import { deliverWebhook } from "./deliver-webhook";
import { listDeliveries, replayDelivery, sendTestEvent } from "./deliveries";
import { createEndpoint, getEndpoint, revealSecret, rotateSecret, setEndpointEnabled } from "./manage-endpoints";
import { RETRY_FOR_MS } from "./schedule";
import { saveEndpointInput } from "./schemas";
import { newWebhookSecret } from "./secrets";

type Hit = { headers: Record<string, string>; body: string };

/** The operator's receiver: records each request and answers with the next queued status (default 200). */
async function receiver(host: string) {
  const hits: Hit[] = [];
  const statuses: number[] = [];
  let connections = 0;
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      hits.push({ headers, body });
      res.writeHead(statuses.shift() ?? 200).end("thanks");
    });
  });
  server.on("connection", () => connections++);
  await new Promise<void>((r) => server.listen(0, host, r));
  const port = (server.address() as AddressInfo).port;
  return { hits, statuses, base: `http://${host}:${port}`, connections: () => connections, close: () => new Promise((r) => server.close(r)) };
}

/** What a receiver does with the Standard Webhooks library: throws unless a signature matches and the time is fresh. */
const verify = (secret: string, hit: Hit) => new Webhook(secret).verify(hit.body, hit.headers) as { type: string; timestamp: string; data: Record<string, unknown> };

describe.each(await drivers())("operator webhooks on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  let program: Program;
  let rx: Awaited<ReturnType<typeof receiver>>;
  let canary: Awaited<ReturnType<typeof receiver>>;

  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
    program = await makeProgram(t.db);
    // vitest.config.mts sets OUTBOUND_ALLOW_PRIVATE=127.0.0.2/32: the receiver is reachable, the canary (127.0.0.1) is not
    rx = await receiver("127.0.0.2");
    canary = await receiver("127.0.0.1");
  });
  afterEach(async () => {
    // each test's endpoints hear only that test's events
    await t.db.update(webhookEndpoints).set({ enabled: false });
  });
  afterAll(async () => {
    await expectLedgerInvariants(t.db);
    await rx.close();
    await canary.close();
    await t.close();
  });

  async function endpoint(events: WebhookEventType[] = [], url = `${rx.base}/hooks`) {
    const { endpointId } = await createEndpoint(t.db, { url, description: "test", events });
    const { secret } = await revealSecret(t.db, { endpointId });
    return { endpointId, secret };
  }
  const deliveriesOf = (endpointId: string) => t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId)).orderBy(asc(webhookDeliveries.id));
  /** Waits for the runner an action kicked (sendTest, replay), then runs whatever else is due. */
  const settle = async () => {
    await kickLocalRunner(t.db);
    await drainOutbox(t.db);
  };
  const hitsFor = (msgId: string) => rx.hits.filter((h) => h.headers["webhook-id"] === msgId);

  it("signs every delivery to the Standard Webhooks spec: the library verifies it, and a wrong secret fails", async () => {
    const { endpointId, secret } = await endpoint();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const { deliveryId } = await sendTestEvent(t.db, { endpointId });
    await settle();
    const [hit] = hitsFor(deliveryId);
    expect(hit).toBeDefined();
    expect(hit!.headers).toMatchObject({ "content-type": "application/json", "webhook-id": deliveryId, "webhook-timestamp": expect.stringMatching(/^\d{10}$/) });
    expect(hit!.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    expect(verify(secret, hit!)).toMatchObject({ type: "webhook.test", data: { endpoint_id: endpointId } });
    expect(Object.keys(JSON.parse(hit!.body) as object)).toEqual(["type", "timestamp", "data"]);
    expect(() => verify(newWebhookSecret(), hit!)).toThrow(WebhookVerificationError);
    // a tampered body fails too
    expect(() => verify(secret, { ...hit!, body: hit!.body.replace("webhook.test", "webhook.tost") })).toThrow(WebhookVerificationError);
    const [d] = await deliveriesOf(endpointId);
    expect(d).toMatchObject({ id: deliveryId, status: "delivered", attempts: 1, lastStatusCode: 200, responseExcerpt: "thanks", lastError: null, nextAttemptAt: null });
  });

  it("retries a failing endpoint on the spec's schedule, logging each attempt, and skips a stale attempt", async () => {
    const { endpointId, secret } = await endpoint();
    rx.statuses.push(500, 503);
    const { deliveryId } = await sendTestEvent(t.db, { endpointId });
    await settle();
    let [d] = await deliveriesOf(endpointId);
    expect(d).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500, lastError: "HTTP 500", responseExcerpt: "thanks" });
    expect(d!.nextAttemptAt!.getTime() - d!.lastAttemptAt!.getTime()).toBe(5_000);
    // the retry waits in the outbox until it is due
    const queued = await t.db.select().from(outboxEvents).where(and(eq(outboxEvents.name, "webhook/deliver"), sql`${outboxEvents.data}->>'deliveryId' = ${deliveryId}`));
    expect(queued.map((e) => e.data.attempt).sort()).toEqual([1, 2]);
    expect(queued.find((e) => e.data.attempt === 2)?.availableAt.getTime()).toBe(d!.nextAttemptAt!.getTime());

    expect(await deliverWebhook(t.db, { deliveryId, attempt: 2 })).toMatchObject({ status: "retrying", statusCode: 503 });
    [d] = await deliveriesOf(endpointId);
    expect(d).toMatchObject({ status: "pending", attempts: 2, lastStatusCode: 503 });
    expect(d!.nextAttemptAt!.getTime() - d!.lastAttemptAt!.getTime()).toBe(5 * 60_000);

    const before = rx.hits.length;
    expect(await deliverWebhook(t.db, { deliveryId, attempt: 2 })).toEqual({ deliveryId, status: "skipped" });
    expect(rx.hits.length).toBe(before);

    expect(await deliverWebhook(t.db, { deliveryId, attempt: 3 })).toMatchObject({ status: "delivered", statusCode: 200 });
    const hits = hitsFor(deliveryId);
    expect(hits).toHaveLength(3);
    // every attempt is the same message: same id, same bytes, each verifiable
    expect(new Set(hits.map((h) => h.body)).size).toBe(1);
    for (const h of hits) expect(verify(secret, h).type).toBe("webhook.test");
    const log = await listDeliveries(t.db, { endpointId, limit: 10, offset: 0 });
    expect(log.items).toEqual([expect.objectContaining({ id: deliveryId, status: "delivered", attempts: 3, lastStatusCode: 200, nextAttemptAt: null })]);
  });

  it("gives up 3 days after the first attempt", async () => {
    const { endpointId } = await endpoint();
    rx.statuses.push(500, 500);
    const { deliveryId } = await sendTestEvent(t.db, { endpointId });
    await settle();
    await t.db.update(webhookDeliveries).set({ retryFrom: new Date(Date.now() - RETRY_FOR_MS + 60_000), roundAttempts: 6 }).where(eq(webhookDeliveries.id, deliveryId));
    expect(await deliverWebhook(t.db, { deliveryId, attempt: 2 })).toMatchObject({ status: "failed", statusCode: 500 });
    const [d] = await deliveriesOf(endpointId);
    expect(d).toMatchObject({ status: "failed", attempts: 2, nextAttemptAt: null, failedAt: expect.any(Date) });
    expect(await deliverWebhook(t.db, { deliveryId, attempt: 3 })).toEqual({ deliveryId, status: "skipped" });
  });

  it("replays a message with the same id and payload, on a fresh schedule", async () => {
    const { endpointId, secret } = await endpoint();
    rx.statuses.push(500);
    const { deliveryId } = await sendTestEvent(t.db, { endpointId });
    await settle();
    await t.db.update(webhookDeliveries).set({ status: "failed", failedAt: new Date(), nextAttemptAt: null }).where(eq(webhookDeliveries.id, deliveryId));
    await replayDelivery(t.db, { deliveryId });
    await settle();
    const hits = hitsFor(deliveryId);
    expect(hits).toHaveLength(2);
    expect(hits[1]!.body).toBe(hits[0]!.body);
    expect(verify(secret, hits[1]!)).toMatchObject({ type: "webhook.test" });
    const [d] = await deliveriesOf(endpointId);
    expect(d).toMatchObject({ status: "delivered", attempts: 2, failedAt: null, deliveredAt: expect.any(Date) });
    // a delivered message can be replayed again, as the operator's "Replay" button does
    await replayDelivery(t.db, { deliveryId });
    await settle();
    expect(hitsFor(deliveryId)).toHaveLength(3);
  });

  it("rotation: old and new secrets both verify for 24 hours, then only the new one", async () => {
    const { endpointId, secret: old } = await endpoint();
    const r = await rotateSecret(t.db, { endpointId });
    expect(r.previousSecretExpiresAt!.getTime() - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
    const revealed = await revealSecret(t.db, { endpointId });
    expect(revealed.previousSecret).toBe(old);
    expect(revealed.secret).not.toBe(old);
    expect((await getEndpoint(t.db, endpointId)).previousSecretExpiresAt).toEqual(r.previousSecretExpiresAt);
    const first = await sendTestEvent(t.db, { endpointId });
    await settle();
    const [hit] = hitsFor(first.deliveryId);
    expect(hit!.headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(verify(old, hit!).type).toBe("webhook.test");
    expect(verify(revealed.secret, hit!).type).toBe("webhook.test");

    // the overlap has ended
    await t.db.update(webhookEndpoints).set({ previousSecretExpiresAt: new Date(Date.now() - 1_000) }).where(eq(webhookEndpoints.id, endpointId));
    const second = await sendTestEvent(t.db, { endpointId });
    await settle();
    const [later] = hitsFor(second.deliveryId);
    expect(later!.headers["webhook-signature"]!.split(" ")).toHaveLength(1);
    expect(verify(revealed.secret, later!).type).toBe("webhook.test");
    expect(() => verify(old, later!)).toThrow(WebhookVerificationError);
    expect((await revealSecret(t.db, { endpointId })).previousSecret).toBeNull();
    expect((await getEndpoint(t.db, endpointId)).previousSecretExpiresAt).toBeNull();
  });

  it("never connects to a private address: refused when saved, and again when sending (as in production)", async () => {
    for (const url of ["http://127.0.0.1/hooks", "http://10.0.0.7/hooks", "http://169.254.169.254/latest", "http://localhost:8080/", "http://[::1]/x"]) {
      const parsed = saveEndpointInput.safeParse({ url, events: [] });
      expect(parsed.success, url).toBe(false);
      expect(JSON.stringify(parsed.error?.issues)).toContain("private network");
    }
    expect(saveEndpointInput.safeParse({ url: "ftp://hooks.example.com/x" }).success).toBe(false);
    expect(saveEndpointInput.safeParse({ url: "https://hooks.example.com/touchpoint", events: ["partner.approved"] }).success).toBe(true);
    expect(saveEndpointInput.safeParse({ url: "https://hooks.example.com/touchpoint", events: ["partner.exploded"] }).success).toBe(false);

    // A URL that got past validation (DNS rebinding, or set before a policy change): the connect-time check refuses it.
    const { endpointId } = await endpoint([], "http://evil.test/hooks");
    await t.db.update(webhookEndpoints).set({ url: `${canary.base}/steal` }).where(eq(webhookEndpoints.id, endpointId));
    const { deliveryId } = await sendTestEvent(t.db, { endpointId });
    await settle();
    expect(canary.connections()).toBe(0);
    const [d] = await deliveriesOf(endpointId);
    expect(d).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: null });
    expect(d!.lastError).toContain("not allowed");

    // Production has no OUTBOUND_ALLOW_PRIVATE: the same loopback receiver the tests use is refused.
    const before = rx.connections();
    await t.db.update(webhookEndpoints).set({ url: `${rx.base}/hooks` }).where(eq(webhookEndpoints.id, endpointId));
    expect(await deliverWebhook(t.db, { deliveryId, attempt: 2 }, { policy: DEFAULT_POLICY })).toMatchObject({ status: "retrying", statusCode: null });
    expect(rx.connections()).toBe(before);
  });

  it("emits each event type from its domain action, to the endpoints that want it, and every message verifies", async () => {
    const all = await endpoint();
    const approvals = await endpoint(["partner.approved"]);
    const off = await endpoint();
    await setEndpointEnabled(t.db, { endpointId: off.endpointId, enabled: false });

    const applicant = await makePartner(t.db, admin, "pending");
    await setPartnerStatus(t.db, { partnerId: applicant.partnerId, action: "approve", actorId: admin.id });
    await setPartnerStatus(t.db, { partnerId: applicant.partnerId, action: "suspend", reason: "Brand bidding", actorId: admin.id });
    const rejected = await makePartner(t.db, admin, "pending");
    await setPartnerStatus(t.db, { partnerId: rejected.partnerId, action: "reject", reason: "No website", actorId: admin.id });

    const earner = await partnerOn(t.db, admin, program);
    await savePayoutDetails(t.db, earner.partnerId, { method: "paypal", email: "earner@partner.example" });
    const paidConv = await convert(t.db, program, { click_id: (await visit(t.db, earner)).clickId });
    const rejectedConv = await convert(t.db, program, { click_id: (await visit(t.db, earner)).clickId });
    const reversedConv = await convert(t.db, program, { click_id: (await visit(t.db, earner)).clickId });
    const commissionOf = (c: { job: { accrual: unknown } }) => (c.job.accrual as { commissionId: string }).commissionId;
    await approveCommissions(t.db, { commissionIds: [commissionOf(paidConv)], actorId: admin.id });
    await rejectCommissions(t.db, { commissionIds: [commissionOf(rejectedConv)], actorId: admin.id, reason: "Duplicate order" });
    await t.db.transaction((tx) => reverseCommissions(tx, { commissionIds: [commissionOf(reversedConv)], reason: "Chargeback", source: "admin", actorId: admin.id, now: new Date(), cascade: false }));
    const batch = await createPayoutBatch(t.db, { currency: "USD", actorId: admin.id });
    await approvePayoutBatch(t.db, { batchId: batch.batchId!, actorId: admin.id });
    await markBatchPaid(t.db, { batchId: batch.batchId!, reference: "WIRE-1", actorId: admin.id });
    const bot = await convert(t.db, program, { click_id: (await visit(t.db, earner, { ua: BOT_UA, ip: "5.101.96.10" })).clickId });
    expect(bot.check?.action).toBe("hold");
    await settle();

    const rows = await deliveriesOf(all.endpointId);
    const types = new Set(rows.map((r) => r.eventType));
    expect([...WEBHOOK_EVENT_TYPES].filter((ty) => !types.has(ty))).toEqual([]);
    const one = (type: WebhookEventType, match: (d: Record<string, unknown>) => boolean) => rows.find((r) => r.eventType === type && match(r.payload.data))?.payload.data;
    expect(one("partner.applied", (d) => d.partner_id === applicant.partnerId)).toMatchObject({ status: "pending", email: applicant.email });
    expect(one("partner.approved", (d) => d.partner_id === applicant.partnerId)).toMatchObject({ status: "approved", previous_status: "pending" });
    expect(one("partner.suspended", (d) => d.partner_id === applicant.partnerId)).toMatchObject({ reason: "Brand bidding" });
    expect(one("partner.rejected", (d) => d.partner_id === rejected.partnerId)).toMatchObject({ reason: "No website" });
    expect(one("conversion.recorded", (d) => d.conversion_id === paidConv.conversionId)).toMatchObject({
      partner_id: earner.partnerId,
      event: "ftd",
      commissions: [{ commission_id: commissionOf(paidConv), partner_id: earner.partnerId, amount: 20_000, currency: "USD", level: null }],
    });
    expect(one("commission.approved", (d) => d.commission_id === commissionOf(paidConv))).toMatchObject({ amount: 20_000, currency: "USD" });
    expect(one("commission.rejected", (d) => d.commission_id === commissionOf(rejectedConv))).toMatchObject({ amount: 20_000, currency: "USD", reason: "Duplicate order" });
    expect(one("commission.reversed", (d) => d.commission_id === commissionOf(reversedConv))).toMatchObject({ amount: 20_000, currency: "USD", was_paid: false, reason: "Chargeback" });
    expect(one("payout_batch.approved", (d) => d.payout_batch_id === batch.batchId)).toMatchObject({ total: { amount: 20_000, currency: "USD" } });
    expect(one("payout_batch.paid", (d) => d.payout_batch_id === batch.batchId)).toMatchObject({ reference: "WIRE-1", partners: [{ partner_id: earner.partnerId, amount: 20_000, currency: "USD" }] });
    expect(one("fraud.hold", (d) => d.conversion_id === bot.conversionId)).toMatchObject({ partner_id: earner.partnerId, rules: expect.arrayContaining(["bot_user_agent"]) });

    // every one was delivered, signed with that endpoint's secret
    for (const r of rows) {
      const [hit] = hitsFor(r.id);
      expect(r.status, r.eventType).toBe("delivered");
      expect(verify(all.secret, hit!)).toEqual(JSON.parse(JSON.stringify(r.payload)));
    }
    // the filtered endpoint heard only approvals; the disabled one nothing
    expect(new Set((await deliveriesOf(approvals.endpointId)).map((r) => r.eventType))).toEqual(new Set(["partner.approved"]));
    expect(await deliveriesOf(off.endpointId)).toEqual([]);
  });

  it("announces a conversion once, however often its job step runs", async () => {
    const { endpointId } = await endpoint(["conversion.recorded"]);
    const p = await partnerOn(t.db, admin, program);
    const c = await convert(t.db, program, { click_id: (await visit(t.db, p)).clickId });
    const { emitConversionRecorded } = await import("./conversion-recorded");
    expect(await emitConversionRecorded(t.db, c.conversionId)).toBe(0);
    expect(await deliveriesOf(endpointId)).toHaveLength(1);
  });

  it("lets owners and admins manage endpoints; read-only roles list but cannot reveal a secret; changes are audited, secrets redacted", async () => {
    const viewer = await makeMember(t.db, "viewer");
    const finance = await makeMember(t.db, "finance");
    const api = createCaller({ db: t.db, user: admin });
    const bad = await expectCode(api.webhooks.create({ url: "http://127.0.0.1/x", description: "", events: [] }), "BAD_REQUEST");
    expect(bad.message).toContain("private network");
    const { endpointId } = await api.webhooks.create({ url: `${rx.base}/admin`, description: "CRM", events: ["partner.approved"] });
    const list = await createCaller({ db: t.db, user: viewer }).webhooks.list();
    expect(list.find((e) => e.id === endpointId)).toMatchObject({ description: "CRM", enabled: true, secretTail: expect.any(String) });
    expect(JSON.stringify(list)).not.toContain("whsec_");
    await expectCode(createCaller({ db: t.db, user: viewer }).webhooks.revealSecret({ endpointId }), "FORBIDDEN");
    await expectCode(createCaller({ db: t.db, user: finance }).webhooks.create({ url: "https://hooks.example.com/x", description: "", events: [] }), "FORBIDDEN");
    const revealed = await api.webhooks.revealSecret({ endpointId });
    await api.webhooks.rotateSecret({ endpointId });
    await api.webhooks.update({ endpointId, url: `${rx.base}/admin2`, description: "CRM sync", events: [] });
    const entries = await t.db.select().from(auditLog).where(eq(auditLog.objectId, endpointId));
    expect(entries.map((e) => e.action).sort()).toEqual(["webhooks.create", "webhooks.revealSecret", "webhooks.revealSecret", "webhooks.rotateSecret", "webhooks.update"]);
    // the viewer's refused attempt is in the log too
    expect(entries.filter((e) => e.action === "webhooks.revealSecret").map((e) => [e.actorId, e.outcome]).sort()).toEqual([[admin.id, "ok"], [viewer.id, "failed"]].sort());
    expect(JSON.stringify(entries)).not.toContain(revealed.secret);
    expect(entries.find((e) => e.action === "webhooks.update")).toMatchObject({ before: expect.objectContaining({ description: "CRM" }), after: expect.objectContaining({ description: "CRM sync" }) });
  });
});
