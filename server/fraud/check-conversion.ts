import { eq, sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { bulkInsert } from "@/db/bulk-insert";
import { newId } from "@/db/ids";
import { conversions, fraudChecks, type FraudReviewStatus, type FraudStatus } from "@/db/schema";
import { notify } from "@/server/notifications/notify";
import { emitWebhooks } from "@/server/webhooks/emit";
import { loadCheckInputs, type CheckOptions, type CheckTarget } from "./load-check-input";
import { healHistoryColumns } from "./load-history";
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
  const [outcome] = await checkConversions(db, [conversionId], now, opts);
  return outcome!;
}

/**
 * The same for many conversions, with the same results: their inputs read together (loadCheckInputs), every new
 * result and fraud status written in one statement, and the holds announced together. Returns the outcomes in
 * the order of `conversionIds`.
 */
export async function checkConversions(db: Db, conversionIds: readonly string[], now = new Date(), opts: CheckOptions = {}): Promise<CheckOutcome[]> {
  await healHistoryColumns(db, conversionIds);
  const loaded = await loadCheckInputs(db, conversionIds, opts);
  const outcomes = new Map<string, CheckOutcome>();
  const fresh: { target: CheckTarget; verdict: ReturnType<typeof evaluate>; fraudStatus: FraudStatus; row: typeof fraudChecks.$inferInsert }[] = [];
  for (const [n, l] of loaded.entries()) {
    const id = conversionIds[n]!;
    if (l.skip !== null) outcomes.set(id, { checked: false, reason: l.skip });
    else if (l.stored) outcomes.set(id, { checked: true, ...l.stored });
    else if (!outcomes.has(id) && !fresh.some((f) => f.target.conversionId === id)) {
      const verdict = evaluate(l.input, l.config);
      const reviewStatus = REVIEW_OF[verdict.action];
      fresh.push({
        target: l.target,
        verdict,
        fraudStatus: FRAUD_STATUS_OF[verdict.action],
        row: {
          id: newId("fraudCheck", now.getTime()),
          ...l.target,
          score: verdict.score,
          action: verdict.action,
          hits: verdict.hits,
          summary: verdict.summary,
          facts: l.facts,
          thresholds: l.config.actions,
          reviewStatus,
          decidedAt: reviewStatus === "open" ? null : now,
          createdAt: now,
          updatedAt: now,
        },
      });
    }
  }
  if (fresh.length === 0) return conversionIds.map((id) => outcomes.get(id)!);

  // The results and the conversions' fraud statuses in one statement: each pair is written or neither is.
  const statuses = JSON.stringify(fresh.map((f) => ({ id: f.target.conversionId, status: f.fraudStatus })));
  const inserted = rowsOf<{ id: string; conversion_id: string }>(
    await db.execute(sql`
      with ins as (${bulkInsert(fraudChecks, fresh.map((f) => f.row), { onConflictDoNothing: true })} returning id, conversion_id),
      upd as (
        update ${conversions} v set fraud_status = x.status
        from jsonb_to_recordset(${statuses}::jsonb) as x(id text, status text)
        where v.id = x.id and exists (select 1 from ins where ins.conversion_id = x.id)
      )
      select id, conversion_id from ins`),
  );
  const won = new Map(inserted.map((r) => [r.conversion_id, r.id]));
  const holds: typeof fresh = [];
  for (const f of fresh) {
    const id = f.target.conversionId;
    const checkId = won.get(id);
    if (!checkId) {
      // A concurrent run stored its result first: that one stands.
      const winner = await stored(db, id);
      if (!winner) throw new Error(`fraud check of ${id} conflicted without a row`);
      outcomes.set(id, winner);
      continue;
    }
    if (f.verdict.action === "hold") holds.push(f);
    outcomes.set(id, { checked: true, checkId, action: f.verdict.action, score: f.verdict.score, fraudStatus: f.fraudStatus, codes: f.verdict.hits.map((h) => h.code) });
  }
  if (holds.length > 0) {
    // told once, by the run that stored the hold (a retry returns the stored result above)
    await emitWebhooks(
      db,
      holds.map(({ target, verdict }) => ({
        type: "fraud.hold" as const,
        data: { conversion_id: target.conversionId, partner_id: target.partnerId, fraud_check_id: won.get(target.conversionId)!, score: verdict.score, rules: verdict.hits.map((h) => h.code) },
        dedupeKey: `fraud.hold:${target.conversionId}`,
      })),
      now,
    );
    await notify(
      db,
      holds.map(({ target }) => ({ partnerId: target.partnerId, kind: "fraud_hold", title: "A conversion is held for review", body: "Its commission waits until the program team reviews it. You can add an explanation on the conversion's page.", href: `/portal/conversions/${target.conversionId}` })),
      now,
    );
  }
  return conversionIds.map((id) => outcomes.get(id)!);
}
