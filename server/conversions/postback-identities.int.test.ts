import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { newId } from "@/db/ids";
import { conversions, coupons, customerBindings, programs } from "@/db/schema";
import { PEER_HEADER } from "@/server/http/peer";
import { drainOutbox } from "@/server/jobs/outbox";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { click, linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { setIpAllowlist } from "@/server/programs/set-ip-allowlist";
import { handlePostback } from "./handle-postback";
import { invalidateProgramAuth } from "./postback-auth";
import { recordPostback } from "./record-postback";

describe.each(await drivers())("postback identities and authentication on %s", (driver) => {
  let t: TestDb;
  let p: Awaited<ReturnType<typeof makeProgram>>;
  let alice: string;
  let bob: string;
  let code: string;
  beforeAll(async () => {
    t = await createTestDb(driver);
    const admin = await makeAdmin(t.db);
    p = await makeProgram(t.db);
    alice = (await makePartner(t.db, admin)).partnerId;
    bob = (await makePartner(t.db, admin)).partnerId;
    code = await linkCode(t.db, alice, p.offerId);
    await t.db.insert(coupons).values({ id: newId("coupon"), programId: p.programId, offerId: p.offerId, partnerId: bob, code: "BOB10" });
  });
  afterAll(() => t.close());

  const accepted = async (params: Record<string, string>) => {
    const r = await recordPostback(t.db, { token: p.token, event: "ftd", ...params });
    if (!r.ok || r.status !== "accepted") throw new Error(JSON.stringify(r));
    await drainOutbox(t.db);
    const [row] = await t.db.select().from(conversions).where(eq(conversions.id, r.conversionId));
    return row;
  };

  it("credits a coupon to its owner, whatever its case", async () => {
    const row = await accepted({ coupon: "bob10", txn_id: "c-1", adv1: "campaign-x" });
    expect(row).toMatchObject({ partnerId: bob, attributionMethod: "coupon", couponCode: "BOB10", clickId: null, adv1: "campaign-x" });
    expect(await recordPostback(t.db, { token: p.token, event: "ftd", coupon: "NOPE", txn_id: "c-2" })).toMatchObject({ httpStatus: 404, error: "unknown_coupon" });
  });

  it("binds a customer on the first attributed event and credits later customer-only events to that partner", async () => {
    const first = await accepted({ click_id: await click(t.db, code), customer_id: "player-7", event: "registration", txn_id: "b-1" });
    expect(first).toMatchObject({ partnerId: alice, attributionMethod: "click" });
    const [binding] = await t.db.select().from(customerBindings).where(eq(customerBindings.customerId, "player-7"));
    expect(binding).toMatchObject({ partnerId: alice, programId: p.programId });
    // Another device, no cookie, no click: the binding credits Alice, even when a coupon of Bob's is also sent.
    const later = await accepted({ customer_id: "player-7", coupon: "BOB10", txn_id: "b-2" });
    expect(later).toMatchObject({ partnerId: alice, attributionMethod: "customer_binding" });
    // A later click through Bob does not move the binding.
    const bobCode = await linkCode(t.db, bob, p.offerId);
    await accepted({ click_id: await click(t.db, bobCode), customer_id: "player-7", event: "deposit", txn_id: "b-3" });
    const [still] = await t.db.select().from(customerBindings).where(eq(customerBindings.customerId, "player-7"));
    expect(still?.partnerId).toBe(alice);
    expect(await recordPostback(t.db, { token: p.token, event: "ftd", customer_id: "stranger", txn_id: "b-4" })).toMatchObject({ httpStatus: 404, error: "unknown_customer" });
  });

  it("refuses an event the offer does not configure", async () => {
    const r = await recordPostback(t.db, { token: p.token, event: "spin", click_id: await click(t.db, code), txn_id: "e-1" });
    expect(r).toMatchObject({ ok: false, httpStatus: 400 });
    if (!r.ok) expect(r.message).toContain('event "spin" is not configured');
  });

  it("accepts an HMAC-signed POST with either live secret and refuses a stale or forged one", async () => {
    // Known secrets instead of generateSigningSecret's random ones; the cache is cleared as that use case does.
    await t.db.update(programs).set({ signingSecrets: ["s-new", "s-old"] }).where(eq(programs.id, p.programId));
    invalidateProgramAuth(t.db);
    const post = async (secret: string, body: string, at = Math.floor(Date.now() / 1000)) =>
      handlePostback(
        new Request("http://localhost/api/postback", {
          method: "POST",
          body,
          headers: {
            "content-type": "application/json",
            "x-touchpoint-program": p.programId,
            "x-touchpoint-signature": `t=${at},v1=${createHmac("sha256", secret).update(`${at}.${body}`).digest("hex")}`,
          },
        }),
      );
    const body = (txn: string) => JSON.stringify({ click_id: "", coupon: "BOB10", event: "ftd", txn_id: txn });
    expect((await (await post("s-old", body("h-1"))).json()) as object).toMatchObject({ status: "accepted" });
    expect((await post("s-new", body("h-2"))).status).toBe(200);
    const forged = await post("guess", body("h-3"));
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ status: "error", message: "signature does not match" });
    expect((await post("s-new", body("h-4"), Math.floor(Date.now() / 1000) - 600)).status).toBe(401);
    expect(await t.db.$count(conversions, eq(conversions.txnId, "h-3"))).toBe(0);
  });

  it("accepts postbacks only from allowlisted addresses when the program sets a list", async () => {
    await setIpAllowlist(t.db, { programId: p.programId, allowlist: ["198.51.100.0/24"] });
    const get = (ip: string, txn: string) =>
      handlePostback(new Request(`http://localhost/api/postback?token=${p.token}&coupon=BOB10&event=ftd&txn_id=${txn}`, { headers: { [PEER_HEADER]: ip } }));
    expect((await get("198.51.100.20", "ip-1")).status).toBe(200);
    const refused = await get("203.0.113.9", "ip-2");
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ message: "postbacks from 203.0.113.9 are not allowed for this program" });
    expect(await t.db.$count(conversions, eq(conversions.txnId, "ip-2"))).toBe(0);
    await setIpAllowlist(t.db, { programId: p.programId, allowlist: [] });
    expect((await get("203.0.113.9", "ip-3")).status).toBe(200);
  });
});
