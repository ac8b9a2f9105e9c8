import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { clickPartitionName, listClickPartitions, monthStart } from "@/db/click-partitions";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { clickPartitions } from "./functions/click-partitions";

describe.each(await drivers())("click partitions (Inngest) on %s", (driver) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(driver);
  });
  afterAll(() => t.close());

  it("the daily cron makes this month and the next three in one stable step, and drops nothing without a retention setting", async () => {
    // a database migrated long ago: drop the months ahead so the job has something to make
    const ahead = [1, 2, 3].map((i) => clickPartitionName(monthStart(new Date(), i)));
    for (const name of ahead) await t.db.execute(`drop table "${name}"`);
    const engine = new InngestTestEngine({ function: clickPartitions.function });
    const events: [{ name: string; data: { cron: string } }] = [{ name: "inngest/scheduled.timer", data: { cron: "TZ=UTC 17 3 * * *" } }];
    const { result, ctx } = await engine.execute({ events });
    expect(result).toEqual({ created: ahead, dropped: [] });
    expect(ctx.step.run.mock.calls.map((c) => c[0])).toEqual(["create-ahead"]);
    expect((await listClickPartitions(t.db)).map((p) => p.name)).toEqual(expect.arrayContaining(ahead));
    // a second run (a new engine: one engine replays its recorded steps) makes nothing
    expect((await new InngestTestEngine({ function: clickPartitions.function }).execute({ events })).result).toEqual({ created: [], dropped: [] });
  });
});
