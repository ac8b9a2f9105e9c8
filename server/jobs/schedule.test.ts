import { Cron } from "croner";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { cronSchedule, defineJob } from "./define-job";
import { jobs } from "./functions";
import { startSchedule } from "./schedule";

describe("the in-process schedule", () => {
  it("reads each job's own cron field, the one Inngest is given", () => {
    const crons = Object.fromEntries(jobs.filter((j) => j.cron).map((j) => [j.id, cronSchedule(j.cron!)]));
    expect(crons["money-schedule"]).toEqual({ pattern: "5 * * * *", timezone: "UTC" });
    expect(crons["fraud-scan-clicks"]).toEqual({ pattern: "* * * * *", timezone: "UTC" });
    const next = new Cron(crons["click-partitions"]!.pattern, { timezone: crons["click-partitions"]!.timezone }).nextRun(new Date("2026-05-01T10:00:00Z"));
    expect(next?.toISOString()).toBe("2026-05-02T03:17:00.000Z");
    for (const job of jobs) expect(job.function.opts.triggers).toEqual(expect.arrayContaining(job.cron ? [{ cron: job.cron }] : []));
  });

  it("refuses a schedule it cannot read when the job is defined, not when it is due", () => {
    expect(() => defineJob({ id: "bad-cron", cron: "TZ=UTC 61 * * * *", run: async () => null })).toThrow();
    expect(() => defineJob({ id: "no-trigger", run: async () => null })).toThrow("give it an event, a cron schedule or both");
  });

  it("runs a job when its time comes, and never two runs of it at once", async () => {
    let runs = 0;
    let overlapping = 0;
    let active = 0;
    // croner's six-field form (seconds first) keeps the test short; our jobs use Inngest's five fields
    const everySecond = defineJob({
      id: "every-second",
      cron: "TZ=UTC * * * * * *",
      run: async () => {
        active++;
        if (active > 1) overlapping++;
        runs++;
        await new Promise((r) => setTimeout(r, 1_500));
        active--;
      },
    });
    const stop = startSchedule({} as Db, [everySecond]);
    try {
      await expect.poll(() => runs, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
      expect(overlapping).toBe(0);
    } finally {
      stop();
    }
  });
});
