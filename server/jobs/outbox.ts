import { eq, sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { outboxEvents } from "@/db/schema";
import { setLocalRunner } from "@/server/outbox/dispatch";
import { MalformedPayloadError } from "./define-job";
import { jobsByEvent } from "./functions";
import { BUSY_RPS, MAX_LAG_MS, yieldToTraffic } from "./give-way";

export { BUSY_RPS, MAX_LAG_MS };

export const MAX_ATTEMPTS = 12;

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


/** Claims one due event (a crashed run's lock expires, so its event is picked up again). */
async function claimNext(db: Db): Promise<Claimed | undefined> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    update outbox_events set locked_until = now() + make_interval(secs => ${LEASE.seconds}), attempts = attempts + 1
    where id = (
      select id from outbox_events
      where processed_at is null and failed_at is null and available_at <= now()
        and (locked_until is null or locked_until < now())
      order by available_at, id limit 1
      for update skip locked)
    returning id`);
  const id = rowsOf<{ id: string }>(rows)[0]?.id;
  if (!id) return undefined;
  const [event] = await db.select().from(outboxEvents).where(eq(outboxEvents.id, id));
  return event;
}

/**
 * Runs due events in this process until none is left, with a few workers so that one slow partner
 * tracker cannot hold up the attribution of every conversion behind it (claims use SKIP LOCKED).
 * Returns how many were processed successfully.
 */
export async function drainOutbox(db: Db, limit = 1000, concurrency = 4): Promise<number> {
  let done = 0;
  let claimed = 0;
  let behind = false;
  const worker = async () => {
    while (claimed < limit) {
      if (!behind) await yieldToTraffic();
      const event = await claimNext(db);
      if (!event) return;
      claimed++;
      behind = Date.now() - event.availableAt.getTime() > MAX_LAG_MS;
      if (await runOne(db, event)) done++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return done;
}

/** Keeps renewing `id`'s lease until stopped. A failed renewal (the database is down) is tried again next time. */
function holdLease(db: Db, id: string): () => void {
  const timer = setInterval(() => {
    db.execute(sql`
      update outbox_events set locked_until = now() + make_interval(secs => ${LEASE.seconds})
      where id = ${id} and processed_at is null and locked_until is not null`).catch(() => {});
  }, LEASE.renewMs);
  timer.unref();
  return () => clearInterval(timer);
}

async function runOne(db: Db, event: Claimed): Promise<boolean> {
  const job = jobsByEvent[event.name];
  const release = holdLease(db, event.id);
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

let draining: Promise<unknown> | null = null;

/** Starts a drain of the outbox in this process, or joins the one under way. */
export function kickLocalRunner(db: Db): Promise<unknown> {
  draining ??= drainOutbox(db)
    .catch((err) => console.error("[jobs] local runner:", err))
    .finally(() => {
      draining = null;
    });
  return draining;
}

setLocalRunner(kickLocalRunner);
