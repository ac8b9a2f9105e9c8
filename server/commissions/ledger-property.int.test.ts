import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commissions, conversions, ledgerEntries } from "@/db/schema";
import type { SessionUser } from "@/server/auth/authenticate";
import { recordPostback } from "@/server/conversions/record-postback";
import { processConversionSteps } from "@/server/jobs/functions/process-conversion";
import { immediateSteps } from "@/server/jobs/step";
import { approvePayoutBatch, markBatchFailed, markBatchPaid } from "@/server/payouts/batch-status";
import { createPayoutBatch } from "@/server/payouts/create-payout-batch";
import { savePayoutDetails } from "@/server/payouts/payout-details";
import { createTestDb, type TestDb } from "@/test/db";
import { click, linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { expectLedgerInvariants } from "@/test/ledger-invariants";
import { adjustBalance } from "./adjust-balance";
import { approveCommissions, rejectCommissions } from "./review-commissions";

type Op =
  | { op: "convert" }
  | { op: "approve"; pick: number }
  | { op: "reject"; pick: number }
  | { op: "refund"; pick: number }
  | { op: "adjust"; amount: number }
  | { op: "payout"; fail: boolean };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ op: "convert" as const }) },
  { weight: 3, arbitrary: fc.nat(50).map((pick) => ({ op: "approve" as const, pick })) },
  { weight: 1, arbitrary: fc.nat(50).map((pick) => ({ op: "reject" as const, pick })) },
  { weight: 2, arbitrary: fc.nat(50).map((pick) => ({ op: "refund" as const, pick })) },
  { weight: 1, arbitrary: fc.integer({ min: -3_000, max: 3_000 }).filter((n) => n !== 0).map((amount) => ({ op: "adjust" as const, amount })) },
  { weight: 2, arbitrary: fc.boolean().map((fail) => ({ op: "payout" as const, fail })) },
);

/**
 * Random sequences of what happens to money (conversions, approvals, rejections, refunds at any stage,
 * adjustments, payouts that succeed or fail), each followed by the ledger's invariants. PGlite only: the
 * invariants are the database's, and the same code runs on PostgreSQL in the integration tests.
 */
describe("the ledger under random event sequences", () => {
  let t: TestDb;
  let admin: SessionUser;
  let seq = 0;
  beforeAll(async () => {
    t = await createTestDb("pglite");
    admin = await makeAdmin(t.db);
  });
  afterAll(() => t.close());

  it("keeps every invariant, whatever the order", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 4, maxLength: 14 }), async (ops) => {
        const program = await makeProgram(t.db, { currency: "CHF", cpaAmount: 3_000 });
        const { partnerId } = await makePartner(t.db, admin);
        await savePayoutDetails(t.db, partnerId, { method: "other", instructions: "Pay by cheque" });
        const code = await linkCode(t.db, partnerId, program.offerId);
        const txns: string[] = [];
        const mine = async () => (await t.db.select({ id: commissions.id }).from(commissions).where(eq(commissions.partnerId, partnerId)).orderBy(commissions.id)).map((c) => c.id);
        for (const o of ops) {
          if (o.op === "convert") {
            const txn = `p-${seq++}`;
            const r = await recordPostback(t.db, { token: program.token, click_id: await click(t.db, code), event: "ftd", txn_id: txn });
            if (r.ok && r.status === "accepted") await processConversionSteps(t.db, immediateSteps, { conversionId: r.conversionId });
            txns.push(txn);
          } else if (o.op === "approve" || o.op === "reject") {
            const ids = await mine();
            const id = ids[o.pick % Math.max(ids.length, 1)];
            if (id) await (o.op === "approve" ? approveCommissions(t.db, { commissionIds: [id], actorId: admin.id }) : rejectCommissions(t.db, { commissionIds: [id], actorId: admin.id, reason: "random rejection" }));
          } else if (o.op === "refund") {
            const txn = txns[o.pick % Math.max(txns.length, 1)];
            if (!txn) continue;
            const r = await recordPostback(t.db, { token: program.token, click_id: await click(t.db, code), event: "refund", txn_id: txn });
            if (r.ok && r.status === "accepted") await processConversionSteps(t.db, immediateSteps, { conversionId: r.conversionId });
          } else if (o.op === "adjust") {
            await adjustBalance(t.db, { partnerId, currency: "CHF", amount: o.amount, reason: "random adjustment", actorId: admin.id });
          } else {
            const batch = await createPayoutBatch(t.db, { currency: "CHF", actorId: admin.id }).catch(() => null);
            if (!batch?.batchId) continue;
            if (o.fail) await markBatchFailed(t.db, { batchId: batch.batchId, reason: "bank refused", actorId: admin.id });
            else {
              await approvePayoutBatch(t.db, { batchId: batch.batchId, actorId: admin.id });
              await markBatchPaid(t.db, { batchId: batch.batchId, reference: `R-${seq++}`, actorId: admin.id });
            }
          }
        }
        await expectLedgerInvariants(t.db);
        // a refund reverses at most what was earned: the partner's net earnings never go below what the adjustments took
        const entries = await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.partnerId, partnerId));
        const earned = entries.filter((e) => e.type === "accrual").reduce((s, e) => s + e.amount, 0);
        const reversed = entries.filter((e) => e.type === "reversal").reduce((s, e) => s - e.amount, 0);
        expect(reversed).toBeLessThanOrEqual(earned);
        const refunds = await t.db.select().from(conversions).where(eq(conversions.event, "refund"));
        expect(refunds.every((r) => r.commissionNote !== null)).toBe(true);
      }),
      { numRuns: 12 },
    );
  });
});
