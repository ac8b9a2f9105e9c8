import { asc, eq, inArray, sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { outboxEvents } from "@/db/schema";
import { startConversionBatch, type BatchOutcome } from "@/server/conversions/process-batch";
import { markProcessed, setLocalRunner } from "@/server/outbox/dispatch";
import { conversionRecorded } from "@/server/outbox/events";
import { MalformedPayloadError } from "./define-job";
import { jobsByEvent } from "./functions";
import { BUSY_RPS, MAX_LAG_MS, yieldToTraffic } from "./give-way";

export { BUSY_RPS, MAX_LAG_MS };

export const MAX_ATTEMPTS = 12;

/** The drains the in-process runner has under way, if any (kickLocalRunner). */
let draining: Promise<unknown> | null = null;
/** The databases kicked since their last drain began (one in the app; a test process opens several). */
const kicked = new Set<Db>();

/**
 * A claim is a short lease, renewed while its handler runs. A process that dies (SIGKILL, OOM, power) stops
 * renewing, so its events are picked up again within `seconds`, not after the longest run any handler might
 * need (a fixed 120 s lock held a killed process's events, and the attribution and commissions behind them,
 * for two minutes after every crash). Mutable for tests.
 */
export const LEASE = { seconds: 15, renewMs: 5_000 };

/** Exponential backoff with jitter: ~2 s, 4 s, 8 s ... capped at one hour. */
export function backoffMs(attempt: number, random = Math.random): number {
  const base = Math.min(3_600_000, 1000 * 2 ** attempt);
  return Math.round(base / 2 + (random() * base) / 2);
}

type Claimed = typeof outboxEvents.$inferSelect;


/** Recorded conversions are claimed and processed in batches of up to this many (processConversionBatch). */
export const CONVERSION_BATCH = { size: 100 };
const CONVERSION_EVENT = conversionRecorded.name;

/**
 * Claims up to `n` due events (a crashed run's lock expires, so its event is picked up again), in due order:
 * only recorded conversions with `conversions`, any other event without.
 */
async function claim(db: Db, n: number, conversions: boolean): Promise<Claimed[]> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    update outbox_events set locked_until = now() + make_interval(secs => ${LEASE.seconds}), attempts = attempts + 1
    where id in (
      select id from outbox_events
      where processed_at is null and failed_at is null and available_at <= now()
        and (locked_until is null or locked_until < now()) and (name = ${CONVERSION_EVENT}) = ${conversions}
      order by available_at, id limit ${n}
      for update skip locked)
    returning id`);
  const ids = rowsOf<{ id: string }>(rows).map((r) => r.id);
  if (ids.length === 0) return [];
  return db.select().from(outboxEvents).where(inArray(outboxEvents.id, ids)).orderBy(asc(outboxEvents.availableAt), asc(outboxEvents.id));
}

/**
 * A batch of recorded conversions, processed together (as if one by one in claim order) and marked processed in
 * one statement. One that failed is run again alone, which records its error and schedules its retry. Returns
 * once the batch's first half has run (startConversionBatch); `finish` runs the rest and resolves to how many
 * were processed.
 */
async function startConversions(db: Db, events: Claimed[]): Promise<{ finish: () => Promise<number> }> {
  // the payload is read with the event's own schema; a malformed one is left to runOne, which fails it at once
  const ids = new Map(events.flatMap((e) => {
    const data = conversionRecorded.schema.safeParse(e.data);
    return data.success ? [[e.id, data.data.conversionId] as const] : [];
  }));
  const release = holdLease(db, events.map((e) => e.id));
  const failedBatch = (err: unknown): BatchOutcome[] => {
    console.error(`[jobs] conversion batch of ${events.length} failed, running them one by one:`, err instanceof Error ? err.message : err);
    return [];
  };
  let started: { finish: () => Promise<BatchOutcome[]> };
  try {
    started = await startConversionBatch(db, events.flatMap((e) => ids.get(e.id) ?? []));
  } catch (err) {
    started = { finish: async () => failedBatch(err) };
  }
  return {
    finish: async () => {
      let outcomes: BatchOutcome[];
      try {
        outcomes = await started.finish();
      } catch (err) {
        outcomes = failedBatch(err);
      } finally {
        release();
      }
      const ok = new Set(outcomes.flatMap((o) => (o.ok ? [o.conversionId] : [])));
      const isDone = (e: Claimed) => ok.has(ids.get(e.id) ?? "");
      const processed = events.filter(isDone);
      await markProcessed(db, processed.map((e) => e.id));
      let done = processed.length;
      for (const e of events) if (!isDone(e) && (await runOne(db, e))) done++;
      return done;
    },
  };
}

/**
 * Runs due events in this process until none is left, with a few workers so that one slow partner
 * tracker cannot hold up the attribution of every conversion behind it (claims use SKIP LOCKED).
 * Returns how many this call processed successfully.
 *
 * A drain the in-process runner started (a request's dispatch, the sweeper) may hold events this one skipped
 * as locked; the call returns only once that drain has ended too, so that on return every event that was due
 * has been run (a seed or a test reading the commissions next sees them, whichever drain ran the event).
 */
export async function drainOutbox(db: Db, limit = 1000, concurrency = 4): Promise<number> {
  const done = await drainHere(db, limit, concurrency);
  await runnerIdle();
  return done;
}

/** Resolves once no drain of the in-process runner is under way (its promise never rejects). */
async function runnerIdle(): Promise<void> {
  while (draining) await draining;
}

async function drainHere(db: Db, limit: number, concurrency: number): Promise<number> {
  let done = 0;
  let claimed = 0;
  let behind = false;
  // Worker 0 takes recorded conversions, a batch at a time and in order; it and the others take every other event.
  // It starts the next batch while the last one finishes (startConversions), which keeps both halves in order.
  const worker = async (n: number) => {
    let finishing: Promise<number> | null = null;
    try {
      while (claimed < limit) {
        if (!behind) await yieldToTraffic();
        const batch = n === 0 ? await claim(db, Math.max(1, Math.min(CONVERSION_BATCH.size, limit - claimed)), true) : [];
        const [event] = batch.length > 0 ? batch : await claim(db, 1, false);
        if (!event) {
          if (!finishing) return;
          // the last batch's accrual and hooks may write events of their own (a partner postback): look again after
          done += await finishing;
          finishing = null;
          continue;
        }
        claimed += Math.max(1, batch.length);
        behind = Date.now() - event.availableAt.getTime() > MAX_LAG_MS;
        if (batch.length > 0) {
          const started = await startConversions(db, batch);
          if (finishing) done += await finishing;
          finishing = started.finish();
        } else if (await runOne(db, event)) done++;
      }
    } finally {
      if (finishing) done += await finishing;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, n) => worker(n)));
  return done;
}

/** Keeps renewing the leases of `ids` until stopped. A failed renewal (the database is down) is tried again next time. */
function holdLease(db: Db, ids: string[]): () => void {
  const timer = setInterval(() => {
    db.execute(sql`
      update outbox_events set locked_until = now() + make_interval(secs => ${LEASE.seconds})
      where id in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )}) and processed_at is null and locked_until is not null`).catch(() => {});
  }, LEASE.renewMs);
  timer.unref();
  return () => clearInterval(timer);
}

async function runOne(db: Db, event: Claimed): Promise<boolean> {
  const job = jobsByEvent[event.name];
  const release = holdLease(db, [event.id]);
  try {
    if (!job) throw new Error(`no job for event ${event.name}`);
    // the job marks the event processed as its last step; the events it writes are claimed by this drain's loop
    await job.runLocal(db, event.data, event.id, { dispatch: false });
    return true;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // a payload that does not fit its event's schema never will: no point in eleven more tries
    const giveUp = event.attempts >= MAX_ATTEMPTS || err instanceof MalformedPayloadError;
    console.error(`[jobs] ${event.name} ${event.id} attempt ${event.attempts} failed: ${message}`);
    await db
      .update(outboxEvents)
      .set({
        lastError: message.slice(0, 2000),
        lockedUntil: null,
        availableAt: new Date(Date.now() + backoffMs(event.attempts)),
        failedAt: giveUp ? new Date() : null,
      })
      .where(eq(outboxEvents.id, event.id));
    return false;
  } finally {
    release();
  }
}

/**
 * Starts a drain of the outbox in this process, or joins the one under way. A kick during a drain has `db`
 * drained again once that drain ends, and what it returns resolves only after that: the drain under way may have
 * made its last claim before the kick's event was written (it ends once a claim finds nothing, whatever is
 * written after), and may be on another database.
 */
export function kickLocalRunner(db: Db): Promise<unknown> {
  kicked.add(db);
  draining ??= (async () => {
    for (;;) {
      const next = kicked.values().next().value;
      // checked and cleared in one step: a kick after this finds no drain under way and starts one
      if (next === undefined) return void (draining = null);
      kicked.delete(next);
      await drainHere(next, 1000, 4).catch((err: unknown) => console.error("[jobs] local runner:", err));
    }
  })();
  return draining;
}

setLocalRunner({ run: kickLocalRunner, idle: runnerIdle });
