import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { attributions, conversions } from "@/db/schema";
import { attributeBatch, type AttributionOutcome } from "@/server/attribution/attribute-batch";
import { asArray } from "@/server/attribution/load-inputs";
import { accrueCommissionIn } from "@/server/commissions/conversion-commission";
import type { AccrualOutcome } from "@/server/commissions/accrue-commission";
import { PlanBook, type BookSource } from "@/server/commissions/plan-book";
import { checkConversion, type CheckOutcome } from "@/server/fraud/check-conversion";
import { queuePartnerPostbacks } from "@/server/partner-postbacks/schedule-deliveries";
import { emitConversionRecorded } from "@/server/webhooks/conversion-recorded";

export type ProcessedConversion = { attribution: AttributionOutcome; fraud: CheckOutcome; accrual: AccrualOutcome };
export type BatchOutcome = { conversionId: string } & ({ ok: true; result: ProcessedConversion } | { ok: false; error: unknown });

/** Reads in flight at once while checking a batch, and accruals at once: a few connections' worth. */
const CONCURRENCY = 4;

type Facts = { id: string; programId: string; offerId: string; customerId: string | null; txnId: string; partnerId: string | null; credits: { partnerId: string }[] | null };

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
 * What a conversion's accrual reads that another conversion's accrual writes, as keys: each credited partner
 * (tier volume and recurring revshare count the partner's own commissions), the customer in the program (a
 * CPA once per customer counts anyone's commission on them), and the transaction on the offer (a refund
 * reverses the commissions of its sale). Two conversions that share no key cannot see each other's accrual.
 */
function accrualKeys(f: Facts): string[] {
  const keys = new Set<string>([`txn:${f.offerId}:${f.txnId}`]);
  if (f.partnerId) keys.add(`partner:${f.partnerId}`);
  for (const c of f.credits ?? []) keys.add(`partner:${c.partnerId}`);
  if (f.customerId) keys.add(`customer:${f.programId}:${f.customerId}`);
  return [...keys];
}

/**
 * Processes claimed conversions (in the order they were claimed) with the result of processing them one by one
 * in that order (processConversionSteps), but with far fewer waits on the database:
 *
 * 1. Attribution: the whole batch through attributeBatch, a few statements for all of it. The only thing one
 *    conversion's attribution reads that another's writes is the customer's binding (the first attributed event
 *    binds the customer), so a customer's second conversion in the batch goes in a later round than its first.
 * 2. Fraud checks: concurrently. A check reads facts and other conversions' attribution, never another check's
 *    result or a commission; the conversions claimed after it in the batch are attributed already, but one by one
 *    they would still be pending, so each check counts them as pending (`notYet`). Settings, blocks and partner
 *    identities are read once for the batch, as if the batch ran at the instant it started.
 * 3. Accrual: one transaction per conversion, as always. Conversions whose accruals read each other's writes
 *    (accrualKeys) run in claim order; the others run side by side. Plan books are loaded once per program.
 * 4. Partner postbacks and the conversion.recorded webhook: each reads only its own conversion.
 *
 * A conversion whose step fails is reported as failed (its later steps are not run) and the caller retries it
 * alone; every step is idempotent, so the retry repeats no effect.
 */
export async function processConversionBatch(db: Db, conversionIds: readonly string[], now = new Date()): Promise<BatchOutcome[]> {
  if (conversionIds.length === 0) return [];
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

  // 2. fraud checks
  const fraud = new Map<string, CheckOutcome>();
  const memo = new Map<string, Promise<unknown>>();
  const reading = slots(CONCURRENCY);
  await Promise.all(
    ids.map((id, n) =>
      failed.has(id)
        ? null
        : reading(() => checkConversion(db, id, now, { notYet: ids.slice(n + 1), memo })).then(
            (outcome) => void fraud.set(id, outcome),
            (error: unknown) => void failed.set(id, error),
          ),
    ),
  );

  // 3. accrual
  const facts = await db
    .select({ id: conversions.id, programId: conversions.programId, offerId: conversions.offerId, customerId: conversions.customerId, txnId: conversions.txnId, partnerId: conversions.partnerId, credits: attributions.credits })
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
  const writing = slots(CONCURRENCY);
  const tails = new Map<string, Promise<unknown>>();
  const runs: Promise<unknown>[] = [];
  for (const id of ids) {
    const f = factsOf.get(id);
    if (failed.has(id) || !f) continue;
    const keys = accrualKeys(f);
    const before = keys.flatMap((k) => tails.get(k) ?? []);
    const run = Promise.all(before).then(() =>
      writing(() => db.transaction((tx) => accrueCommissionIn(tx, id, now, bookOf))).then(
        (outcome) => void accrual.set(id, outcome),
        (error: unknown) => void failed.set(id, error),
      ),
    );
    for (const k of keys) tails.set(k, run);
    runs.push(run);
  }
  await Promise.all(runs);

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
