import { and, eq, inArray, isNull, notExists, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { ledgerEntries, payoutBatchItems, type PayoutSettings } from "@/db/schema";
import { createPayoutBatch, type CreatedBatch } from "./create-payout-batch";
import { payoutSchedules } from "./payout-settings";

/** ISO 8601 week of a UTC date: "2026-W48". */
export function isoWeek(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/**
 * The period a scheduled run at `now` belongs to, or null when the schedule is not due: monthly batches are
 * made from the configured day of the month on (1-28), weekly ones from the configured weekday (1 = Monday).
 * Each period gets one batch per currency, whatever the number of runs (the unique period index).
 */
export function duePeriod(schedule: PayoutSettings["schedule"], now: Date): string | null {
  if (schedule.frequency === "manual") return null;
  if (schedule.frequency === "monthly") {
    if (now.getUTCDate() < schedule.day) return null;
    return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
  }
  const weekday = now.getUTCDay() || 7;
  return weekday >= schedule.day ? isoWeek(now) : null;
}

/**
 * For every payout schedule that is due (the default, and each program with its own), makes the period's
 * draft batch in every currency with approved money waiting on that schedule.
 */
export async function createScheduledBatches(db: Db, now = new Date()): Promise<CreatedBatch[]> {
  const due = (await payoutSchedules(db)).flatMap((s) => {
    const period = duePeriod(s.settings.schedule, now);
    return period ? [{ programId: s.programId, period }] : [];
  });
  if (due.length === 0) return [];
  const currencies = await db
    .selectDistinct({ currency: ledgerEntries.currency })
    .from(ledgerEntries)
    .where(
      and(
        eq(ledgerEntries.bucket, "approved"),
        inArray(ledgerEntries.type, ["approval", "reversal", "adjustment"]),
        notExists(db.select({ one: sql`1` }).from(payoutBatchItems).where(and(eq(payoutBatchItems.ledgerEntryId, ledgerEntries.id), isNull(payoutBatchItems.releasedAt)))),
      ),
    );
  const made: CreatedBatch[] = [];
  for (const { programId, period } of due) {
    for (const { currency } of currencies) {
      try {
        const batch = await createPayoutBatch(db, { currency, actorId: null, period, programId, now });
        if (batch.batchId) made.push(batch);
      } catch (err) {
        // this period's batch for the currency and schedule exists already: the schedule has done its work
        if (!(err instanceof Error && err.message.includes("already exists"))) throw err;
      }
    }
  }
  return made;
}
