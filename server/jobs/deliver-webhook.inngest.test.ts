import http from "node:http";
import type { AddressInfo } from "node:net";
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { newId } from "@/db/ids";
import { createEndpoint, revealSecret } from "@/server/webhooks/manage-endpoints";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { deliverWebhookJob } from "./functions/deliver-webhook";

/** The Inngest function runs the same attempt as the in-process runner: signed, sent, logged, retried as a new event. */
describe.each(await drivers())("deliverWebhook (Inngest) on %s", (driver) => {
  let t: TestDb;
  let server: http.Server;
  let base = "";
  const hits: { headers: Record<string, string>; body: string }[] = [];
  const statuses: number[] = [];

  beforeAll(async () => {
    t = await createTestDb(driver);
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        hits.push({ headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])), body });
        res.writeHead(statuses.shift() ?? 200).end("ok");
      });
    });
    // allowed by OUTBOUND_ALLOW_PRIVATE=127.0.0.2/32 in vitest.config.mts
    await new Promise<void>((r) => server.listen(0, "127.0.0.2", r));
    base = `http://127.0.0.2:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await t.close();
  });

  async function message() {
    const { endpointId } = await createEndpoint(t.db, { url: `${base}/hooks`, description: "", events: [] });
    const id = newId("webhookMessage");
    const payload = { type: "partner.approved", timestamp: new Date().toISOString(), data: { partner_id: "prt_x" } };
    await t.db.insert(webhookDeliveries).values({ id, endpointId, eventType: payload.type, payload });
    return { id, endpointId, secret: (await revealSecret(t.db, { endpointId })).secret };
  }
  const run = (deliveryId: string, attempt: number) =>
    new InngestTestEngine({ function: deliverWebhookJob.function }).execute({ events: [{ name: "webhook/deliver", data: { deliveryId, attempt } }] });

  it("delivers a verifiable message in its deliver step", async () => {
    const m = await message();
    const { result, ctx } = await run(m.id, 1);
    expect(result).toMatchObject({ deliveryId: m.id, status: "delivered", statusCode: 200 });
    expect(ctx.step.run.mock.calls.map((c) => c[0])).toContain("deliver");
    const hit = hits.find((h) => h.headers["webhook-id"] === m.id);
    expect(new Webhook(m.secret).verify(hit!.body, hit!.headers)).toMatchObject({ type: "partner.approved", data: { partner_id: "prt_x" } });
    const [d] = await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, m.id));
    expect(d).toMatchObject({ status: "delivered", attempts: 1 });
  });

  it("schedules the next attempt after a failure, and a re-run of the same attempt sends nothing", async () => {
    const m = await message();
    statuses.push(502);
    expect((await run(m.id, 1)).result).toMatchObject({ status: "retrying", statusCode: 502 });
    const before = hits.length;
    expect((await run(m.id, 1)).result).toEqual({ deliveryId: m.id, status: "skipped" });
    expect(hits.length).toBe(before);
    expect((await run(m.id, 2)).result).toMatchObject({ status: "delivered" });
    await t.db.update(webhookEndpoints).set({ enabled: false }).where(eq(webhookEndpoints.id, m.endpointId));
  });
});
