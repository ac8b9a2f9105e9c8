import { AsyncLocalStorage } from "node:async_hooks";
import type { DbOrTx } from "@/db/client";
import { newId } from "@/db/ids";
import { outboxEvents } from "@/db/schema";

type Created = { name: string; data: Record<string, unknown> };

/** The ids enqueued while a job's step runs, so the job runtime hands them on as soon as the step has committed. */
const enqueuedInStep = new AsyncLocalStorage<string[]>();

/** Writes an event to the outbox, inside the caller's transaction; it is handed on after commit. */
export async function enqueue(tx: DbOrTx, event: Created, availableAt = new Date()): Promise<string> {
  const id = newId("outboxEvent");
  await tx.insert(outboxEvents).values({ id, name: event.name, data: event.data, availableAt });
  enqueuedInStep.getStore()?.push(id);
  return id;
}

/** Several events in one insert (a bulk action announcing hundreds of facts), inside the caller's transaction. */
export async function enqueueMany(tx: DbOrTx, events: { event: Created; availableAt: Date }[]): Promise<string[]> {
  if (events.length === 0) return [];
  const rows = events.map((e) => ({ id: newId("outboxEvent"), name: e.event.name, data: e.event.data, availableAt: e.availableAt }));
  await tx.insert(outboxEvents).values(rows);
  enqueuedInStep.getStore()?.push(...rows.map((r) => r.id));
  return rows.map((r) => r.id);
}

/**
 * Runs `fn` and notes the id of every event it enqueues. Domain functions commit their own transactions, so
 * when `fn` has returned its events are stored and may be handed on (an id from a rolled-back transaction
 * matches no row and is skipped).
 */
export async function collectEnqueued<T>(fn: () => Promise<T>): Promise<{ result: T; ids: string[] }> {
  const ids: string[] = [];
  const result = await enqueuedInStep.run(ids, fn);
  return { result, ids };
}
