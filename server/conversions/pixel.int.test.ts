import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { conversions } from "@/db/schema";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { click, linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { savePixelSettings } from "@/server/offers/pixel-settings";
import { handlePixel, pixelScript } from "./handle-pixel";

describe.each(await drivers())("conversion pixel on %s", (driver) => {
  let t: TestDb;
  let code: string;
  let key: string;
  beforeAll(async () => {
    t = await createTestDb(driver);
    const admin = await makeAdmin(t.db);
    const { offerId } = await makeProgram(t.db);
    code = await linkCode(t.db, (await makePartner(t.db, admin)).partnerId, offerId);
    key = (await savePixelSettings(t.db, { offerId, enabled: true, events: ["ftd", "registration"], allowedOrigins: [] }))?.key ?? "";
  });
  afterAll(() => t.close());

  const pixel = (query: string, cookie?: string) => handlePixel(new Request(`http://localhost/api/pixel?key=${key}&${query}`, { headers: cookie ? { cookie } : {} }));

  it("records a conversion from the click cookie, marked as a pixel conversion, and answers a 1x1 GIF", async () => {
    const clickId = await click(t.db, code);
    const res = await pixel("event=ftd&txn_id=px-1&amount=25.50&currency=USD", `tp_click=${clickId}`);
    expect(res.headers.get("content-type")).toBe("image/gif");
    expect((await res.arrayBuffer()).byteLength).toBe(42);
    expect(res.headers.get("x-touchpoint-result")).toMatch(/^accepted cnv_/);
    const [row] = await t.db.select().from(conversions).where(eq(conversions.txnId, "px-1"));
    expect(row).toMatchObject({ clickId, source: "pixel", amount: 2550, event: "ftd" });
  });

  it("takes the click id from the snippet's parameter, and never lets a browser bind a customer", async () => {
    const clickId = await click(t.db, code);
    const res = await pixel(`click_id=${clickId}&event=registration&txn_id=px-2&customer_id=someone-else`);
    expect(res.headers.get("x-touchpoint-result")).toMatch(/^accepted/);
    const [row] = await t.db.select().from(conversions).where(eq(conversions.txnId, "px-2"));
    expect(row).toMatchObject({ clickId, customerId: null, source: "pixel" });
    expect((await pixel(`click_id=${clickId}&event=registration&txn_id=px-2`)).headers.get("x-touchpoint-result")).toMatch(/^duplicate/);
  });

  it("still answers the image without a click, and explains itself in debug mode", async () => {
    const before = await t.db.$count(conversions);
    const res = await pixel("event=ftd&txn_id=px-3");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/gif");
    expect(res.headers.get("x-touchpoint-result")).toContain("error");
    const debug = await pixel("event=ftd&txn_id=px-3&debug=1");
    expect(debug.status).toBe(400);
    expect(await debug.json()).toMatchObject({ status: "error" });
    expect(await t.db.$count(conversions)).toBe(before);
  });

  it("serves a snippet that keeps the click id in a first-party cookie and reports to this origin", async () => {
    const js = await (await pixelScript(new Request(`https://track.example.com/api/pixel.js?key=${key}`))).text();
    expect(js).toContain('"https://track.example.com"+"/api/pixel?"');
    expect(js).toContain("tp_click_id");
    expect(js).toContain("window.touchpoint");
    expect(js).toContain('var P="clickid"');
    const custom = await (await pixelScript(new Request(`https://track.example.com/api/pixel.js?key=${key}&param=ref`))).text();
    expect(custom).toContain('var P="ref"');
    const hostile = await (await pixelScript(new Request(`https://track.example.com/api/pixel.js?key=${key}&param=x";alert(1);"`))).text();
    expect(hostile).toContain('var P="clickid"');
  });
});
