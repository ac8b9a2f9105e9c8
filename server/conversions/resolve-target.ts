import { and, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { clickIdWindow } from "@/db/click-partitions";
import type { DbOrTx } from "@/db/client";
import { coalesce, fulfilled } from "@/db/coalesce";
import { rowsOf } from "@/db/types";
import { clicks, coupons, customerBindings, offers } from "@/db/schema";

export type Target = { offerId: string; clickId: string | null; currency: string; eventTypes: string[] };
type Identity = { clickId?: string; customerId?: string; coupon?: string };

const offerColumns = { offerId: offers.id, currency: offers.currency, eventTypes: offers.eventTypes };

// The hot path's query, built and prepared once per database handle instead of on every postback.
// Clicks are partitioned by month: the first query names the id's time window, so it reads one or two months.
const prepared = new WeakMap<object, ReturnType<typeof prepareClickQueries>>();
const prepareClickQueries = (db: DbOrTx) => {
  const base = () =>
    db
      .select({ ...offerColumns, clickId: clicks.id })
      .from(clicks)
      .innerJoin(offers, eq(offers.id, clicks.offerId));
  const byId = and(eq(clicks.id, sql.placeholder("clickId")), eq(offers.programId, sql.placeholder("programId")));
  return {
    inWindow: base()
      .where(and(byId, gte(clicks.createdAt, sql.placeholder("from")), lt(clicks.createdAt, sql.placeholder("to"))))
      .prepare("postback_click_target_window"),
    anyTime: base().where(byId).prepare("postback_click_target"),
  };
};
function clickQuery(db: DbOrTx) {
  let q = prepared.get(db);
  if (!q) prepared.set(db, (q = prepareClickQueries(db)));
  return q;
}

export type ClickAsk = { clickId: string; programId: string; from: string; to: string };
type ClickRow = { offerId: string; clickId: string; currency: string; eventTypes: string[] };

/**
 * Each ask's click, looked up by its own id in its own window (each a few index probes), whatever the
 * planner's statistics say: a new month's partition analyzed after its first clicks made a plain join of the
 * same shape hash the whole partition for every batch (58,000 rows read per batch in the tracking bench).
 * The LIMIT keeps the subquery apart, so it is planned per ask, as the single lookup is.
 */
export function clickBatchStatement(asks: readonly ClickAsk[]): SQL {
  return sql`
    select x.n, t.*
    from jsonb_to_recordset(${JSON.stringify(asks.map((a, n) => ({ n, ...a })))}::jsonb) as x(n int, "clickId" text, "programId" text, "from" timestamptz, "to" timestamptz)
    cross join lateral (
      select c.id as "clickId", o.id as "offerId", o.currency, to_json(o.event_types) as "eventTypes"
      from clicks c join offers o on o.id = c.offer_id
      where c.id = x."clickId" and c.created_at >= x."from" and c.created_at < x."to" and o.program_id = x."programId"
      limit 1
    ) t`;
}

/**
 * Concurrent postbacks' clicks, looked up in one statement per turn of the event loop (the partitions each
 * id's time window names, as the single query reads). Each answer is its own ask's click in its own program,
 * or none.
 */
const findClicksInWindow = coalesce<DbOrTx, ClickAsk, ClickRow | undefined>(
  async (db, asks) => {
    if (asks.length === 1) {
      const [row] = await clickQuery(db).inWindow.execute(asks[0]!);
      return fulfilled([row]);
    }
    const rows = rowsOf<ClickRow & { n: number }>(await db.execute(clickBatchStatement(asks)));
    const byN = new Map(rows.map(({ n, ...row }) => [n, row]));
    return fulfilled(asks.map((_, n) => byN.get(n)));
  },
  { max: 200 },
);

async function findClick(db: DbOrTx, programId: string, clickId: string) {
  const window = clickIdWindow(clickId);
  if (window) {
    const row = await findClicksInWindow(db, { clickId, programId, from: window.from.toISOString(), to: window.to.toISOString() });
    if (row) return row;
  }
  const [row] = await clickQuery(db).anyTime.execute({ clickId, programId });
  return row;
}

/**
 * Which offer (and click) a postback belongs to. An explicit click_id wins; then the customer's lifetime
 * binding; then a coupon code. Every lookup is confined to the authenticated program.
 */
export async function resolveTarget(db: DbOrTx, programId: string, id: Identity): Promise<{ ok: true; target: Target } | { ok: false; message: string }> {
  if (id.clickId) {
    const row = await findClick(db, programId, id.clickId);
    return row ? { ok: true, target: row } : { ok: false, message: `click_id "${id.clickId}" is unknown` };
  }
  if (id.customerId) {
    const [row] = await db
      .select(offerColumns)
      .from(customerBindings)
      .innerJoin(offers, eq(offers.id, customerBindings.offerId))
      .where(and(eq(customerBindings.programId, programId), eq(customerBindings.customerId, id.customerId)));
    if (row) return { ok: true, target: { ...row, clickId: null } };
    if (!id.coupon) return { ok: false, message: `customer_id "${id.customerId}" is not bound to a partner yet (send click_id or coupon with their first event)` };
  }
  if (id.coupon) {
    const [row] = await db
      .select(offerColumns)
      .from(coupons)
      .innerJoin(offers, eq(offers.id, coupons.offerId))
      .where(and(eq(coupons.programId, programId), eq(coupons.code, sql`upper(${id.coupon})`), eq(coupons.status, "active")));
    return row ? { ok: true, target: { ...row, clickId: null } } : { ok: false, message: `coupon "${id.coupon}" is unknown` };
  }
  return { ok: false, message: "one of click_id, customer_id or coupon is required" };
}
