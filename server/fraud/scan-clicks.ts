import { asc, and, eq, gt, inArray, lte, sql } from "drizzle-orm";
import { bulkInsert } from "@/db/bulk-insert";
import { rowsOf, type Db, type DbOrTx } from "@/db/client";
import { idFloor } from "@/db/ids";
import { clickFraudFindings, clicks, fraudScanCursors, offers } from "@/db/schema";
import { datacenterRanges } from "./asn";
import { liveBlocks, withBlocks, type LiveBlocks } from "./blocks";
import { clickFacts } from "./load-check-input";
import type { FraudConfig } from "./rules/config";
import { evaluateOnly } from "./rules/score";
import { CLICK_REASON_CODES } from "./rules/types";
import { offerConfig, type OfferFraudConfig } from "./settings";

const CURSOR = "clicks";
/** Clicks are written in batches a few milliseconds after their id is made; the sweep stays well behind that. */
const LAG_MS = 10_000;
/** A first sweep (or one after a long outage) starts an hour back rather than at the beginning of time. */
const FIRST_LOOKBACK_MS = 3_600_000;
const BATCH = 2000;

type ClickRow = typeof clicks.$inferSelect;
type Counts = Map<string, { byIp?: number; byVisitor?: number }>;

/**
 * For each click of the batch, how many clicks on its link came from its IP (resp. its visitor) in the
 * `windowSeconds` up to and including it. One windowed count in the database per distinct window: a bot burst
 * of thousands of clicks costs a sort, not thousands of lookups.
 */
async function duplicateCounts(db: DbOrTx, batch: ClickRow[], windowSeconds: number, into: Counts) {
  if (!Number.isInteger(windowSeconds) || windowSeconds < 1) throw new Error(`bad window ${windowSeconds}`);
  const ids = batch.map((c) => c.id);
  const from = new Date(Math.min(...batch.map((c) => c.createdAt.getTime())) - windowSeconds * 1000).toISOString();
  const to = new Date(Math.max(...batch.map((c) => c.createdAt.getTime()))).toISOString();
  const frame = sql.raw(`range between interval '${windowSeconds} seconds' preceding and current row`);
  for (const key of ["ip", "visitor_id"] as const) {
    const column = sql.raw(key);
    const rows = rowsOf<{ id: string; n: number }>(
      await db.execute(sql`
        with batch as (select id, link_id, ${column} as k from clicks where id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)}) and ${column} is not null),
        pool as (
          select c.id, count(*) over (partition by c.link_id, c.${column} order by c.created_at ${frame})::int as n
          from clicks c
          where c.link_id in (select link_id from batch) and c.${column} in (select k from batch)
            and c.created_at between ${from}::timestamptz and ${to}::timestamptz
        )
        select pool.id, pool.n from pool join batch on batch.id = pool.id`),
    );
    for (const r of rows) into.set(r.id, { ...into.get(r.id), [key === "ip" ? "byIp" : "byVisitor"]: Number(r.n) });
  }
}

async function readCursor(db: DbOrTx, now: Date): Promise<string> {
  const [row] = await db.select({ lastId: fraudScanCursors.lastId }).from(fraudScanCursors).where(eq(fraudScanCursors.name, CURSOR));
  return row?.lastId ?? idFloor("click", now.getTime() - FIRST_LOOKBACK_MS);
}

/** Judges one batch of clicks with the click rules and returns the findings (clicks with at least one hit). */
async function judge(db: DbOrTx, batch: ClickRow[]) {
  const offerRows = await db.select({ id: offers.id, programId: offers.programId }).from(offers).where(inArray(offers.id, [...new Set(batch.map((c) => c.offerId))]));
  const settings = new Map<string, OfferFraudConfig>();
  const blocks = new Map<string, LiveBlocks>();
  for (const o of offerRows) {
    settings.set(o.id, await offerConfig(db, o.programId, o.id));
    if (!blocks.has(o.programId)) blocks.set(o.programId, await liveBlocks(db, o.programId));
  }
  const programOf = new Map(offerRows.map((o) => [o.id, o.programId]));
  const counts: Counts = new Map();
  const windows = new Map<number, ClickRow[]>();
  for (const c of batch) {
    const w = settings.get(c.offerId)?.config.rules.duplicate_clicks.windowSeconds;
    if (w !== undefined) windows.set(w, [...(windows.get(w) ?? []), c]);
  }
  for (const [w, some] of windows) await duplicateCounts(db, some, w, counts);

  const configs = new Map<string, FraudConfig>();
  const findings: (typeof clickFraudFindings.$inferInsert)[] = [];
  for (const c of batch) {
    const offer = settings.get(c.offerId);
    const programBlocks = blocks.get(programOf.get(c.offerId) ?? "");
    if (!offer || !programBlocks) continue;
    const key = `${c.offerId}:${c.partnerId}`;
    let config = configs.get(key);
    if (!config) configs.set(key, (config = withBlocks(offer.config, programBlocks, c.partnerId)));
    const n = counts.get(c.id);
    const verdict = evaluateOnly(
      {
        conversion: { at: c.createdAt, partnerId: c.partnerId, clickDriven: false, ip: null, emailHash: null },
        click: clickFacts(c),
        offer: { allowedCountries: offer.allowedCountries, medianClicksPerConversion: null },
        datacenterRanges,
        history: { sameIpClickCount: n?.byIp, sameVisitorClickCount: n?.byVisitor },
      },
      config,
      CLICK_REASON_CODES,
    );
    if (verdict.hits.length === 0) continue;
    findings.push({ clickId: c.id, offerId: c.offerId, partnerId: c.partnerId, linkId: c.linkId, clickAt: c.createdAt, score: verdict.score, action: verdict.action, hits: verdict.hits });
  }
  return findings;
}

/**
 * The click sweep: reads the clicks stored since its last run, in id order, and records what the click rules
 * (bot user agent, datacenter network, block list, duplicates, geography) find on each. It runs in the
 * background, never on the redirect, and `pause` lets it wait out a burst of traffic before each batch.
 * Findings and the cursor move in one transaction, so a crash repeats a batch and a repeated batch adds
 * nothing (one finding per click).
 */
export async function scanClicks(db: Db, opts: { now?: Date; maxBatches?: number; pause?: () => Promise<void> } = {}) {
  const now = opts.now ?? new Date();
  const upTo = new Date(now.getTime() - LAG_MS);
  let scanned = 0;
  let flagged = 0;
  for (let i = 0; i < (opts.maxBatches ?? 50); i++) {
    await opts.pause?.();
    const after = await readCursor(db, now);
    const batch = await db.select().from(clicks).where(and(gt(clicks.id, after), lte(clicks.createdAt, upTo))).orderBy(asc(clicks.id)).limit(BATCH);
    if (batch.length === 0) break;
    const findings = await judge(db, batch);
    const lastId = batch.at(-1)?.id ?? after;
    await db.transaction(async (tx) => {
      if (findings.length > 0) await tx.execute(bulkInsert(clickFraudFindings, findings, { onConflictDoNothing: true }));
      await tx
        .insert(fraudScanCursors)
        .values({ name: CURSOR, lastId, updatedAt: now })
        .onConflictDoUpdate({ target: fraudScanCursors.name, set: { lastId, updatedAt: now } });
    });
    scanned += batch.length;
    flagged += findings.length;
    if (batch.length < BATCH) break;
  }
  return { scanned, flagged };
}
