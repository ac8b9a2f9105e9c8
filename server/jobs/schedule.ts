import { Cron } from "croner";
import type { Db } from "@/db/client";
import { cronSchedule, type Job } from "./define-job";

/**
 * Runs the jobs that have a cron field on that very schedule, in this process, when no Inngest server does.
 * A run still going when its next time comes is not started twice (croner's `protect`).
 */
export function startSchedule(db: Db, jobs: readonly Job[]): () => void {
  const timers = jobs.flatMap((job) => {
    if (!job.cron) return [];
    const { pattern, timezone } = cronSchedule(job.cron);
    const onError = (err: unknown) => console.error(`[jobs] ${job.id} failed:`, err instanceof Error ? err.message : err);
    return [new Cron(pattern, { timezone, protect: true, unref: true, catch: onError }, async () => {
      await job.runLocal(db, {});
    })];
  });
  return () => {
    for (const t of timers) t.stop();
  };
}
