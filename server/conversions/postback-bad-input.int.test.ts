import { createHmac } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { conversions, programs } from "@/db/schema";
import { kickLocalRunner } from "@/server/jobs/outbox";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { click, linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { handlePostback } from "./handle-postback";
import { invalidateProgramAuth } from "./postback-auth";

const URL_BASE = "http://localhost/api/postback";
let seq = 0;
const txn = () => `bad-${Date.now()}-${seq++}`;

type Problem = { field: string; message: string };
type Body = { status: string; error?: string; message?: string; errors?: Problem[]; conversion_id?: string };

/**
 * Inputs a sender can get wrong, each answered 400 with every bad field named, nothing stored, never a 5xx
 * (senders retry a 5xx forever).
 */
describe.each(await drivers())("postbacks with bad input on %s", (driver) => {
  let t: TestDb;
  let token: string;
  let programId: string;
  let code: string;
  beforeAll(async () => {
    t = await createTestDb(driver);
    const admin = await makeAdmin(t.db);
    let offerId: string;
    ({ token, offerId, programId } = await makeProgram(t.db));
    code = await linkCode(t.db, (await makePartner(t.db, admin)).partnerId, offerId);
    await t.db.update(programs).set({ signingSecrets: ["s-live"] }).where(eq(programs.id, programId));
    invalidateProgramAuth(t.db);
  });
  afterEach(() => kickLocalRunner(t.db));
  afterAll(() => t.close());

  /** POSTs `json` (raw text, so lone surrogates survive) and checks nothing was stored. */
  async function refused(json: string): Promise<{ status: number; body: Body }> {
    const before = await t.db.$count(conversions);
    const res = await handlePostback(new Request(`${URL_BASE}?token=${token}`, { method: "POST", headers: { "content-type": "application/json" }, body: json }));
    const body = (await res.json()) as Body;
    expect(await t.db.$count(conversions)).toBe(before);
    return { status: res.status, body };
  }
  const fields = (b: Body) => (b.errors ?? []).map((e) => e.field).sort();
  const base = async (extra: string) => `{"click_id":"${await click(t.db, code)}","event":"ftd","txn_id":"${txn()}"${extra}}`;

  it.each([
    ["txn_id", '{"click_id":"CLICK","event":"ftd","txn_id":"a\\ud800b"}'],
    ["adv1", '{"click_id":"CLICK","event":"ftd","txn_id":"TXN","adv1":"\\udc00"}'],
    ["customer_id", '{"click_id":"CLICK","event":"ftd","txn_id":"TXN","customer_id":"x\\ud83d"}'],
  ])("refuses a lone UTF-16 surrogate in %s with a 400 naming it", async (field, template) => {
    const json = template.replace("CLICK", await click(t.db, code)).replace("TXN", txn());
    const { status, body } = await refused(json);
    expect(status).toBe(400);
    expect(fields(body)).toEqual([field]);
    expect(body.message).toContain(field);
  });

  it("keeps a well-formed pair of surrogates (an emoji) in a text field", async () => {
    const res = await handlePostback(
      new Request(`${URL_BASE}?token=${token}`, { method: "POST", headers: { "content-type": "application/json" }, body: await base(',"adv1":"\\ud83d\\ude00"') }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as Body;
    const [row] = await t.db.select().from(conversions).where(eq(conversions.id, body.conversion_id ?? ""));
    expect(row?.adv1).toBe("😀");
  });

  it.each(["-271821-04-20T00:00:00Z", "0000-01-01T00:00:00Z", "-004713-11-23T00:00:00Z", "1", "2020-02-30T00:00:00Z", "2020-02-30", "20200101", "2021-13-01T00:00:00Z", "2021-01-01 00:00:00"])(
    "refuses occurred_at=%s with a 400 naming occurred_at",
    async (value) => {
      const { status, body } = await refused(await base(`,"occurred_at":${JSON.stringify(value)}`));
      expect(status).toBe(400);
      expect(fields(body)).toEqual(["occurred_at"]);
    },
  );

  it.each(["2024-02-29T10:00:00Z", "2024-03-01T10:00:00.123+02:00", "2024-03-01T10:00Z"])("accepts the ISO 8601 date-time %s", async (value) => {
    const res = await handlePostback(
      new Request(`${URL_BASE}?token=${token}`, { method: "POST", headers: { "content-type": "application/json" }, body: await base(`,"occurred_at":"${value}"`) }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as Body;
    const [row] = await t.db.select().from(conversions).where(eq(conversions.id, body.conversion_id ?? ""));
    expect(row?.occurredAt.getTime()).toBe(Date.parse(value));
  });

  it.each(["fe80::1%eth0", "fe80::1%25eth0", "::ffff:1.2.3.4%1", "1.2.3.4/32"])("refuses customer_ip=%s with a 400 naming customer_ip", async (ip) => {
    const { status, body } = await refused(await base(`,"customer_ip":${JSON.stringify(ip)}`));
    expect(status).toBe(400);
    expect(fields(body)).toEqual(["customer_ip"]);
  });

  it("refuses customer_ip with a zone id in a GET query too", async () => {
    const q = new URLSearchParams({ token, click_id: await click(t.db, code), event: "ftd", txn_id: txn(), customer_ip: "fe80::1%eth0" });
    const res = await handlePostback(new Request(`${URL_BASE}?${q}`));
    expect(res.status).toBe(400);
    expect(fields((await res.json()) as Body)).toEqual(["customer_ip"]);
  });

  it.each(["1e309", "true", "false", "[1]", "{}", "null", '["1.00"]'])("refuses a JSON amount of %s instead of dropping it", async (amount) => {
    const { status, body } = await refused(await base(`,"amount":${amount}`));
    expect(status).toBe(400);
    expect(fields(body)).toEqual(["amount"]);
    expect(body.message).toMatch(/amount/);
  });

  it("refuses non-string values of other known fields too, naming each", async () => {
    const { status, body } = await refused(await base(',"adv2":true,"currency":["USD"],"customer_id":{}'));
    expect(status).toBe(400);
    expect(fields(body)).toEqual(["adv2", "currency", "customer_id"]);
  });

  it("names every problem of a request in one 400, not only the first", async () => {
    const json = JSON.stringify({ event: "FTD!", txn_id: "", amount: true, occurred_at: "2020-02-30", customer_ip: "fe80::1%eth0", currency: "dollars" });
    const { status, body } = await refused(json);
    expect(status).toBe(400);
    expect(body.error).toBe("invalid_request");
    expect(fields(body)).toEqual(["amount", "click_id", "currency", "customer_ip", "event", "occurred_at", "txn_id"]);
    for (const f of ["amount", "event", "txn_id", "occurred_at", "customer_ip", "currency"]) expect(body.message).toContain(f);
  });

  it("names every problem found once the offer is known: the event, the amount and the date together", async () => {
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const { status, body } = await refused(await base(`,"amount":"1.001","occurred_at":"${future}"`).then((j) => j.replace('"event":"ftd"', '"event":"spin"')));
    expect(status).toBe(400);
    expect(fields(body)).toEqual(["amount", "event", "occurred_at"]);
  });

  describe("signed postbacks take every value from the signed bytes", () => {
    const sign = (body: string, at = Math.floor(Date.now() / 1000)) => `t=${at},v1=${createHmac("sha256", "s-live").update(`${at}.${body}`).digest("hex")}`;
    const signedPost = (body: string, query = "") =>
      handlePostback(
        new Request(`${URL_BASE}${query}`, {
          method: "POST",
          body,
          headers: { "content-type": "application/json", "x-touchpoint-program": programId, "x-touchpoint-signature": sign(body) },
        }),
      );

    it("accepts a signed POST with no query string", async () => {
      const res = await signedPost(await base(',"amount":"10.00"'));
      expect(res.status).toBe(200);
    });

    it("refuses query parameters the signature does not cover, naming them, and stores nothing", async () => {
      const id = txn();
      const body = JSON.stringify({ click_id: await click(t.db, code), event: "ftd", txn_id: id, amount: "10.00" });
      const res = await signedPost(body, "?amount=9999.00&customer_id=victim");
      expect(res.status).toBe(400);
      const out = (await res.json()) as Body;
      expect(out.error).toBe("unsigned_parameters");
      expect(fields(out)).toEqual(["amount", "customer_id"]);
      expect(out.message).toContain("amount");
      expect(out.message).toContain("customer_id");
      expect(await t.db.$count(conversions, eq(conversions.txnId, id))).toBe(0);
    });

    it("refuses even an unknown or empty query parameter on a signed POST", async () => {
      const res = await signedPost(await base(""), "?x=");
      expect(res.status).toBe(400);
      expect(fields((await res.json()) as Body)).toEqual(["x"]);
    });

    it("refuses a signed form POST with query parameters too", async () => {
      const form = new URLSearchParams({ click_id: await click(t.db, code), event: "ftd", txn_id: txn() }).toString();
      const res = await handlePostback(
        new Request(`${URL_BASE}?amount=1.00`, {
          method: "POST",
          body: form,
          headers: { "content-type": "application/x-www-form-urlencoded", "x-touchpoint-program": programId, "x-touchpoint-signature": sign(form) },
        }),
      );
      expect(res.status).toBe(400);
      expect(fields((await res.json()) as Body)).toEqual(["amount"]);
    });
  });
});
