import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiIdempotency } from "@/db/schema";
import { problem } from "./problem";

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,255}$/;

type Stored = { status: number; body: unknown };

/**
 * Claims an Idempotency-Key for a POST before it runs. `run` when the key is new; `replay` with the first
 * answer when the same request came before; a problem (409) when the key came with another body or its first
 * request is still running.
 */
export async function claim(db: Db, input: { apiKeyId: string; key: string; method: string; path: string; body: string }): Promise<{ kind: "run" } | { kind: "replay"; stored: Stored } | { kind: "refuse"; response: Response }> {
  const requestHash = createHash("sha256").update(`${input.method} ${input.path}\n${input.body}`).digest("hex");
  const inserted = await db
    .insert(apiIdempotency)
    .values({ apiKeyId: input.apiKeyId, idempotencyKey: input.key, method: input.method, path: input.path, requestHash })
    .onConflictDoNothing()
    .returning({ status: apiIdempotency.status });
  if (inserted.length > 0) return { kind: "run" };
  const [first] = await db.select().from(apiIdempotency).where(and(eq(apiIdempotency.apiKeyId, input.apiKeyId), eq(apiIdempotency.idempotencyKey, input.key)));
  if (!first) return { kind: "run" };
  if (first.requestHash !== requestHash)
    return { kind: "refuse", response: problem(409, "idempotency_key_reused", "This Idempotency-Key was used with another request.", [{ field: "Idempotency-Key", message: "Use a new key for a different request" }]) };
  if (first.status === 0) return { kind: "refuse", response: problem(409, "idempotency_in_progress", "The first request with this Idempotency-Key is still running: retry shortly.", [], { "retry-after": "1" }) };
  return { kind: "replay", stored: { status: first.status, body: first.body } };
}

/** Stores the answer to replay; a server error frees the key so that a retry runs again. */
export async function settle(db: Db, apiKeyId: string, key: string, answer: Stored): Promise<void> {
  const where = and(eq(apiIdempotency.apiKeyId, apiKeyId), eq(apiIdempotency.idempotencyKey, key));
  if (answer.status >= 500) await db.delete(apiIdempotency).where(where);
  else await db.update(apiIdempotency).set({ status: answer.status, body: answer.body }).where(where);
}
