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
