import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { commissions, partners } from "@/db/schema";
import type { SessionUser } from "@/server/auth/authenticate";
import { approveCommissions } from "@/server/commissions/review-commissions";
import { recordPostback } from "@/server/conversions/record-postback";
import { processConversionSteps } from "@/server/jobs/functions/process-conversion";
import { immediateSteps } from "@/server/jobs/step";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { click, makeAdmin, partnerOnPlan } from "@/test/factories";
import { expectLedgerInvariants } from "@/test/ledger-invariants";
import { createPayoutBatch } from "./create-payout-batch";
import { batchCsv, batchPaypalCsv } from "./export";
import { savePayoutDetails } from "./payout-details";

/**
 * Each export is guarded for what reads it: the generic CSV is opened in spreadsheets, so formula-like cells
 * get a leading quote; PayPal's mass payment file is read by PayPal, where a quoted e-mail is another address.
 */
describe.each(await drivers())("payout exports on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  let seq = 0;
  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
  });
  afterEach(() => expectLedgerInvariants(t.db));
  afterAll(() => t.close());

  /** A partner with one approved 60.00 commission in `currency`, paid by PayPal to `email`. */
  async function paypalPartner(currency: string, email: string, name?: string) {
    const s = await partnerOnPlan(t.db, admin, { currency, components: { cpa: { event: "ftd", amount: 6_000n } } });
    const r = await recordPostback(t.db, { token: s.token, click_id: await click(t.db, s.code), event: "ftd", txn_id: `x-${seq++}` });
    if (!r.ok || r.status !== "accepted") throw new Error(JSON.stringify(r));
    await processConversionSteps(t.db, immediateSteps, { conversionId: r.conversionId });
    const ids = (await t.db.select({ id: commissions.id }).from(commissions).where(eq(commissions.conversionId, r.conversionId))).map((c) => c.id);
    await approveCommissions(t.db, { commissionIds: ids, actorId: admin.id });
    await savePayoutDetails(t.db, s.partnerId, { method: "paypal", email });
    if (name) await t.db.update(partners).set({ name }).where(eq(partners.id, s.partnerId));
    return s;
  }

  it.each(["+payouts@partner.example", "-team@partner.example"])("writes the e-mail %s as it is in the PayPal file, and quotes it in the spreadsheet CSV", async (email) => {
    const currency = email.startsWith("+") ? "CHF" : "SEK";
    const s = await paypalPartner(currency, email, "-Minus Media");
    const batch = await createPayoutBatch(t.db, { currency, actorId: admin.id });
    const paypal = await batchPaypalCsv(t.db, batch.batchId ?? "");
    expect(paypal).toBe(`${email},60.00,${currency},${s.partnerId},Touchpoint payout ${batch.batchId}\n`);
    const csv = await batchCsv(t.db, batch.batchId ?? "");
    // the generic export still guards every formula-like text cell for spreadsheets
    expect(csv).toContain(`'${email}`);
    expect(csv).toContain("'-Minus Media");
  });
});
