import { and, inArray, isNull } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { clicks, conversions, outboxEvents } from "@/db/schema";
import { startTcpProxy, type TcpProxy } from "@/test/tcp-proxy";
import { clickIdOf, createDatabase, fmtMb, freePort, hit, load, PG, postbackUrl, requireBuild, server, sleep, viaPort, type Answer, type Fixture, type Server } from "./harness";

/**
 * (b) The database goes away under the running server: its DATABASE_URL points through a loopback TCP proxy,
 * and the test cuts the proxy. Postbacks answer 503 + Retry-After within seconds (no hang, no 500), the
 * process's memory stays bounded, and when the proxy is restored the server recovers by itself and nothing
 * answered 2xx is lost. A sender that retries its 503s ends with every conversion stored exactly once.
 */
const CLIENTS = 8;
const PAUSE_MS = 100;
const OUTAGE_MS = 6_000;
const WARM_UP_MS = 5_000;
const MAX_LATENCY_MS = 6_000;
const MAX_RSS_GROWTH = 150 * 1024 * 1024;
const RECOVERY_LIMIT_MS = 15_000;

let fx: Fixture;
let proxy: TcpProxy;
let app: Server;

beforeAll(async () => {
  requireBuild();
  fx = await createDatabase("outage");
  proxy = await startTcpProxy(await freePort(), { host: PG.hostname, port: Number(PG.port || 5432) });
  app = server({ port: await freePort(), databaseUrl: viaPort(fx.name, proxy.port), label: "outage" });
});

afterAll(async () => {
  await app?.kill("SIGKILL");
  proxy?.restore();
  await proxy?.close();
  await fx?.drop();
});

it("answers 503 with Retry-After fast while the database is cut, stays bounded, and recovers by itself", async () => {
  await app.start();
  const accepted = new Map<string, string>(); // txn id -> conversion id, answered 2xx
  const refused: string[] = []; // txn ids answered 503
  const storedClickIds = new Set<string>();
  let txn = 0;

  // Before: clicks and postbacks work, through the proxy.
  const clickPool: string[] = [];
  for (let i = 0; i < 20; i++) {
    const a = await hit(`${app.base}/r/${fx.code}`);
    expect(a.status).toBe(302);
    const id = clickIdOf(a.location);
    if (id) clickPool.push(id);
  }
  clickPool.forEach((id) => storedClickIds.add(id));
  const send = (clickId: string) => {
    const txnId = `outage-${txn++}`;
    return hit(postbackUrl(app.base, fx.token, clickId, txnId), 20_000).then((a) => ({ a, txnId }));
  };
  const note = ({ a, txnId }: { a: Answer; txnId: string }) => {
    if (a.status >= 200 && a.status < 300) accepted.set(txnId, (JSON.parse(a.body) as { conversion_id: string }).conversion_id);
    else if (a.status === 503) refused.push(txnId);
  };
  // ... under the same load as during the cut, long enough for the process's memory to reach its working size
  // (RSS measured right after start is no baseline: the heap grows for a while before it settles).
  let warm = false;
  const warmAnswers: number[] = [];
  await Promise.all([
    load(
      CLIENTS,
      PAUSE_MS,
      async (i) => {
        if (i % 4 === 3) return void warmAnswers.push((await hit(`${app.base}/r/${fx.code}`)).status - 102); // 302 -> 200
        const r = await send(clickPool[Math.floor(Math.random() * clickPool.length)] ?? "");
        warmAnswers.push(r.a.status);
        note(r);
      },
      () => warm,
    ),
    sleep(WARM_UP_MS).then(() => {
      warm = true;
    }),
  ]);
  expect(warmAnswers.every((status) => status === 200)).toBe(true);
  // ... and until the background work of the warm-up (attribution, fraud checks, rollups) is done, so the
  // baseline holds everything a running server keeps (the fraud checks' ASN table among it)
  const drainedBy = Date.now() + 30_000;
  while (Date.now() < drainedBy && (await fx.direct.db.$count(outboxEvents, and(isNull(outboxEvents.processedAt), isNull(outboxEvents.failedAt)))) > 0) await sleep(250);
  const acceptedBefore = accepted.size;
  const statuses = (answers: { status: number }[]) => {
    const by = new Map<number, number>();
    for (const a of answers) by.set(a.status, (by.get(a.status) ?? 0) + 1);
    return [...by].map(([s, n]) => `${s === -1 ? "timeout" : s === 0 ? "network error" : s}: ${n}`).join(", ");
  };

  // Cut the database under a steady load of postbacks and clicks: first as a stopped server (connections
  // refused), then as a pooler or load balancer in front of a dead one (accepted and reset at once).
  const rssBefore = app.rss();
  let rssPeak = rssBefore;
  const postbackAnswers: Answer[] = [];
  const clickAnswers: Answer[] = [];
  const phases: string[] = [];
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, app.rss());
  }, 250);
  let recovered = true;
  const rssAt: number[] = [];
  for (const mode of ["refuse", "reset"] as const) {
    const before = { postbacks: postbackAnswers.length, clicks: clickAnswers.length };
    proxy.cut(mode);
    const cutAt = Date.now();
    let stop = false;
    await Promise.all([
      load(
        CLIENTS,
        PAUSE_MS,
        async (i) => {
          if (i % 4 === 3) {
            // a quarter of the clients follow the tracking link (cached: a 302 to the landing page without a click id)
            const a = await hit(`${app.base}/r/${fx.code}`, 20_000);
            clickAnswers.push(a);
            const id = clickIdOf(a.location);
            if (a.status === 302 && id) storedClickIds.add(id);
            return;
          }
          const r = await send(clickPool[Math.floor(Math.random() * clickPool.length)] ?? "");
          postbackAnswers.push(r.a);
          note(r);
        },
        () => stop,
      ),
      sleep(OUTAGE_MS).then(() => {
        stop = true;
      }),
    ]);
    const outageMs = Date.now() - cutAt;
    // Restore: the server finds the database again by itself (no restart), and takes postbacks.
    proxy.restore();
    const restoredAt = Date.now();
    let recoveredMs = -1;
    while (Date.now() - restoredAt < RECOVERY_LIMIT_MS) {
      const r = await send(clickPool[0] ?? "");
      note(r);
      if (r.a.status === 200) {
        recoveredMs = Date.now() - restoredAt;
        break;
      }
      expect(r.a.status).toBe(503);
      await sleep(250);
    }
    if (recoveredMs < 0) recovered = false;
    rssAt.push(app.rss());
    const ms = postbackAnswers.slice(before.postbacks).map((a) => a.ms).sort((x, y) => x - y);
    phases.push(
      `  cut (${mode}) for ${(outageMs / 1000).toFixed(1)} s: ${ms.length} postbacks (${statuses(postbackAnswers.slice(before.postbacks))}), ` +
        `latency p50 ${ms[Math.floor(ms.length / 2)] ?? 0} ms, max ${ms.at(-1) ?? 0} ms; ${clickAnswers.length - before.clicks} clicks (${statuses(clickAnswers.slice(before.clicks))}); ` +
        `recovered ${recoveredMs} ms after the restore, without a restart`,
    );
    await sleep(1_000);
  }
  clearInterval(sampler);
  const rssAfter = app.rss();

  // A sender retries what was answered 503: every one is taken now, and stored once.
  const retriedAnswers: number[] = [];
  for (let i = 0; i < refused.length; i += CLIENTS) {
    const batch = refused.slice(i, i + CLIENTS);
    const answers = await Promise.all(batch.map((txnId) => hit(postbackUrl(app.base, fx.token, clickPool[0] ?? "", txnId))));
    answers.forEach((a, k) => {
      retriedAnswers.push(a.status);
      const txnId = batch[k];
      if (a.status === 200 && txnId) accepted.set(txnId, (JSON.parse(a.body) as { conversion_id: string }).conversion_id);
    });
  }

  const txns = [...accepted.keys()];
  const rows = txns.length ? await fx.direct.db.select({ id: conversions.id, txnId: conversions.txnId }).from(conversions).where(inArray(conversions.txnId, txns)) : [];
  const byTxn = new Map<string, string[]>();
  for (const r of rows) byTxn.set(r.txnId, [...(byTxn.get(r.txnId) ?? []), r.id]);
  const lost = txns.filter((t) => byTxn.get(t)?.[0] !== accepted.get(t));
  const twice = txns.filter((t) => (byTxn.get(t)?.length ?? 0) > 1);
  const clickRows = await fx.direct.db.select({ id: clicks.id }).from(clicks).where(inArray(clicks.id, [...storedClickIds]));

  const maxPostbackMs = Math.max(0, ...postbackAnswers.map((a) => a.ms));
  const maxClickMs = Math.max(0, ...clickAnswers.map((a) => a.ms));
  console.log(
    [
      "",
      "fault test (b): database cut through a TCP proxy",
      `  load: ${CLIENTS} clients (${CLIENTS - CLIENTS / 4} postback, ${CLIENTS / 4} click), ${PAUSE_MS} ms between a client's requests`,
      ...phases,
      `  max latency while cut: postbacks ${maxPostbackMs} ms, clicks ${maxClickMs} ms`,
      `  server RSS: ${fmtMb(rssBefore)} before, ${fmtMb(rssPeak)} peak, ${fmtMb(rssAfter)} after the outage (growth ${fmtMb(rssAfter - rssBefore)}); after each cut: ${rssAt.map(fmtMb).join(", ")}`,
      `  503s retried after recovery: ${retriedAnswers.length} (${statuses(retriedAnswers.map((status) => ({ status })))})`,
      `  answered 2xx: ${acceptedBefore} before the cut, ${txns.length} in all; stored ${txns.length - lost.length}, lost ${lost.length}, stored twice ${twice.length}`,
      `  click ids handed out: ${storedClickIds.size}, stored ${clickRows.length}`,
      "",
    ].join("\n"),
  );

  // while cut: 503 + Retry-After (or, for a request in flight at the cut, its 200), fast; no 500, no hang
  expect(postbackAnswers.length).toBeGreaterThan(50);
  for (const a of postbackAnswers) {
    expect([200, 503]).toContain(a.status);
    if (a.status === 503) expect(a.retryAfter).toMatch(/^\d+$/);
  }
  expect(postbackAnswers.filter((a) => a.status === 503).length).toBeGreaterThan(postbackAnswers.length * 0.9);
  expect(maxPostbackMs).toBeLessThan(MAX_LATENCY_MS);
  for (const a of clickAnswers) expect([302, 503]).toContain(a.status);
  expect(maxClickMs).toBeLessThan(MAX_LATENCY_MS);
  // bounded memory
  expect(rssPeak - rssBefore).toBeLessThan(MAX_RSS_GROWTH);
  // recovers by itself, and loses nothing it answered 2xx
  expect(recovered).toBe(true);
  expect(retriedAnswers.every((s) => s === 200)).toBe(true);
  expect(lost).toEqual([]);
  expect(twice).toEqual([]);
  expect(clickRows.length).toBe(storedClickIds.size);
}, 120_000);
