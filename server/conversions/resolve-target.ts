import { and, eq, gte, lt, sql } from "drizzle-orm";
import { clickIdWindow } from "@/db/click-partitions";
import type { DbOrTx } from "@/db/client";
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

async function findClick(db: DbOrTx, programId: string, clickId: string) {
  const q = clickQuery(db);
  const window = clickIdWindow(clickId);
  if (window) {
    const [row] = await q.inWindow.execute({ clickId, programId, from: window.from.toISOString(), to: window.to.toISOString() });
    if (row) return row;
  }
  const [row] = await q.anyTime.execute({ clickId, programId });
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
