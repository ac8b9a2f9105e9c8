import http from "node:http";
import type { AddressInfo } from "node:net";
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { eventType } from "inngest";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { outboxEvents } from "@/db/schema";
import { config } from "@/server/config";
import { inngest } from "@/server/outbox/client";
import { enqueue } from "@/server/outbox/enqueue";
import { createTestDb, type TestDb } from "@/test/db";
import { defineJob } from "./define-job";

const first = eventType("test/first", { schema: z.object({ label: z.string() }) });
const followUp = eventType("test/follow-up", { schema: z.object({ label: z.string() }) });

/** A job whose one step writes an event inside its own transaction. */
const firstJob = defineJob({
  id: "test-first",
  event: first,
  run: async ({ db, step, data }) => ({
    queued: await step.run("write-and-enqueue", () => db.transaction((tx) => enqueue(tx, followUp.create({ label: `after ${data.label}` })))),
  }),
});

// Inngest mode for this file: the app's config reads the environment once, the SDK client when told to.
vi.stubEnv("INNGEST_DEV", "1");

describe("a job on Inngest", () => {
  let t: TestDb;
  let server: http.Server;
  const received: { id: string; name: string; data: unknown }[] = [];
  beforeAll(async () => {
    // Inngest's event API on a loopback port: it takes what the SDK sends, as the dev server would.
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        const events = JSON.parse(body) as { id: string; name: string; data: unknown }[];
        received.push(...events);
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ ids: events.map((e) => e.id), status: 200 }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    inngest.setEnvVars({ INNGEST_DEV: "1", INNGEST_BASE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    t = await createTestDb("pglite");
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await t.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it("sends the events a step enqueued to Inngest as soon as the step commits, not on the sweeper's 30 s pass", async () => {
    expect(config().jobs).toBe("inngest");
    const { result, error } = await new InngestTestEngine({ function: firstJob.function }).execute({ events: [{ name: "test/first", data: { label: "first" } }] });
    expect(error).toBeUndefined();
    const { queued } = result as { queued: string };
    // no sweeper runs here: the send can only come from the step's commit
    await expect.poll(() => received.find((e) => e.id === queued), { timeout: 10_000 }).toMatchObject({ name: "test/follow-up", data: { label: "after first" } });
    await expect.poll(async () => (await t.db.select().from(outboxEvents).where(eq(outboxEvents.id, queued)))[0]?.dispatchedAt).toBeInstanceOf(Date);
  });
});
