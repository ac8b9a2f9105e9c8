/**
 * Visitor journeys in bulk, for the attribution benchmark (and tests that want a realistic data set):
 * converting visitors with 1-10 clicks over several partners before their conversion, plus visitors who
 * never convert, written with COPY in chunks of 10k rows, in one transaction that takes the clicks and
 * conversions tables for itself (see copyInto): meant for a database nobody else is writing to.
 *
 * Ids have the same shape as db/ids.ts newId(kind, at) (`<prefix>_<ulid>`, lowercase, time part = the
 * row's instant) but take their random part from one large randomBytes() buffer: newId() draws every
 * character from crypto separately (~47 µs an id here, 47 s for a million clicks).
 */
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type postgres from "postgres";
import { ID_PREFIXES, type IdKind } from "@/db/ids";

const DAY_MS = 86_400_000;
const CHUNK_ROWS = 10_000;
const MAX_CLICKS_PER_VISITOR = 10;
const CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";

export type JourneyLink = { id: string; partnerId: string };

export type JourneyOptions = {
  programId: string;
  offerId: string;
  /** the offer's links: each click goes to one at random */
  links: JourneyLink[];
  /** total clicks, exactly; must be >= conversions (each converting visitor clicks at least once) */
  clicks: number;
  /** converting visitors, one conversion each */
  conversions: number;
  /** everything happens within the last `days` days before `now` */
  days: number;
  /** a converting journey's clicks lie within this many days before its conversion (default 30) */
  windowDays?: number;
  /** the conversions' event type (default ftd, which the factories' default plan pays) */
  event?: string;
  now?: Date;
  /** seed of the journey layout (partners, times, counts); ids stay random */
  seed?: number;
  /** a visitor's clicks: 1 to this many (default 10) */
  maxClicks?: number;
};

export type SeededJourneys = {
  conversionIds: string[];
  clicks: number;
  conversions: number;
  /** converting + non-converting visitors */
  visitors: number;
  /** clicks that belong to converting journeys */
  convertingClicks: number;
  ms: number;
};

/** mulberry32: small, fast, seedable; plenty for spreading rows around. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `<prefix>_<10 time chars><16 random chars>`: a ULID for instant `at`, as newId() makes it. */
export function idFactory() {
  let pool = randomBytes(0);
  let pos = 0;
  return (kind: IdKind, at: number): string => {
    if (pos + 16 > pool.length) {
      pool = randomBytes(16 * 65_536);
      pos = 0;
    }
    let time = "";
    for (let i = 0, t = at; i < 10; i++, t = Math.floor(t / 32)) time = CROCKFORD[t % 32] + time;
    let rand = "";
    // 256 is a multiple of 32, so the low 5 bits of a random byte are uniform.
    for (let i = 0; i < 16; i++) rand += CROCKFORD[pool[pos++]! & 31];
    return `${ID_PREFIXES[kind]}_${time}${rand}`;
  };
}

const AGENTS = [
  { ua: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36", device: "desktop", os: "Windows", browser: "Chrome" },
  { ua: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", device: "mobile", os: "iOS", browser: "Mobile Safari" },
  { ua: "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36", device: "mobile", os: "Android", browser: "Mobile Chrome" },
];

const CLICK_COLUMNS = ["id", "link_id", "partner_id", "offer_id", "visitor_id", "ip", "user_agent", "device_type", "os", "browser", "is_bot", "sub1", "created_at"];
const CONVERSION_COLUMNS = [
  "id",
  "program_id",
  "offer_id",
  "click_id",
  "source",
  "event",
  "txn_id",
  "amount",
  "currency",
  "occurred_at",
  "params",
  "attribution_status",
  "created_at",
];

/**
 * COPY ... FROM STDIN of the text chunks a generator yields (its values hold no tab, newline or backslash).
 * Maintaining the table's secondary indexes row by row and firing its foreign-key triggers a million
 * times cost 53 s for a million clicks here (clicks in visitor order, so every index takes random
 * inserts); so the indexes not backing a constraint and the table's own foreign keys are dropped, the
 * rows copied, then the indexes rebuilt from their definitions and the foreign keys added back, which
 * checks every row in one join (16 s in all). Runs inside the caller's transaction: a failure leaves the
 * schema as it was.
 */
/** COPY text lines, CHUNK_ROWS at a time. */
export function* inChunks(lines: string[]): Generator<string> {
  for (let i = 0; i < lines.length; i += CHUNK_ROWS) yield lines.slice(i, i + CHUNK_ROWS).join("");
}

export async function copyInto(tx: postgres.TransactionSql, table: string, columns: string[], chunks: Iterable<string>): Promise<void> {
  const indexes = await tx<{ name: string; def: string }[]>`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i
    where i.indrelid = ${table}::regclass and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`;
  const foreignKeys = await tx<{ name: string; def: string }[]>`
    select conname as name, pg_get_constraintdef(oid) as def from pg_constraint where conrelid = ${table}::regclass and contype = 'f'`;
  // row triggers look rows up (conversions: a sale's reversals, a registration's deposits); without the indexes
  // each would read the whole table, so they are off for the load and their work is done once after it
  const rowTriggers = await tx<{ name: string }[]>`
    select tgname as name from pg_trigger where tgrelid = ${table}::regclass and not tgisinternal and (tgtype & 1) = 1 and tgenabled <> 'D'`;
  for (const fk of foreignKeys) await tx.unsafe(`alter table ${table} drop constraint "${fk.name}"`);
  for (const index of indexes) await tx.unsafe(`drop index ${index.name}`);
  for (const t of rowTriggers) await tx.unsafe(`alter table ${table} disable trigger "${t.name}"`);
  const writable = await tx.unsafe(`copy ${table} (${columns.join(", ")}) from stdin`).writable();
  await pipeline(Readable.from(chunks), writable);
  // a partitioned table's index reads "ON ONLY": made that way it would cover no partition (and stay invalid)
  for (const index of indexes) await tx.unsafe(index.def.replace(" ON ONLY ", " ON "));
  for (const fk of foreignKeys) await tx.unsafe(`alter table ${table} add constraint "${fk.name}" ${fk.def}`);
  for (const t of rowTriggers) await tx.unsafe(`alter table ${table} enable trigger "${t.name}"`);
  if (table === "conversions" && rowTriggers.length > 0) await fillHistoryColumns(tx);
}

/** What the conversions' insert triggers would have written, for every row (db/migrations/0026_fraud_history_columns.sql). */
async function fillHistoryColumns(tx: postgres.TransactionSql) {
  await tx`
    update conversions s set refunded_at = r.refunded, charged_back_at = r.charged_back
    from (
      select offer_id, txn_id, min(occurred_at) filter (where event = 'refund') as refunded, min(occurred_at) filter (where event = 'chargeback') as charged_back
      from conversions where event in ('refund', 'chargeback') group by offer_id, txn_id
    ) r
    where s.offer_id = r.offer_id and s.txn_id = r.txn_id and s.event not in ('refund', 'chargeback')
      and (s.refunded_at is distinct from r.refunded or s.charged_back_at is distinct from r.charged_back)`;
  await tx`
    update conversions g set followed_at = f.followed
    from (
      select g2.id, min(d.occurred_at) as followed from conversions g2
      join conversions d on d.program_id = g2.program_id and d.customer_id = g2.customer_id and d.event in ('ftd', 'deposit') and d.occurred_at >= g2.occurred_at
      where g2.event = 'registration' group by g2.id
    ) f
    where g.id = f.id and g.followed_at is distinct from f.followed`;
}

/**
 * Writes `clicks` clicks and `conversions` pending conversions of `offerId` (`opts.event`, ftd by default,
 * 100.00 in its currency). Converting visitor: 1-10 clicks on random links, all before the conversion and
 * within `windowDays` of it; the conversion's click_id is the visitor's last click, so both the explicit
 * click and the visitor's journey apply. The remaining clicks belong to visitors who never convert.
 */
export async function seedJourneys(sql: postgres.Sql, opts: JourneyOptions): Promise<SeededJourneys> {
  const t0 = Date.now();
  const { programId, offerId, links, clicks: totalClicks, conversions: totalConversions, days } = opts;
  if (links.length === 0) throw new Error("seedJourneys: no links");
  if (totalClicks < totalConversions) throw new Error(`seedJourneys: ${totalClicks} clicks cannot carry ${totalConversions} converting journeys`);
  const windowMs = Math.min(opts.windowDays ?? 30, days) * DAY_MS;
  const now = (opts.now ?? new Date()).getTime();
  const start = now - days * DAY_MS;
  const [offer] = await sql<{ currency: string }[]>`select currency from offers where id = ${offerId}`;
  if (!offer) throw new Error(`seedJourneys: offer ${offerId} not found`);
  const { currency } = offer;
  // the event the offer's default plan pays a CPA on (the factories' plan: ftd)
  const event = opts.event ?? "ftd";

  const rand = prng(opts.seed ?? 20240601);
  const maxClicks = opts.maxClicks ?? MAX_CLICKS_PER_VISITOR;
  const newId = idFactory();
  const int = (n: number) => Math.floor(rand() * n);
  const runId = randomBytes(4).toString("hex");
  const conversionIds: string[] = [];
  const conversionRows: string[] = [];
  let visitors = 0;
  let convertingClicks = 0;

  /** One visitor's clicks: the last at `lastAt`, the others between `from` and it. Returns the last click's id. */
  function journey(count: number, from: number, lastAt: number, lines: string[]): string {
    visitors++;
    const visitorId = newId("visitor", from);
    const agent = AGENTS[int(AGENTS.length)]!;
    const ip = `203.0.113.${1 + int(254)}`;
    const times = [lastAt];
    for (let i = 1; i < count; i++) times.push(from + Math.floor(rand() * (lastAt - from)));
    let lastId = "";
    for (const at of times) {
      const link = links[int(links.length)]!;
      const id = newId("click", at);
      lastId ||= id; // times[0] is the last click
      const sub1 = rand() < 0.5 ? `s${1 + int(5)}` : "\\N";
      lines.push(`${id}\t${link.id}\t${link.partnerId}\t${offerId}\t${visitorId}\t${ip}\t${agent.ua}\t${agent.device}\t${agent.os}\t${agent.browser}\tf\t${sub1}\t${new Date(at).toISOString()}\n`);
    }
    return lastId;
  }

  function* clickChunks(): Generator<string> {
    let budget = totalClicks;
    let lines: string[] = [];
    const flush = function* () {
      if (lines.length >= CHUNK_ROWS) {
        yield lines.join("");
        lines = [];
      }
    };
    for (let c = 0; c < totalConversions; c++) {
      // leave one click for each converting visitor still to come
      const count = Math.min(1 + int(maxClicks), budget - (totalConversions - c - 1));
      budget -= count;
      convertingClicks += count;
      // conversion between start + 2 h and a minute ago; its last click 1 s to 1 h before it, the others
      // no earlier than a minute inside the window
      const occurredAt = start + 7_200_000 + Math.floor(rand() * (now - start - 7_260_000));
      const lastClickAt = occurredAt - 1000 - int(3_600_000);
      const clickId = journey(count, Math.max(start, occurredAt - windowMs + 60_000), lastClickAt, lines);
      const id = newId("conversion", occurredAt);
      const txn = `bench-${runId}-${c}`;
      const params = `{"txn_id": "${txn}", "click_id": "${clickId}", "amount": "100.00", "event": "${event}"}`;
      const at = new Date(occurredAt).toISOString();
      conversionIds.push(id);
      conversionRows.push(`${id}\t${programId}\t${offerId}\t${clickId}\ts2s\t${event}\t${txn}\t10000\t${currency}\t${at}\t${params}\tpending\t${at}\n`);
      yield* flush();
    }
    while (budget > 0) {
      const count = Math.min(1 + int(maxClicks), budget);
      budget -= count;
      const lastAt = start + 60_000 + Math.floor(rand() * (now - start - 60_000));
      journey(count, Math.max(start, lastAt - windowMs + 60_000), lastAt, lines);
      yield* flush();
    }
    if (lines.length > 0) yield lines.join("");
  }

  await sql.begin(async (tx) => {
    await tx`set local maintenance_work_mem = '256MB'`;
    // Clicks first: conversions reference them.
    await copyInto(tx, "clicks", CLICK_COLUMNS, clickChunks());
    await copyInto(
      tx,
      "conversions",
      CONVERSION_COLUMNS,
      inChunks(conversionRows),
    );
  });
  return { conversionIds, clicks: totalClicks, conversions: totalConversions, visitors, convertingClicks, ms: Date.now() - t0 };
}
