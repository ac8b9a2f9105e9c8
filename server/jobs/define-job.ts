import { Cron } from "croner";
import { NonRetriableError, type EventType, type StandardSchemaV1 } from "inngest";
import type { Db } from "@/db/client";
import { config } from "@/server/config";
import { getDb } from "@/server/db";
import { inngest } from "@/server/outbox/client";
import { dispatchOutbox, markProcessed } from "@/server/outbox/dispatch";
import { collectEnqueued } from "@/server/outbox/enqueue";
import { immediateSteps, type StepRunner } from "./step";

type AnyEventType = EventType<string, StandardSchemaV1<Record<string, unknown>> | undefined>;
type Payload<E> = E extends EventType<string, infer S> ? (S extends StandardSchemaV1<Record<string, unknown>, infer Out> ? Out : Record<string, never>) : Record<string, never>;
/** Inngest's retry counts: 0 to 20. */
type Retries = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16 | 17 | 18 | 19 | 20;

export type JobContext<P> = { db: Db; step: StepRunner; data: P };

export type JobSpec<E extends AnyEventType | undefined, R> = {
  /** Stable: Inngest keys the function's runs and history by it. */
  id: string;
  /** Runs when this event arrives; the event's schema validates the payload on both runtimes. */
  event?: E;
  /** A schedule in Inngest's syntax (`TZ=UTC 5 * * * *`): Inngest and the in-process scheduler both read it. */
  cron?: string;
  retries?: Retries;
  /**
   * At most `limit` runs at once, per value of `key` when given (`event.data.<field>`). Inngest enforces it
   * across servers; the in-process runtime within its process.
   */
  concurrency?: { limit: number; key?: `event.data.${string}` };
  run: (ctx: JobContext<Payload<E>>) => Promise<R>;
};

export type Job<R = unknown> = {
  id: string;
  /** The triggering event's name, if any. */
  event?: string;
  cron?: string;
  /** Served at /api/inngest. */
  function: ReturnType<typeof inngest.createFunction>;
  /**
   * The same job in this process: validates `data`, runs the steps, then marks `outboxId` processed. A payload
   * that does not match the event's schema is refused with a MalformedPayloadError before any step runs.
   * Events its steps write are handed on as each step commits, unless `dispatch` is false: the outbox runner
   * passes false, because its own loop claims them next.
   */
  runLocal: (db: Db, data: unknown, outboxId?: string, options?: { dispatch?: boolean }) => Promise<R>;
};

/** A payload that can never succeed: retrying it is pointless, so both runtimes give up on it at once. */
export class MalformedPayloadError extends NonRetriableError {}

function validate<E extends AnyEventType | undefined>(id: string, event: E | undefined, data: unknown): Payload<E> {
  const schema = event?.schema;
  if (!schema) return {} as Payload<E>;
  const out = schema["~standard"].validate(data);
  if (out instanceof Promise) throw new Error(`job ${id}: event schemas must validate synchronously`);
  if (out.issues) {
    const fields = out.issues.map((i) => `${(i.path ?? []).map((p) => String(typeof p === "object" ? p.key : p)).join(".") || "(payload)"}: ${i.message}`);
    throw new MalformedPayloadError(`job ${id}: malformed ${event.name} payload: ${fields.join("; ")}`);
  }
  return out.value as Payload<E>;
}

/** Steps that hand on the events they enqueued as soon as they have committed, instead of on the sweeper's next pass. */
function dispatchingSteps(db: Db, step: StepRunner, dispatch: boolean): StepRunner {
  return {
    run: (id, fn) =>
      step.run(id, async () => {
        const { result, ids } = await collectEnqueued(fn);
        if (dispatch && ids.length > 0) dispatchOutbox(db, ids);
        return result;
      }),
  };
}

/** The job's steps, then marking its outbox event processed as a last step: the one place either runtime does it. */
async function runSteps<E extends AnyEventType | undefined, R>(spec: JobSpec<E, R>, db: Db, step: StepRunner, data: Payload<E>, outboxId: string | undefined): Promise<R> {
  const result = await spec.run({ db, step, data });
  if (outboxId) await step.run("mark-processed", () => markProcessed(db, outboxId));
  return result;
}

type Gate = { active: number; waiting: (() => void)[] };
const gates = new Map<string, Gate>();

/** In-process concurrency: at most `limit` runs per key at once; the rest wait their turn. */
async function limited<T>(key: string, limit: number, fn: () => Promise<T>): Promise<T> {
  let gate = gates.get(key);
  if (!gate) gates.set(key, (gate = { active: 0, waiting: [] }));
  const g = gate;
  while (g.active >= limit) await new Promise<void>((resolve) => g.waiting.push(resolve));
  g.active++;
  try {
    return await fn();
  } finally {
    g.active--;
    g.waiting.shift()?.();
    if (g.active === 0 && g.waiting.length === 0) gates.delete(key);
  }
}

function concurrencyKey(id: string, key: string | undefined, data: Record<string, unknown>): string {
  if (!key) return id;
  let v: unknown = data;
  for (const p of key.split(".").slice(2)) v = typeof v === "object" && v !== null ? (v as Record<string, unknown>)[p] : undefined;
  return `${id}:${String(v)}`;
}

/**
 * One definition per job: its id, trigger (event, cron or both), payload schema (the event's), retries,
 * concurrency and steps, declared once. From it come the Inngest function and the in-process handler.
 */
export function defineJob<E extends AnyEventType | undefined = undefined, R = unknown>(spec: JobSpec<E, R>): Job<R> {
  if (!spec.event && !spec.cron) throw new Error(`job ${spec.id}: give it an event, a cron schedule or both`);
  if (spec.cron) cronSchedule(spec.cron); // a schedule neither runtime can read fails at start-up, not at 3 am
  const triggers = [...(spec.event ? [spec.event] : []), ...(spec.cron ? [{ cron: spec.cron }] : [])] as [AnyEventType | { cron: string }];
  const fn = inngest.createFunction(
    { id: spec.id, triggers, ...(spec.retries !== undefined && { retries: spec.retries }), ...(spec.concurrency && { concurrency: spec.concurrency }) },
    async ({ event, step }) => {
      const db = await getDb();
      const fromEvent = spec.event !== undefined && event.name === spec.event.name;
      // The SDK has checked the trigger's schema already (EventValidationError, not retried); this parse gives the typed value.
      const data = fromEvent ? validate<E>(spec.id, spec.event, event.data) : ({} as Payload<E>);
      // Inngest hands step results back as parsed JSON; our steps return JSON values (see StepRunner).
      const steps: StepRunner = { run: (id, f) => step.run(id, f) as Promise<never> };
      // Without an Inngest server (tests drive functions directly) events are left for the in-process runner.
      return runSteps(spec, db, dispatchingSteps(db, steps, config().jobs === "inngest"), data, fromEvent ? event.id : undefined);
    },
  );
  return {
    id: spec.id,
    event: spec.event?.name,
    cron: spec.cron,
    function: fn,
    runLocal: async (db, raw, outboxId, options) => {
      const data = validate<E>(spec.id, spec.event, raw);
      const run = () => runSteps(spec, db, dispatchingSteps(db, immediateSteps, options?.dispatch ?? true), data, outboxId);
      return spec.concurrency ? limited(concurrencyKey(spec.id, spec.concurrency.key, data), spec.concurrency.limit, run) : run();
    },
  };
}

/** Reads a job's cron field (`TZ=UTC 5 * * * *`) for the in-process scheduler. */
export function cronSchedule(cron: string): { pattern: string; timezone: string } {
  const m = /^(?:TZ=(\S+)\s+)?(.+)$/.exec(cron.trim());
  if (!m) throw new Error(`cron "${cron}" is empty`);
  const schedule = { pattern: m[2]!, timezone: m[1] ?? "UTC" };
  new Cron(schedule.pattern, { timezone: schedule.timezone, paused: true }).stop(); // throws on a pattern it cannot read
  return schedule;
}
