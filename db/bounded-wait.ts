import type { Sql } from "postgres";
import { DbUnavailableError } from "./unavailable";

/**
 * postgres.js queues a query without limit while it has no connection, and reconnects with a back-off of up
 * to 20 s: in an outage every request hung until then (about 70 of them, up to 20 s each). This bounds the
 * wait. A query still waiting for a connection after `waitMs` fails with DbUnavailableError; one that runs longer than `deadlineMs` (the server's statement_timeout plus a margin: the server is
 * gone, not slow) fails with DbUnavailableError. A transaction that found no connection in `waitMs` fails the
 * same way, and its callback will never run later.
 */
type PendingQuery = Promise<unknown> & {
  active: boolean;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
};
type AnyFn = (...args: unknown[]) => unknown;

export function boundedWait(sql: Sql, opts: { waitMs: number; deadlineMs: number }): Sql {
  const unsafe = sql.unsafe.bind(sql) as unknown as AnyFn;
  sql.unsafe = ((...args: unknown[]) => {
    const q = unsafe(...args) as PendingQuery;
    watch(q, opts);
    return q;
  }) as unknown as Sql["unsafe"];
  const handle = sql as unknown as { begin?: AnyFn; savepoint?: AnyFn };
  if (typeof handle.begin === "function") {
    const begin = handle.begin.bind(sql);
    handle.begin = (...args: unknown[]) => {
      const fn = args.at(-1) as (tx: Sql) => unknown;
      let started = false;
      let abandoned = false;
      let timer: NodeJS.Timeout | undefined;
      const gaveUp = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          if (started) return;
          abandoned = true;
          reject(new DbUnavailableError(`no database connection within ${opts.waitMs} ms`));
        }, opts.waitMs);
        timer.unref();
      });
      const run = begin(...args.slice(0, -1), (tx: Sql) => {
        started = true;
        clearTimeout(timer);
        if (abandoned) throw new DbUnavailableError("transaction abandoned: its caller was answered already");
        // Queries inside the transaction are bounded too (a transaction handle has its own `unsafe`).
        return fn(boundedWait(tx, opts));
      }) as Promise<unknown>;
      run.then(
        () => clearTimeout(timer),
        () => clearTimeout(timer),
      );
      return Promise.race([run, gaveUp]);
    };
  }
  return sql;
}

function watch(q: PendingQuery, opts: { waitMs: number; deadlineMs: number }) {
  if (typeof q?.reject !== "function") return;
  let done = false;
  const wait = setTimeout(() => {
    // Not yet running on a connection: the caller is answered now. The query is not cancelled in postgres.js:
    // cancelling a connection's first query leaves that connection stuck for good; it may still run once the
    // server is back, which every writer tolerates (idempotency keys; a click row nobody was told about).
    if (!done && !q.active) q.reject(new DbUnavailableError(`no database connection within ${opts.waitMs} ms`));
  }, opts.waitMs);
  const deadline = setTimeout(() => {
    if (!done) q.reject(new DbUnavailableError(`no answer from the database within ${opts.deadlineMs} ms`));
  }, opts.deadlineMs);
  wait.unref();
  deadline.unref();
  const { resolve, reject } = q;
  const settle = () => {
    done = true;
    clearTimeout(wait);
    clearTimeout(deadline);
  };
  q.resolve = (v) => {
    settle();
    resolve(v);
  };
  q.reject = (e) => {
    settle();
    reject(e);
  };
}
