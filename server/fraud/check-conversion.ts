import { eq, sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { newId } from "@/db/ids";
import { conversions, fraudChecks, type FraudReviewStatus, type FraudStatus } from "@/db/schema";
import { notify } from "@/server/notifications/notify";
import { emitWebhooks } from "@/server/webhooks/emit";
import { loadCheckInput, type CheckOptions } from "./load-check-input";
import { evaluate } from "./rules/score";
import type { FraudAction } from "./rules/types";

export const FRAUD_STATUS_OF: Record<FraudAction, FraudStatus> = { allow: "clear", flag: "flagged", hold: "held", reject: "rejected" };
/** Allow and reject are decisions already (by the checks); flag and hold wait for an admin. */
const REVIEW_OF: Record<FraudAction, FraudReviewStatus> = { allow: "cleared", flag: "open", hold: "open", reject: "rejected" };

export type CheckOutcome =
  | { checked: true; checkId: string; action: FraudAction; score: number; fraudStatus: FraudStatus; codes: string[] }
  | { checked: false; reason: string };

async function stored(db: Db, conversionId: string): Promise<CheckOutcome | null> {
  const [row] = await db
    .select({ id: fraudChecks.id, action: fraudChecks.action, score: fraudChecks.score, hits: fraudChecks.hits, fraudStatus: conversions.fraudStatus })
    .from(fraudChecks)
    .innerJoin(conversions, eq(conversions.id, fraudChecks.conversionId))
    .where(eq(fraudChecks.conversionId, conversionId));
  return row ? { checked: true, checkId: row.id, action: row.action, score: row.score, fraudStatus: row.fraudStatus, codes: row.hits.map((h) => h.code) } : null;
}

/**
 * Runs the fraud rules on an attributed conversion before its commission accrues, stores the result with every
 * hit, and sets the conversion's fraud status from the action (one statement). Once stored, a result is final for the job: a
 * retry (or a second delivery of the event) returns it unchanged, and only an admin's review changes it.
 */
export async function checkConversion(db: Db, conversionId: string, now = new Date(), opts: CheckOptions = {}): Promise<CheckOutcome> {
  const loaded = await loadCheckInput(db, conversionId, opts);
  if (loaded.skip !== null) return { checked: false, reason: loaded.skip };
  if (loaded.stored) return { checked: true, ...loaded.stored };
  const verdict = evaluate(loaded.input, loaded.config);
  const fraudStatus = FRAUD_STATUS_OF[verdict.action];
  const reviewStatus = REVIEW_OF[verdict.action];
  const { target } = loaded;
  // The result and the conversion's fraud status in one statement: both are written or neither is.
  const insert = db
    .insert(fraudChecks)
    .values({
      id: newId("fraudCheck", now.getTime()),
      ...target,
      score: verdict.score,
      action: verdict.action,
      hits: verdict.hits,
      summary: verdict.summary,
      facts: loaded.facts,
      thresholds: loaded.config.actions,
      reviewStatus,
      decidedAt: reviewStatus === "open" ? null : now,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: fraudChecks.conversionId })
    .returning({ id: fraudChecks.id });
  const [row] = rowsOf<{ id: string }>(
    await db.execute(sql`
      with ins as (${insert.getSQL()}),
      upd as (update ${conversions} set fraud_status = ${fraudStatus} where id = ${conversionId} and exists (select 1 from ins))
      select id from ins`),
  );
  const inserted = row?.id ?? null;
  if (!inserted) {
    // A concurrent run stored its result first: that one stands.
    const winner = await stored(db, conversionId);
    if (!winner) throw new Error(`fraud check of ${conversionId} conflicted without a row`);
    return winner;
  }
  if (verdict.action === "hold") {
    // told once, by the run that stored the hold (a retry returns the stored result above)
    const data = { conversion_id: conversionId, partner_id: target.partnerId, fraud_check_id: inserted, score: verdict.score, rules: verdict.hits.map((h) => h.code) };
    await emitWebhooks(db, [{ type: "fraud.hold", data, dedupeKey: `fraud.hold:${conversionId}` }], now);
    await notify(db, [{ partnerId: target.partnerId, kind: "fraud_hold", title: "A conversion is held for review", body: "Its commission waits until the program team reviews it. You can add an explanation on the conversion's page.", href: `/portal/conversions/${conversionId}` }], now);
  }
  return { checked: true, checkId: inserted, action: verdict.action, score: verdict.score, fraudStatus, codes: verdict.hits.map((h) => h.code) };
}
