/**
 * Calls that arrive in the same turn of the event loop, run as one batch per database handle: each caller
 * awaits its own answer, while the database sees one statement per batch instead of one per call. The hot
 * paths use it (the redirect's click inserts, the postback's click lookups and conversion inserts), so a
 * burst of requests costs a few round trips and commits rather than one each.
 *
 * `run` gets the inputs in arrival order and answers each, in the same order, as fulfilled or rejected: a
 * batch that can tell its rows apart fails only the bad one. If `run` itself throws, every caller of the
 * batch gets that error.
 */
type Pending<I, O> = { item: I; resolve: (value: O) => void; reject: (err: unknown) => void };
type Queue<I, O> = { items: Pending<I, O>[]; scheduled: boolean };

export function coalesce<D extends object, I, O>(run: (db: D, items: I[]) => Promise<PromiseSettledResult<O>[]>, opts: { max: number }): (db: D, item: I) => Promise<O> {
  const queues = new WeakMap<object, Queue<I, O>>();

  const flush = (db: D, queue: Queue<I, O>) => {
    queue.scheduled = false;
    const batch = queue.items.splice(0, queue.items.length);
    if (batch.length === 0) return;
    run(
      db,
      batch.map((p) => p.item),
    ).then(
      (answers) =>
        batch.forEach((p, i) => {
          const a = answers[i];
          if (!a) p.reject(new Error(`batch answered ${answers.length} of ${batch.length} calls`));
          else if (a.status === "fulfilled") p.resolve(a.value);
          else p.reject(a.reason);
        }),
      (err: unknown) => batch.forEach((p) => p.reject(err)),
    );
  };

  return (db, item) =>
    new Promise<O>((resolve, reject) => {
      let queue = queues.get(db);
      if (!queue) queues.set(db, (queue = { items: [], scheduled: false }));
      queue.items.push({ item, resolve, reject });
      if (queue.items.length >= opts.max) flush(db, queue);
      else if (!queue.scheduled) {
        queue.scheduled = true;
        const q = queue;
        setImmediate(() => flush(db, q));
      }
    });
}

/** Every call of the batch answered with the same kind of value. */
export const fulfilled = <O>(values: readonly O[]): PromiseSettledResult<O>[] => values.map((value) => ({ status: "fulfilled", value }));
