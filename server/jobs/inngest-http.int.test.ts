/**
 * Inngest over real HTTP, with no Inngest binary: a loopback listener plays Inngest's event API and its
 * app-registration endpoint, and signed requests go to our /api/inngest route (the SDK's own serve handler,
 * mounted on a loopback node:http server) the way Inngest's executor sends them.
 */
import { createHash, createHmac, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";

type Hit = { method: string; path: string; headers: http.IncomingHttpHeaders; body: unknown };

/** Inngest's event API (POST /e/<event key>) and registration API (POST /fn/register), recording every call. */
function fakeInngest() {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString()));
    req.on("end", () => {
      const body: unknown = raw ? JSON.parse(raw) : null;
      hits.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body });
      res.setHeader("content-type", "application/json");
      if (req.url?.startsWith("/e/")) {
        const ids = (body as { id: string }[]).map((e) => e.id);
        res.end(JSON.stringify({ ids, status: 200 }));
      } else if (req.url?.startsWith("/fn/register")) {
        res.end(JSON.stringify({ ok: true, modified: true }));
      } else {
        res.statusCode = 404;
        res.end("{}");
      }
    });
  });
  let port = 0;
  return {
    hits,
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    /** Listens again on the same port after stop(): Inngest coming back. */
    start: () =>
      new Promise<void>((resolve) =>
        server.listen(port, "127.0.0.1", () => {
          port = (server.address() as AddressInfo).port;
          resolve();
        }),
      ),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const inngestServer = fakeInngest();
await inngestServer.start();
const SIGNING_KEY = `signkey-test-${randomBytes(32).toString("hex")}`;
const EVENT_KEY = `evtkey${randomBytes(16).toString("hex")}`;
// The SDK client and our config read these once, when first loaded: set them before anything imports them.
Object.assign(process.env, { INNGEST_SIGNING_KEY: SIGNING_KEY, INNGEST_EVENT_KEY: EVENT_KEY, INNGEST_BASE_URL: inngestServer.url });

const { outboxEvents, commissions, conversions } = await import("@/db/schema");
const { recordPostback } = await import("@/server/conversions/record-postback");
const { createTestDb } = await import("@/test/db");
const { click, linkCode, makeAdmin, makePartner, makeProgram } = await import("@/test/factories");
const { dispatchOutbox, forwardToInngest } = await import("@/server/outbox/dispatch");
const route = await import("@/app/api/inngest/route");

/** Our route behind a real socket: node:http -> Request -> route handler -> Response -> socket. */
function serveRoute() {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        const method = req.method as "GET" | "POST" | "PUT";
        const headers = new Headers(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])));
        const request = new Request(`http://${req.headers.host}${req.url}`, { method, headers, body: method === "GET" ? undefined : Buffer.concat(chunks) });
        const response = await route[method](request, {});
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      })();
    });
  });
  return new Promise<{ url: string; close: () => Promise<void> }>((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/inngest`;
      resolve({ url, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

/** JSON with keys sorted at every level (RFC 8785 for our plain payloads): what Inngest signs. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(",")}}`;
  }
  return JSON.stringify(v);
}

/** Inngest's request signature: `t=<unix seconds>&s=<hex HMAC-SHA256(body + t)>`, keyed by the signing key without its `signkey-<env>-` prefix. */
function sign(body: unknown, key = SIGNING_KEY, ts = Math.floor(Date.now() / 1000)): string {
  const mac = createHmac("sha256", key.replace(/^signkey-\w+-/, "")).update(canonical(body)).update(String(ts)).digest("hex");
  return `t=${ts}&s=${mac}`;
}

type Op = { id: string; op: string; data?: unknown; displayName?: string };
type Event = { id: string; name: string; data: Record<string, unknown>; ts: number };

describe("Inngest over HTTP (SDK serve handler, signed requests, event API on loopback)", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  let app: Awaited<ReturnType<typeof serveRoute>>;
  let token: string;
  let code: string;
  let partnerId: string;
  let seq = 0;

  beforeAll(async () => {
    t = await createTestDb("pglite");
    app = await serveRoute();
    const admin = await makeAdmin(t.db);
    let offerId: string;
    ({ token, offerId } = await makeProgram(t.db));
    ({ partnerId } = await makePartner(t.db, admin));
    code = await linkCode(t.db, partnerId, offerId);
  });
  afterAll(async () => {
    await app?.close();
    await inngestServer.stop().catch(() => {});
    await t?.close();
  });

  async function recorded() {
    const r = await recordPostback(t.db, { token, click_id: await click(t.db, code), event: "ftd", txn_id: `http-${seq++}` });
    if (!r.ok || r.status !== "accepted") throw new Error("postback refused");
    return r;
  }
  const sentEvents = () => inngestServer.hits.filter((h) => h.path.startsWith("/e/")).flatMap((h) => h.body as Event[]);

  /** One call of Inngest's executor to the serve route. */
  async function call(query: string, body: unknown, signature: string | null) {
    const res = await fetch(`${app.url}?${query}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(signature ? { "x-inngest-signature": signature } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, text: await res.text() };
  }

  /** Plays the executor: call, keep each step's result, call again, until the function returns (200). */
  async function execute(fnId: string, event: Event) {
    const steps: Record<string, { type: "data"; data: unknown }> = {};
    const stack: string[] = [];
    const runId = `01RUN${randomBytes(8).toString("hex").toUpperCase()}`;
    const ran: string[] = [];
    for (let round = 0; round < 20; round++) {
      const body = { version: 1, event, events: [event], steps, ctx: { run_id: runId, attempt: 0, stack: { stack, current: stack.length } } };
      const res = await call(`fnId=touchpoint-${fnId}&stepId=step`, body, sign(body));
      if (res.status === 200) return { result: JSON.parse(res.text) as unknown, ran, lastSignature: res.headers.get("x-inngest-signature") };
      expect(res.status, res.text).toBe(206);
      for (const op of JSON.parse(res.text) as Op[]) {
        expect(op.op).toBe("StepRun");
        ran.push(op.displayName ?? op.id);
        steps[op.id] = { type: "data", data: op.data ?? null };
        stack.push(op.id);
      }
    }
    throw new Error("the function did not finish in 20 rounds");
  }

  it("registers the app with the signing key (PUT, what `inngest start -u` and a deploy do)", async () => {
    const res = await fetch(app.url, { method: "PUT" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ modified: true });
    const reg = inngestServer.hits.find((h) => h.path.startsWith("/fn/register"));
    expect(reg).toBeDefined();
    // The SDK authenticates with the SHA-256 of the key's hex part, never the key itself.
    const hashed = createHash("sha256").update(Buffer.from(SIGNING_KEY.replace(/^signkey-\w+-/, ""), "hex")).digest("hex");
    expect(reg!.headers.authorization).toBe(`Bearer signkey-test-${hashed}`);
    const body = reg!.body as { url: string; appName: string; functions: { id: string }[] };
    expect(body.url).toBe(app.url);
    expect(body.appName).toBe("touchpoint");
    expect(body.functions.map((f) => f.id)).toEqual(expect.arrayContaining(["touchpoint-process-conversion", "touchpoint-run-attribution-batch"]));
  });

  it("answers GET only to Inngest: unsigned 401, signed with cloud mode, both keys and the 11 functions", async () => {
    const unsigned = await fetch(app.url);
    expect(unsigned.status).toBe(401);
    // A GET has no body: the signature covers the empty string and the time.
    const ts = Math.floor(Date.now() / 1000);
    const mac = createHmac("sha256", SIGNING_KEY.replace(/^signkey-\w+-/, "")).update(String(ts)).digest("hex");
    const signed = await fetch(app.url, { headers: { "x-inngest-signature": `t=${ts}&s=${mac}` } });
    expect(signed.status).toBe(200);
    expect(await signed.json()).toMatchObject({ mode: "cloud", has_event_key: true, has_signing_key: true, function_count: 11, authentication_succeeded: true });
  });

  it("sends a recorded conversion's outbox event to the event API, with the outbox id as the event id", async () => {
    const r = await recorded();
    dispatchOutbox(t.db, r.outboxId);
    await expect.poll(() => sentEvents().find((e) => e.id === r.outboxId), { timeout: 10_000 }).toMatchObject({ name: "conversion/recorded", data: { conversionId: r.conversionId } });
    const post = inngestServer.hits.find((h) => h.path.startsWith("/e/") && (h.body as Event[]).some((e) => e.id === r.outboxId))!;
    expect(post.path).toBe(`/e/${EVENT_KEY}`);
    await expect.poll(async () => (await t.db.select().from(outboxEvents).where(eq(outboxEvents.id, r.outboxId)))[0]?.dispatchedAt).toBeInstanceOf(Date);
  });

  it("runs the function when Inngest calls with a valid signature: the conversion is attributed and its commission accrued", async () => {
    const r = await recorded();
    await forwardToInngest(t.db, r.outboxId);
    const event = sentEvents().find((e) => e.id === r.outboxId)!;
    const { result, ran, lastSignature } = await execute("process-conversion", event);
    expect(ran).toEqual(["attribute", "fraud-check", "accrue-commission", "queue-partner-postbacks", "queue-webhooks", "mark-processed"]);
    expect(result).toMatchObject({ attribution: { status: "attributed", partnerId }, accrual: { accrued: true, amount: 20_000, currency: "USD" } });
    // The response is signed too, so Inngest can tell it came from this app.
    expect(lastSignature).toMatch(/^t=\d+&s=[0-9a-f]{64}$/);
    const [conv] = await t.db.select().from(conversions).where(eq(conversions.id, r.conversionId));
    expect(conv).toMatchObject({ attributionStatus: "attributed", partnerId });
    expect(await t.db.select().from(commissions).where(eq(commissions.conversionId, r.conversionId))).toHaveLength(1);
    const [evt] = await t.db.select().from(outboxEvents).where(eq(outboxEvents.id, r.outboxId));
    expect(evt?.processedAt).toBeInstanceOf(Date);
  });

  it("refuses a call with a wrong, stale or missing signature, and runs nothing", async () => {
    const r = await recorded();
    const event: Event = { id: r.outboxId, name: "conversion/recorded", data: { conversionId: r.conversionId }, ts: Date.now() };
    const body = { version: 1, event, events: [event], steps: {}, ctx: { run_id: "01RUNREFUSED", attempt: 0, stack: { stack: [], current: 0 } } };
    const query = "fnId=touchpoint-process-conversion&stepId=step";
    const wrongKey = `signkey-test-${randomBytes(32).toString("hex")}`;
    const refused = [
      await call(query, body, sign(body, wrongKey)),
      await call(query, body, null),
      await call(query, body, sign(body, SIGNING_KEY, Math.floor(Date.now() / 1000) - 600)),
      await call(query, { ...body, steps: { forged: { type: "data", data: 1 } } }, sign(body)),
    ];
    for (const res of refused) {
      expect(res.status).toBe(401);
      expect(res.headers.get("x-inngest-signature")).toBeNull();
    }
    // The SDK tells the caller no more than this (the reason goes to the server log).
    expect(refused.map((res) => (JSON.parse(res.text) as { message?: string }).message)).toEqual(Array(4).fill("Unauthorized"));
    const [conv] = await t.db.select().from(conversions).where(eq(conversions.id, r.conversionId));
    expect(conv?.attributionStatus).not.toBe("attributed");
    expect(await t.db.select().from(commissions).where(eq(commissions.conversionId, r.conversionId))).toHaveLength(0);
    // The very same call, correctly signed, is accepted: the refusals above were the signature's doing.
    const accepted = await call(query, body, sign(body));
    expect(accepted.status, accepted.text).toBe(206);
    expect((JSON.parse(accepted.text) as Op[])[0]).toMatchObject({ op: "StepRun", displayName: "attribute" });
  });

  it("keeps events in the outbox while Inngest is down and sends each exactly once when it is back", async () => {
    const before = sentEvents().length;
    await inngestServer.stop();
    const down = [await recorded(), await recorded(), await recorded()];
    // The request path's hand-off (dispatchOutbox) and the sweeper's pass fail while nothing listens; nothing is marked sent.
    for (const r of down) await expect(forwardToInngest(t.db, r.outboxId)).rejects.toThrow();
    await expect(forwardToInngest(t.db)).rejects.toThrow();
    const pending = await t.db.select().from(outboxEvents);
    for (const r of down) expect(pending.find((e) => e.id === r.outboxId)).toMatchObject({ dispatchedAt: null, processedAt: null });
    expect(sentEvents()).toHaveLength(before);

    await inngestServer.start();
    expect(await forwardToInngest(t.db)).toBeGreaterThanOrEqual(down.length);
    const ids = sentEvents().map((e) => e.id);
    for (const r of down) expect(ids.filter((id) => id === r.outboxId)).toHaveLength(1);
    // Sent once: the next sweep finds nothing new to send.
    expect(await forwardToInngest(t.db)).toBe(0);
    expect(sentEvents().map((e) => e.id)).toEqual(ids);
  });
});
