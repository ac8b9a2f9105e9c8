import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import { partnerPostbacks, postbackDeliveries } from "@/db/schema";
import { recordPostback } from "@/server/conversions/record-postback";
import { DomainError } from "@/server/errors";
import { drainOutbox } from "@/server/jobs/outbox";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { recordClick } from "@/server/tracking/record-click";
import { deliverPostback, RETRY_FOR_MS } from "./deliver-postback";
import { createPostback, listDeliveries } from "./manage-postbacks";
import { resendPostback } from "./schedule-deliveries";

type Hit = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };

/** A partner's tracker: records requests and answers with the next queued status (default 200). */
async function tracker(host: string) {
  const hits: Hit[] = [];
  const statuses: number[] = [];
  let connections = 0;
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      hits.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      res.writeHead(statuses.shift() ?? 200).end("ok");
    });
  });
  server.on("connection", () => connections++);
  await new Promise<void>((r) => server.listen(0, host, r));
  const port = (server.address() as AddressInfo).port;
  return { hits, statuses, base: `http://${host}:${port}`, connections: () => connections, close: () => new Promise((r) => server.close(r)) };
}

describe.each(await drivers())("partner postbacks on %s", (driver) => {
  let t: TestDb;
  let p: Awaited<ReturnType<typeof makeProgram>>;
  let alice: string;
  let bob: string;
  let code: string;
  let ok: Awaited<ReturnType<typeof tracker>>;
  let canary: Awaited<ReturnType<typeof tracker>>;
  let seq = 0;
  beforeAll(async () => {
    t = await createTestDb(driver);
    const admin = await makeAdmin(t.db);
    p = await makeProgram(t.db);
    alice = (await makePartner(t.db, admin)).partnerId;
    bob = (await makePartner(t.db, admin)).partnerId;
    code = await linkCode(t.db, alice, p.offerId);
    ok = await tracker("127.0.0.2");
    canary = await tracker("127.0.0.1");
  });
  afterAll(async () => {
    await ok.close();
    await canary.close();
    await t.close();
  });

  async function convert(event = "ftd", sub1 = "x&y") {
    const clicked = await recordClick(t.db, { code, ip: null, userAgent: "ua", referrer: null, subs: [sub1] });
    if (!clicked.found) throw new Error("no link");
    const clickId = clicked.clickId;
    const r = await recordPostback(t.db, { token: p.token, click_id: clickId, event, txn_id: `pb-${seq++}`, amount: "10" });
    if (!r.ok) throw new Error(JSON.stringify(r));
    await drainOutbox(t.db);
    return { conversionId: r.conversionId, clickId };
  }
  const deliveriesOf = (postbackId: string) =>
    t.db.select().from(postbackDeliveries).where(eq(postbackDeliveries.postbackId, postbackId)).orderBy(asc(postbackDeliveries.series), asc(postbackDeliveries.attempt));

  it("fills the partner's URL template, every value URL-encoded, and logs the delivery", async () => {
    const { id } = await createPostback(t.db, alice, { kind: "url", url: `${ok.base}/pb?cid={click_id}&payout={payout}&cur={currency}&s1={sub1}&st={status}&ev={event}&txn={txn_id}`, offerId: null, events: [] });
    const before = ok.hits.length;
    const { clickId } = await convert();
    expect(ok.hits.length).toBe(before + 1);
    const q = new URL(ok.hits.at(-1)?.url ?? "", "http://x").searchParams;
    expect(Object.fromEntries(q)).toMatchObject({ cid: clickId, payout: "200.00", cur: "USD", s1: "x&y", st: "pending", ev: "ftd" });
    const [d] = await deliveriesOf(id);
    expect(d).toMatchObject({ status: "delivered", responseStatus: 200, attempt: 1, method: "GET" });
    await t.db.update(partnerPostbacks).set({ status: "paused" }).where(eq(partnerPostbacks.id, id));
  });

  it("signs JSON webhooks with the partner's secret and only fires for the chosen events", async () => {
    const { id } = await createPostback(t.db, alice, { kind: "webhook", url: `${ok.base}/hook`, offerId: p.offerId, events: ["ftd"] });
    const [pb] = await t.db.select().from(partnerPostbacks).where(eq(partnerPostbacks.id, id));
    const before = ok.hits.length;
    await convert("registration");
    expect(ok.hits.length).toBe(before);
    const { conversionId } = await convert("ftd");
    const hit = ok.hits.at(-1);
    expect(hit?.method).toBe("POST");
    const [, ts, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(hit?.headers["x-touchpoint-signature"])) ?? [];
    expect(v1).toBe(createHmac("sha256", pb?.secret ?? "").update(`${ts}.${hit?.body}`).digest("hex"));
    expect(JSON.parse(hit?.body ?? "{}")).toMatchObject({ type: "conversion", data: { conversion_id: conversionId, partner_id: alice, payout: "200.00", event: "ftd" } });
    await t.db.update(partnerPostbacks).set({ status: "paused" }).where(eq(partnerPostbacks.id, id));
  });

  it("never connects to a private address (SSRF canary) and schedules a retry instead", async () => {
    const { id } = await createPostback(t.db, alice, { kind: "url", url: `http://evil.test/pb`, offerId: null, events: [] });
    // Point it at the canary behind the validation a partner goes through (as a DNS rebinding would).
    await t.db.update(partnerPostbacks).set({ url: `${canary.base}/steal?cid={click_id}` }).where(eq(partnerPostbacks.id, id));
    await convert();
    expect(canary.connections()).toBe(0);
    const [first, second] = await deliveriesOf(id);
    expect(first).toMatchObject({ status: "failed", responseStatus: null });
    expect(first?.error).toContain("not allowed");
    expect(second).toMatchObject({ status: "scheduled", attempt: 2 });
    expect(second!.scheduledFor.getTime()).toBeGreaterThan(Date.now());
    await t.db.update(partnerPostbacks).set({ status: "paused" }).where(eq(partnerPostbacks.id, id));
  });

  it("retries a failed delivery with backoff until it succeeds, and gives up after 3 days", async () => {
    const { id } = await createPostback(t.db, alice, { kind: "url", url: `${ok.base}/flaky?cid={click_id}`, offerId: null, events: [] });
    ok.statuses.push(500);
    const { conversionId } = await convert();
    let [a1, a2] = await deliveriesOf(id);
    expect(a1).toMatchObject({ status: "failed", responseStatus: 500, error: "HTTP 500" });
    // The retry is due in the future; run it at its time: the tracker now answers 200.
    expect(await deliverPostback(t.db, a2!.id, { now: a2!.scheduledFor })).toMatchObject({ status: "delivered" });
    [a1, a2] = await deliveriesOf(id);
    expect(a2).toMatchObject({ status: "delivered", attempt: 2 });

    // Resend: a new series that only the owner can start.
    await expect(resendPostback(t.db, { partnerId: bob, postbackId: id, conversionId })).rejects.toBeInstanceOf(DomainError);
    await resendPostback(t.db, { partnerId: alice, postbackId: id, conversionId });
    await drainOutbox(t.db);
    const series1 = (await deliveriesOf(id)).filter((d) => d.series === 1);
    expect(series1).toEqual([expect.objectContaining({ status: "delivered", attempt: 1 })]);

    // Three days after the first attempt there is no further retry.
    ok.statuses.push(503);
    const late = await resendPostback(t.db, { partnerId: alice, postbackId: id, conversionId, now: new Date(Date.now() - RETRY_FOR_MS) });
    expect(await deliverPostback(t.db, late.deliveryId ?? "")).toEqual({ deliveryId: late.deliveryId, status: "failed" });
    const series2 = (await deliveriesOf(id)).filter((d) => d.series === 2);
    expect(series2).toHaveLength(1);
    await t.db.update(partnerPostbacks).set({ status: "paused" }).where(eq(partnerPostbacks.id, id));
  });

  it("shows each partner only their own delivery log", async () => {
    const aliceLog = await listDeliveries(t.db, alice, { limit: 100, offset: 0 });
    expect(aliceLog.total).toBeGreaterThan(0);
    expect((await listDeliveries(t.db, bob, { limit: 100, offset: 0 })).total).toBe(0);
    const deliveredCount = await t.db.$count(postbackDeliveries, and(eq(postbackDeliveries.partnerId, alice), eq(postbackDeliveries.status, "delivered")));
    expect(aliceLog.items.filter((d) => d.status === "delivered")).toHaveLength(deliveredCount);
  });
});
