import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { newId } from "@/db/ids";
import { attributionRuns, type AttributionRunKind, type StoredModel } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { enqueue } from "@/server/outbox/enqueue";
import { attributionRunRequested } from "@/server/outbox/events";
import { requireProgram } from "./get-settings";
import { conversionIdsInRange } from "./range";
import { applyReattribution } from "./reattribute";
import { simulate } from "./simulate";

type RunParams = { from: string; to: string; offerId?: string | null; models?: StoredModel[]; reason?: string };

/** Queues a simulation or re-attribution; the background job runs it and records progress and the result. */
export async function startRun(db: Db, input: { programId: string; kind: AttributionRunKind; params: RunParams; actorId: string }): Promise<{ runId: string; outboxId: string }> {
  await requireProgram(db, input.programId);
  return db.transaction(async (tx) => {
    const runId = newId("attributionRun");
    await tx.insert(attributionRuns).values({ id: runId, programId: input.programId, kind: input.kind, params: input.params, actorId: input.actorId });
    const outboxId = await enqueue(tx, attributionRunRequested.create({ runId }));
    return { runId, outboxId };
  });
}

export async function getRun(db: Db, programId: string, runId: string) {
  const [run] = await db.select().from(attributionRuns).where(and(eq(attributionRuns.id, runId), eq(attributionRuns.programId, programId)));
  if (!run) throw new DomainError("NOT_FOUND", "Run not found");
  return run;
}

export async function listRuns(db: Db, programId: string) {
  return db.select().from(attributionRuns).where(eq(attributionRuns.programId, programId)).orderBy(desc(attributionRuns.createdAt)).limit(20);
}

/** The job: runs a queued run once (a retry of a finished run does nothing). */
export async function executeRun(db: Db, runId: string) {
  const [run] = await db.select().from(attributionRuns).where(eq(attributionRuns.id, runId));
  if (!run) throw new Error(`attribution run ${runId} not found`);
  if (run.status === "done" || run.status === "failed") return { status: run.status };
  const p = run.params as RunParams;
  const range = { programId: run.programId, from: new Date(p.from), to: new Date(p.to), offerId: p.offerId ?? null };
  const total = (await conversionIdsInRange(db, range)).length;
  await db.update(attributionRuns).set({ status: "running", total, done: 0 }).where(eq(attributionRuns.id, runId));
  const onProgress = async (done: number) => {
    await db.update(attributionRuns).set({ done }).where(eq(attributionRuns.id, runId));
  };
  try {
    const result =
      run.kind === "simulate"
        ? await simulate(db, { ...range, models: p.models ?? [], onProgress })
        : await applyReattribution(db, { ...range, actorId: run.actorId ?? "", reason: p.reason ?? "re-attribution", onProgress });
    await db.update(attributionRuns).set({ status: "done", done: total, result: result as unknown as Record<string, unknown>, finishedAt: new Date() }).where(eq(attributionRuns.id, runId));
    return { status: "done" as const };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await db.update(attributionRuns).set({ status: "failed", error: message.slice(0, 2000), finishedAt: new Date() }).where(eq(attributionRuns.id, runId));
    return { status: "failed" as const, error: message };
  }
}
