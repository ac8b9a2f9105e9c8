import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { commissions, conversions } from "@/db/schema";
import { kickLocalRunner } from "@/server/jobs/outbox";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { click, linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { handlePostback } from "./handle-postback";

const URL_BASE = "http://localhost/api/postback";
let seq = 0;
const txn = () => `route-${Date.now()}-${seq++}`;

type Body = { status: string; conversion_id?: string; error?: string; message?: string };
async function read(res: Response): Promise<Body> {
  expect(res.headers.get("content-type")).toBe("application/json");
  return (await res.json()) as Body;
}

const postJson = (body: string, query = "") =>
  handlePostback(new Request(`${URL_BASE}${query}`, { method: "POST", headers: { "content-type": "application/json" }, body }));

describe.each(await drivers())("postback route on %s", (driver) => {
  let t: TestDb;
  let token: string;
  let code: string;
  beforeAll(async () => {
    t = await createTestDb(driver);
    const admin = await makeAdmin(t.db);
    let offerId: string;
    ({ token, offerId } = await makeProgram(t.db));
    const p = await makePartner(t.db, admin);
    code = await linkCode(t.db, p.partnerId, offerId);
  });
  // handlePostback starts the in-process runner in the background: let it finish before the next test / close
  afterEach(() => kickLocalRunner(t.db));
  afterAll(() => t.close());

  async function stored(conversionId: string | undefined) {
    const [row] = await t.db.select().from(conversions).where(eq(conversions.id, conversionId ?? ""));
    return row;
  }

  it("accepts a GET query, and answers duplicate with the same id for a replay", async () => {
    const clickId = await click(t.db, code);
    const id = txn();
    const q = new URLSearchParams({ token, click_id: clickId, event: "ftd", txn_id: id, amount: "10.50" });
    const res = await handlePostback(new Request(`${URL_BASE}?${q}`));
    expect(res.status).toBe(200);
    const body = await read(res);
    expect(body).toEqual({ status: "accepted", conversion_id: expect.stringMatching(/^cnv_[0-9a-z]{26}$/) });
    expect(await stored(body.conversion_id)).toMatchObject({ clickId, event: "ftd", txnId: id, amount: 1050, currency: "USD" });

    const again = await handlePostback(new Request(`${URL_BASE}?${q}`));
    expect(again.status).toBe(200);
    expect(await read(again)).toEqual({ status: "duplicate", conversion_id: body.conversion_id });
    expect(await t.db.$count(conversions, eq(conversions.txnId, id))).toBe(1);
  });

  it("accepts a POST JSON body, with numbers as amounts and the token in the query", async () => {
    const clickId = await click(t.db, code);
    const id = txn();
    const res = await postJson(JSON.stringify({ click_id: clickId, event: "ftd", txn_id: id, amount: 12.5, currency: "eur" }), `?token=${token}`);
    expect(res.status).toBe(200);
    const body = await read(res);
    expect(body.status).toBe("accepted");
    expect(await stored(body.conversion_id)).toMatchObject({ clickId, txnId: id, amount: 1250, currency: "EUR" });
  });

  it("accepts a POST form-urlencoded body", async () => {
    const clickId = await click(t.db, code);
    const id = txn();
    const form = new URLSearchParams({ token, click_id: clickId, event: "registration", txn_id: id });
    const res = await handlePostback(
      new Request(URL_BASE, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form.toString() }),
    );
    expect(res.status).toBe(200);
    const body = await read(res);
    expect(body.status).toBe("accepted");
    expect(await stored(body.conversion_id)).toMatchObject({ clickId, event: "registration", txnId: id, amount: null, currency: null });
  });

  it("hands an accepted conversion to the in-process runner, which accrues its commission", async () => {
    const clickId = await click(t.db, code);
    const q = new URLSearchParams({ token, click_id: clickId, event: "ftd", txn_id: txn() });
    const body = await read(await handlePostback(new Request(`${URL_BASE}?${q}`)));
    await kickLocalRunner(t.db);
    expect(await stored(body.conversion_id)).toMatchObject({ attributionStatus: "attributed" });
    const [commission] = await t.db.select().from(commissions).where(eq(commissions.conversionId, body.conversion_id ?? ""));
    expect(commission).toMatchObject({ amount: 20_000, currency: "USD" });
  });

  it("answers 400 JSON for a body that is not valid JSON", async () => {
    const before = await t.db.$count(conversions);
    const res = await postJson("{ not json", `?token=${token}`);
    expect(res.status).toBe(400);
    expect(await read(res)).toEqual({ status: "error", error: "invalid_json", message: "body is not valid JSON" });
    expect(await t.db.$count(conversions)).toBe(before);
  });

  it.each([["an array", "[1,2]"], ["a string", '"ftd"'], ["null", "null"]])("answers 400 JSON for %s as the body", async (_label, text) => {
    const res = await postJson(text, `?token=${token}`);
    expect(res.status).toBe(400);
    expect(await read(res)).toEqual({ status: "error", error: "invalid_json", message: "body must be a JSON object" });
  });

  it("answers 413 for a body over 64 KiB", async () => {
    const res = await postJson(JSON.stringify({ token, pad: "x".repeat(70_000) }));
    expect(res.status).toBe(413);
    expect(await read(res)).toMatchObject({ status: "error", error: "body_too_large" });
  });

  it.each([
    ["a wrong token", { token: "nope" }, 401, "invalid_token"],
    ["an unknown click", { click_id: "clk_01jzzzzzzzzzzzzzzzzzzzzzzz" }, 404, "unknown_click"],
    ["a bad amount", { amount: "ten" }, 400, "invalid_amount"],
    ["a missing txn_id", { txn_id: "" }, 400, "invalid_request"],
  ])("answers %s with an error body", async (_label, override, status, error) => {
    const clickId = await click(t.db, code);
    const q = new URLSearchParams({ token, click_id: clickId, event: "ftd", txn_id: txn(), ...override });
    const res = await handlePostback(new Request(`${URL_BASE}?${q}`));
    expect(res.status).toBe(status);
    const body = await read(res);
    // a 400 also names each bad field
    expect(body).toEqual({ status: "error", error, message: expect.any(String), ...(status === 400 ? { errors: [{ field: expect.any(String), message: body.message }] } : {}) });
    expect(body.message?.length).toBeGreaterThan(5);
    expect(body).not.toHaveProperty("conversion_id");
  });

  it("answers 409 for a replayed txn_id with another amount", async () => {
    const clickId = await click(t.db, code);
    const base = { token, click_id: clickId, event: "ftd", txn_id: txn() };
    const first = await postJson(JSON.stringify({ ...base, amount: "5" }));
    expect(first.status).toBe(200);
    const res = await postJson(JSON.stringify({ ...base, amount: "6" }));
    expect(res.status).toBe(409);
    expect(await read(res)).toMatchObject({ status: "error", error: "txn_conflict" });
  });
});
