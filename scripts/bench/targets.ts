/**
 * What each target sends and expects, and the database checks that follow: a fast answer is worthless if
 * the click it announced was never stored or a replayed conversion was counted twice.
 */
import type postgres from "postgres";
import type { Target } from "./load";

type Base = { url: string; pid: number };
const CLICK_ID = /clk_[0-9a-hjkmnp-tv-z]{26}/;
const header = (h: Record<string, string | string[]>, name: string) => {
  const key = Object.keys(h).find((k) => k.toLowerCase() === name);
  const v = key ? h[key] : undefined;
  return Array.isArray(v) ? v[0] : v;
};

export function floorTarget(b: Base): Target {
  return { name: "floor", ...b, next: () => ({ path: "/api/health" }), check: (status) => status === 200 };
}

/**
 * GET /r/<code> over every link, with changing sub-IDs (some needing URL-encoding) and a browser-like
 * user agent. Every click id answered in a Location is kept for the "lost" check.
 */
export function redirectTarget(name: string, b: Base, codes: string[]): Target & { answered: Set<string> } {
  const answered = new Set<string>();
  let n = 0;
  return {
    name,
    ...b,
    answered,
    next: () => {
      const i = n++;
      const q = new URLSearchParams({ sub1: `camp-${i % 97}`, sub2: `ad ${i % 13}&x=${i}` });
      return {
        path: `/r/${codes[i % codes.length]}?${q}`,
        headers: {
          "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
          referer: "https://publisher.example/article",
        },
      };
    },
    check: (status, _body, headers) => {
      const id = CLICK_ID.exec(header(headers, "location") ?? "")?.[0];
      if (status !== 302 || !id) return false;
      answered.add(id);
      return true;
    },
  };
}

/** Answered click ids missing from `clicks` (checked in chunks: = any() with tens of thousands of ids). */
export async function lostClicks(sql: postgres.Sql, ids: Set<string>): Promise<number> {
  const all = [...ids];
  let found = 0;
  for (let i = 0; i < all.length; i += 5000) {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from clicks where id = any(${all.slice(i, i + 5000)})`;
    found += row?.n ?? 0;
  }
  return all.length - found;
}

type Txn = { txn: string; clickId: string; amount: string };

/**
 * GET /api/postback for event ftd on real click ids. 10% of requests replay an earlier txn_id with the
 * same click and amount, which must answer `duplicate` and store nothing. Only txn_ids already answered
 * `accepted` are replayed: a request still in flight when a run stops leaves a row nobody saw accepted,
 * and replaying it would make that row indistinguishable from a real double count.
 */
export function postbackTarget(b: Base, token: string, clickIds: string[]) {
  const run = Math.random().toString(36).slice(2, 8);
  const acceptedTxns: Txn[] = [];
  const byTxn = new Map<string, Txn>();
  const accepted = new Set<string>();
  const answered = new Set<string>();
  let acceptedTwice = 0;
  let duplicateAnswers = 0;
  let n = 0;
  const target: Target = {
    name: "ours postback",
    ...b,
    next: (context) => {
      const replay = acceptedTxns.length > 0 && Math.random() < 0.1;
      const t = replay
        ? acceptedTxns[Math.floor(Math.random() * acceptedTxns.length)]!
        : { txn: `bench-${run}-${n}`, clickId: clickIds[n % clickIds.length]!, amount: `${10 + (n++ % 490)}.00` };
      if (!replay) byTxn.set(t.txn, t);
      context.txn = t.txn;
      const q = new URLSearchParams({ token, click_id: t.clickId, event: "ftd", txn_id: t.txn, amount: t.amount, currency: "USD" });
      return { path: `/api/postback?${q}` };
    },
    check: (status, body, _headers, context) => {
      const txn = String(context.txn);
      let parsed: { status?: string } = {};
      try {
        parsed = JSON.parse(body) as { status?: string };
      } catch {
        return false;
      }
      if (status !== 200 || (parsed.status !== "accepted" && parsed.status !== "duplicate")) return false;
      if (parsed.status === "accepted") {
        if (accepted.has(txn)) acceptedTwice++;
        accepted.add(txn);
        const t = byTxn.get(txn);
        if (t) acceptedTxns.push(t);
      } else duplicateAnswers++;
      answered.add(txn);
      return true;
    },
  };
  return { target, accepted, answered, acceptedTwice: () => acceptedTwice, duplicateAnswers: () => duplicateAnswers, prefix: `bench-${run}-` };
}

export type ConversionCheck = {
  duplicates: number;
  rows: number;
  accepted: number;
  replays: number;
  missing: number;
  inFlight: number;
  unexplained: number;
  /** Outbox events (attribution + commission jobs) done / recorded when the server stopped. */
  outboxDone: number;
  outboxTotal: number;
};

/**
 * duplicates: (offer, event, txn_id) groups with more than one row (the unique index should make it 0).
 * rows must equal the txn_ids answered `accepted`; a row whose request got no answer before the run
 * stopped is counted as in flight, any other extra row is unexplained.
 */
export async function checkConversions(sql: postgres.Sql, p: ReturnType<typeof postbackTarget>): Promise<ConversionCheck> {
  const [dup] = await sql<{ n: number }[]>`
    select count(*)::int as n from (select 1 from conversions group by offer_id, event, txn_id having count(*) > 1) g`;
  const rows = await sql<{ txn_id: string }[]>`select txn_id from conversions where txn_id like ${p.prefix + "%"}`;
  const stored = new Set(rows.map((r) => r.txn_id));
  const missing = [...p.accepted].filter((t) => !stored.has(t)).length;
  const extra = [...stored].filter((t) => !p.accepted.has(t));
  const unexplained = extra.filter((t) => p.answered.has(t)).length;
  const [outbox] = await sql<{ done: number; total: number }[]>`
    select count(processed_at)::int as done, count(*)::int as total from outbox_events`;
  return {
    duplicates: (dup?.n ?? 0) + p.acceptedTwice(),
    rows: rows.length,
    accepted: p.accepted.size,
    replays: p.duplicateAnswers(),
    missing,
    inFlight: extra.length - unexplained,
    unexplained,
    outboxDone: outbox?.done ?? 0,
    outboxTotal: outbox?.total ?? 0,
  };
}
