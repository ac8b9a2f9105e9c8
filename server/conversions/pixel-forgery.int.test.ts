import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { conversions, fraudChecks } from "@/db/schema";
import { drainOutbox } from "@/server/jobs/outbox";
import { regeneratePixelKey, savePixelSettings } from "@/server/offers/pixel-settings";
import { PEER_HEADER } from "@/server/http/peer";
import { recordClick } from "@/server/tracking/record-click";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { BROWSER_UA, click, linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { expectLedgerInvariants } from "@/test/ledger-invariants";
import { handlePixel, pixelScript } from "./handle-pixel";

let seq = 0;
const txn = () => `forge-${Date.now()}-${seq++}`;

/**
 * The attack: a partner clicks their own link and calls /api/pixel with their click id and an FTD. The pixel is
 * off unless the operator turns it on for the offer and the event, needs the offer's key, may be limited to the
 * operator's pages, and a pixel report from the click's own browser seconds after the click is held for review.
 */
describe.each(await drivers())("forged pixel conversions on %s", (driver) => {
  let t: TestDb;
  let offerId: string;
  let code: string;
  beforeAll(async () => {
    t = await createTestDb(driver);
    const admin = await makeAdmin(t.db);
    ({ offerId } = await makeProgram(t.db));
    code = await linkCode(t.db, (await makePartner(t.db, admin)).partnerId, offerId);
  });
  afterEach(() => expectLedgerInvariants(t.db));
  afterAll(() => t.close());

  const pixel = (query: string, headers: Record<string, string> = {}) =>
    handlePixel(new Request(`http://localhost/api/pixel?debug=1&${query}`, { headers }));
  const stored = (id: string) => t.db.$count(conversions, eq(conversions.txnId, id));

  it("refuses every pixel report while the offer's pixel is off (the default), storing nothing", async () => {
    const clickId = await click(t.db, code);
    const id = txn();
    const res = await pixel(`click_id=${clickId}&event=ftd&txn_id=${id}&amount=5000.00`);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ status: "error", error: "pixel_disabled" });
    expect(await stored(id)).toBe(0);
    // and the image form says so in its header, still answering the GIF
    const gif = await handlePixel(new Request(`http://localhost/api/pixel?click_id=${clickId}&event=ftd&txn_id=${id}`));
    expect(gif.headers.get("content-type")).toBe("image/gif");
    expect(gif.headers.get("x-touchpoint-result")).toMatch(/^error pixel_disabled/);
    // no snippet for an offer without an enabled pixel
    expect((await pixelScript(new Request("http://localhost/api/pixel.js?key=pxk_nothing"))).status).toBe(404);
  });

  it("once enabled, accepts only the chosen events, with the offer's key, from the listed origins", async () => {
    const row = await savePixelSettings(t.db, { offerId, enabled: true, events: ["registration"], allowedOrigins: ["https://casino.example.com"] });
    const key = row?.key ?? "";
    expect(key).toMatch(/^pxk_/);
    const clickId = await click(t.db, code);
    const from = { origin: "https://casino.example.com" };

    const ftd = txn();
    const wrongEvent = await pixel(`key=${key}&click_id=${clickId}&event=ftd&txn_id=${ftd}&amount=5000.00`, from);
    expect(wrongEvent.status).toBe(403);
    expect(await wrongEvent.json()).toMatchObject({ error: "pixel_event_disabled" });

    const noKey = await pixel(`click_id=${clickId}&event=registration&txn_id=${txn()}`, from);
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toMatchObject({ error: "invalid_pixel_key" });
    expect((await pixel(`key=pxk_guess&click_id=${clickId}&event=registration&txn_id=${txn()}`, from)).status).toBe(401);

    const foreign = await pixel(`key=${key}&click_id=${clickId}&event=registration&txn_id=${txn()}`, { referer: "https://partner-blog.example.net/post" });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ error: "origin_not_allowed" });
    expect((await pixel(`key=${key}&click_id=${clickId}&event=registration&txn_id=${txn()}`)).status).toBe(403);

    const ok = txn();
    const accepted = await pixel(`key=${key}&click_id=${clickId}&event=registration&txn_id=${ok}`, { referer: "https://casino.example.com/welcome?x=1" });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ status: "accepted" });
    expect(await stored(ftd)).toBe(0);
    expect(await stored(ok)).toBe(1);

    // a regenerated key cuts off snippets with the old one
    const { key: fresh } = await regeneratePixelKey(t.db, { offerId });
    expect((await pixel(`key=${key}&click_id=${clickId}&event=registration&txn_id=${txn()}`, from)).status).toBe(401);
    expect((await pixel(`key=${fresh}&click_id=${clickId}&event=registration&txn_id=${txn()}`, from)).status).toBe(200);
    const js = await (await pixelScript(new Request(`https://track.example.com/api/pixel.js?key=${fresh}`))).text();
    expect(js).toContain(JSON.stringify(fresh));
  });

  it("holds a pixel FTD reported from the click's own browser seconds after the click, and records its source", async () => {
    const row = await savePixelSettings(t.db, { offerId, enabled: true, events: ["ftd", "registration"], allowedOrigins: [] });
    const ip = "198.51.100.77";
    const clicked = await recordClick(t.db, { code, ip, userAgent: BROWSER_UA, referrer: null, subs: [] });
    if (!clicked.found) throw new Error("no click");
    const id = txn();
    const res = await pixel(`key=${row?.key}&click_id=${clicked.clickId}&event=ftd&txn_id=${id}&amount=50.00`, { [PEER_HEADER]: ip });
    expect(await res.json()).toMatchObject({ status: "accepted" });
    const [conv] = await t.db.select().from(conversions).where(eq(conversions.txnId, id));
    expect(conv).toMatchObject({ source: "pixel", reporterIp: ip });
    // the handler kicked the in-process runner too: whichever claims the event processes it, so wait for it
    await expect.poll(async () => (await drainOutbox(t.db), t.db.$count(fraudChecks, eq(fraudChecks.conversionId, conv?.id ?? ""))), { timeout: 30_000, interval: 200 }).toBe(1);
    const [check] = await t.db.select().from(fraudChecks).where(eq(fraudChecks.conversionId, conv?.id ?? ""));
    expect(check?.hits.map((h) => h.code)).toContain("pixel_self_conversion");
    expect(["hold", "reject"]).toContain(check?.action);
    const [after] = await t.db.select().from(conversions).where(eq(conversions.txnId, id));
    expect(["held", "rejected"]).toContain(after?.fraudStatus);
  });
});
