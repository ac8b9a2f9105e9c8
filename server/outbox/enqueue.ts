import type { DbOrTx } from "@/db/client";
import { newId } from "@/db/ids";
import { outboxEvents } from "@/db/schema";

type Created = { name: string; data: Record<string, unknown> };

/** Writes an event to the outbox, inside the caller's transaction; it is handed on after commit. */
export async function enqueue(tx: DbOrTx, event: Created, availableAt = new Date()): Promise<string> {
  const id = newId("outboxEvent");
  await tx.insert(outboxEvents).values({ id, name: event.name, data: event.data, availableAt });
  return id;
}

/** Several events in one insert (a bulk action announcing hundreds of facts), inside the caller's transaction. */
export async function enqueueMany(tx: DbOrTx, events: { event: Created; availableAt: Date }[]): Promise<string[]> {
  if (events.length === 0) return [];
  const rows = events.map((e) => ({ id: newId("outboxEvent"), name: e.event.name, data: e.event.data, availableAt: e.availableAt }));
  await tx.insert(outboxEvents).values(rows);
  return rows.map((r) => r.id);
}
