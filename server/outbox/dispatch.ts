import { and, eq, inArray, isNull, lt, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { outboxEvents } from "@/db/schema";
import { config } from "@/server/config";
import { inngest } from "./client";

/** Sends events that have not reached Inngest yet (or were sent long ago and never finished). */
export async function forwardToInngest(db: Db, only?: string | readonly string[]): Promise<number> {
  const stale = new Date(Date.now() - 15 * 60_000);
  const rows = await db
    .select()
    .from(outboxEvents)
    .where(
      only !== undefined
        ? inArray(outboxEvents.id, typeof only === "string" ? [only] : [...only])
        : and(isNull(outboxEvents.processedAt), or(isNull(outboxEvents.dispatchedAt), lt(outboxEvents.dispatchedAt, stale))),
    )
    .limit(500);
  if (rows.length === 0) return 0;
  // The outbox id is the Inngest event id, so Inngest drops a resend it already has.
  // A future availableAt (a scheduled retry) becomes the event's timestamp: Inngest runs it then.
  await inngest.send(rows.map((r) => ({ id: r.id, name: r.name, data: r.data, ts: Math.max(r.availableAt.getTime(), Date.now()) })));
  for (const r of rows) await db.update(outboxEvents).set({ dispatchedAt: new Date() }).where(eq(outboxEvents.id, r.id));
  return rows.length;
}

/** `run` starts a drain of `db` (or joins the one under way); `idle` resolves once no drain is under way. */
type LocalRunner = { run: (db: Db) => Promise<unknown>; idle: () => Promise<void> };

/**
 * The in-process runner is part of the job layer, which sits above every domain that writes events; it
 * registers itself here when it loads. On globalThis: the server's start-up code (which loads the job layer)
 * and the app's route bundles are separate module instances in one process, and a postback's route must reach
 * the runner the start-up code registered. Until one is registered, events wait in the outbox for it.
 */
const runner = ((globalThis as { __touchpointLocalRunner?: { local: LocalRunner | null } }).__touchpointLocalRunner ??= { local: null });

export function setLocalRunner(local: LocalRunner | null): void {
  runner.local = local;
}

/**
 * Hands just-committed events on. Never throws: the facts are stored, and the sweeper retries delivery.
 */
export function dispatchOutbox(db: Db, outboxIds: string | readonly string[]): void {
  if (config().jobs === "inngest") {
    forwardToInngest(db, outboxIds).catch((err) => console.error(`[jobs] could not send ${String(outboxIds)} to Inngest; will retry:`, err instanceof Error ? err.message : err));
    return;
  }
  void runner.local?.run(db);
}

/**
 * Resolves once the in-process runner (if one is registered) has no drain under way: before a database is
 * closed under it, or before a test records an event that only the test itself may claim.
 */
export async function localRunSettled(): Promise<void> {
  await runner.local?.idle();
}

/** The one place an event is marked done, whichever runtime ran its job. */
export async function markProcessed(db: Db, outboxIds: string | readonly string[]): Promise<void> {
  const ids = typeof outboxIds === "string" ? [outboxIds] : [...outboxIds];
  if (ids.length === 0) return;
  await db.update(outboxEvents).set({ processedAt: new Date(), lockedUntil: null, lastError: null }).where(ids.length === 1 ? eq(outboxEvents.id, ids[0] as string) : inArray(outboxEvents.id, ids));
}
