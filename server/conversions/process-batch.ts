import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { attributions, conversions } from "@/db/schema";
import { attributeBatch, type AttributionOutcome } from "@/server/attribution/attribute-batch";
import { asArray } from "@/server/attribution/load-inputs";
import { accrueCommissionsIn } from "@/server/commissions/conversion-commission";
import type { AccrualOutcome } from "@/server/commissions/accrue-commission";
import { PlanBook, type BookSource } from "@/server/commissions/plan-book";
import { checkConversions, type CheckOutcome } from "@/server/fraud/check-conversion";
import { queuePartnerPostbacks } from "@/server/partner-postbacks/schedule-deliveries";
import { emitConversionRecorded } from "@/server/webhooks/conversion-recorded";

export type ProcessedConversion = { attribution: AttributionOutcome; fraud: CheckOutcome; accrual: AccrualOutcome };
export type BatchOutcome = { conversionId: string } & ({ ok: true; result: ProcessedConversion } | { ok: false; error: unknown });

/** Partner postbacks and webhooks queued at once for a batch: a few connections' worth. */
const CONCURRENCY = 4;

/** A small counting semaphore: at most `n` of the functions given to it run at once. */
function slots(n: number) {
  let free = n;
  const waiting: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (free > 0) free--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await fn();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free++;
    }
  };
}

/**
 * Processes claimed conversions (in the order they were claimed) with the result of processing them one by one
 * in that order (processConversionSteps), but with far fewer waits on the database:
 *
 * 1. Attribution: the whole batch through attributeBatch, a few statements for all of it. The only thing one
 *    conversion's attribution reads that another's writes is the customer's binding (the first attributed event
 *    binds the customer), so a customer's second conversion in the batch goes in a later round than its first.
 * 2. Fraud checks: all together (checkConversions, a few statements for the batch). A check reads facts and other
 *    conversions' attribution, never another check's result or a commission; the conversions claimed after it in
 *    the batch are attributed already, but one by one they would still be pending, so each check counts them as
 *    pending (`claimed`). Settings, blocks and partner identities are read once for the batch, as if the batch ran
 *    at the instant it started. If the statement fails, every conversion of the batch is retried alone.
 * 3. Accrual: one transaction for the batch (accrueCommissionsIn): rounds of conversions whose accruals cannot read
 *    each other's writes (accrualKeys), each round a few statements, in claim order. Plan books are loaded once
 *    per program. If the transaction fails, every conversion of the batch is retried alone.
 * 4. Partner postbacks and the conversion.recorded webhook: each reads only its own conversion.
 *
 * A conversion whose step fails is reported as failed (its later steps are not run) and the caller retries it
 * alone; every step is idempotent, so the retry repeats no effect.
 */
export async function processConversionBatch(db: Db, conversionIds: readonly string[], now = new Date()): Promise<BatchOutcome[]> {
  return (await startConversionBatch(db, conversionIds, now)).finish();
}

/**
 * The same in two halves: attribution and fraud checks now, accrual and hooks when `finish` is called. Accrual
 * is the only step that reads what an earlier batch's accrual writes (commissions), and no step before it does, so
 * the runner starts the next batch while this one finishes (its claim order is kept: each batch starts after the
 * last one started, and finishes after the last one finished).
 */
export async function startConversionBatch(db: Db, conversionIds: readonly string[], now = new Date()): Promise<{ finish: () => Promise<BatchOutcome[]> }> {
  if (conversionIds.length === 0) return { finish: async () => [] };
  const ids = [...conversionIds];
  const failed = new Map<string, unknown>();

  // 1. attribution, in rounds that keep a customer's conversions in claim order
  const customers = rowsOf<{ id: string; key: string | null }>(
    await db.execute(sql`select id, case when customer_id is null then null else program_id || ':' || customer_id end as key from conversions where id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`),
  );
  const keyOf = new Map(customers.map((c) => [c.id, c.key]));
  const seen = new Map<string, number>();
  const rounds: string[][] = [];
  for (const id of ids) {
    const key = keyOf.get(id) ?? null;
    const round = key === null ? 0 : (seen.get(key) ?? 0);
    if (key !== null) seen.set(key, round + 1);
    (rounds[round] ??= []).push(id);
  }
  const attribution = new Map<string, AttributionOutcome>();
  for (const round of rounds) {
    try {
      for (const o of await attributeBatch(db, round, now)) attribution.set(o.conversionId, o);
    } catch (error) {
      for (const id of round) failed.set(id, error);
    }
  }
  for (const id of ids) if (!attribution.has(id) && !failed.has(id)) failed.set(id, new Error(`conversion ${id} not found`));

  // 2. fraud checks, all at once
  const fraud = new Map<string, CheckOutcome>();
  const memo = new Map<string, Promise<unknown>>();
  const checking = ids.filter((id) => !failed.has(id));
  try {
    const outcomes = await checkConversions(db, checking, now, { claimed: ids, memo });
    for (const [n, id] of checking.entries()) fraud.set(id, outcomes[n]!);
  } catch (error) {
    for (const id of checking) failed.set(id, error);
  }

  return { finish: () => finishBatch(db, ids, now, attribution, fraud, failed) };
}

async function finishBatch(db: Db, ids: string[], now: Date, attribution: Map<string, AttributionOutcome>, fraud: Map<string, CheckOutcome>, failed: Map<string, unknown>): Promise<BatchOutcome[]> {
  const reading = slots(CONCURRENCY);
  // 3. accrual, all in one transaction
  const facts = await db
    .select({ id: conversions.id, partnerId: conversions.partnerId, credits: attributions.credits })
    .from(conversions)
    .leftJoin(attributions, and(eq(attributions.conversionId, conversions.id), isNull(attributions.supersededAt)))
    .where(inArray(conversions.id, ids));
  const factsOf = new Map(facts.map((f) => [f.id, f]));
  const books = new Map<string, Promise<PlanBook>>();
  const bookOf: BookSource = (tx, programId) => {
    let book = books.get(programId);
    if (!book) books.set(programId, (book = PlanBook.load(tx, programId)));
    return book;
  };
  const accrual = new Map<string, AccrualOutcome>();
  const accruing = ids.filter((id) => !failed.has(id) && factsOf.has(id));
  try {
    const outcomes = await db.transaction((tx) => accrueCommissionsIn(tx, accruing, now, bookOf));
    for (const [n, id] of accruing.entries()) accrual.set(id, outcomes[n]!);
  } catch (error) {
    for (const id of accruing) failed.set(id, error);
  }

  // 4. partner postbacks and operator webhooks, each about its own conversion; with no partner of the conversion
  // having a postback and no webhook endpoint enabled, both would find nothing to send, so they are not asked
  const [hooks] = rowsOf<{ endpoints: boolean; partners: string[] | string | null }>(
    await db.execute(sql`
      select exists (select 1 from webhook_endpoints where enabled) as endpoints,
        (select array_agg(distinct partner_id) from partner_postbacks where status = 'active') as partners`),
  );
  const withPostbacks = new Set(asArray(hooks?.partners ?? null));
  const endpoints = hooks?.endpoints === true;
  await Promise.all(
    ids.map((id) => {
      const f = factsOf.get(id);
      const postbacks = [f?.partnerId, ...(f?.credits ?? []).map((c) => c.partnerId)].some((p) => p && withPostbacks.has(p));
      if (failed.has(id) || (!postbacks && !endpoints)) return null;
      return reading(async () => {
        if (postbacks) await queuePartnerPostbacks(db, id, now);
        if (endpoints) await emitConversionRecorded(db, id, now);
      }).catch((error: unknown) => void failed.set(id, error));
    }),
  );

  return ids.map((conversionId): BatchOutcome => {
    const error = failed.get(conversionId);
    const a = attribution.get(conversionId);
    const f = fraud.get(conversionId);
    const c = accrual.get(conversionId);
    if (error !== undefined || !a || !f || !c) return { conversionId, ok: false, error: error ?? new Error("not processed") };
    return { conversionId, ok: true, result: { attribution: a, fraud: f, accrual: c } };
  });
}
