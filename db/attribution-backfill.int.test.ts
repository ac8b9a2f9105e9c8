import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { attributions, conversions } from "@/db/schema";
import { newId } from "@/db/ids";
import { MIGRATIONS_DIR } from "@/db/client";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { click, linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";

const backfill = fs.readFileSync(path.join(MIGRATIONS_DIR, "0006_attribution_backfill.sql"), "utf8");

describe.each(await drivers())("migration 0006 (records for conversions decided before them) on %s", (driver) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(driver);
  });
  afterAll(() => t.close());

  it("writes a version-1 record for each decided conversion that has none, once", async () => {
    const admin = await makeAdmin(t.db);
    const { programId, offerId } = await makeProgram(t.db);
    const p = await makePartner(t.db, admin);
    const clickId = await click(t.db, await linkCode(t.db, p.partnerId, offerId));
    const legacy = newId("conversion");
    const common = { programId, offerId, event: "ftd", occurredAt: new Date(), params: {} };
    await t.db.insert(conversions).values([
      { ...common, id: legacy, clickId, txnId: "old-1", attributionStatus: "attributed", attributionMethod: "click", partnerId: p.partnerId, attributionReason: "last click within the attribution window", attributedAt: new Date() },
      { ...common, id: newId("conversion"), txnId: "old-2", attributionStatus: "unattributed", attributionReason: "no click" },
      { ...common, id: newId("conversion"), txnId: "new-1" },
    ]);
    await t.db.execute(backfill);
    await t.db.execute(backfill);
    const rows = await t.db.select().from(attributions);
    expect(rows).toHaveLength(2);
    const [rec] = await t.db.select().from(attributions).where(eq(attributions.conversionId, legacy));
    expect(rec).toMatchObject({ version: 1, source: "click", credits: [{ partnerId: p.partnerId, credit: 1 }], supersededAt: null });
    expect(rec?.touchpoints).toEqual([expect.objectContaining({ clickId, partnerId: p.partnerId, weight: 1 })]);
    expect(new Date(rec!.touchpoints[0]!.at).getTime()).not.toBeNaN();
  });
});
