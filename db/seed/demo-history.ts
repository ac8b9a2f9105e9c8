import { and, eq, inArray, lt, or } from "drizzle-orm";
import type { Db } from "../client";
import { newId } from "../ids";
import { commissions, conversions, links, ngrSettlements, offers, partners, programs } from "../schema";
import { assignPlan, createPlan } from "@/server/commissions/manage-plans";
import { approveCommissions } from "@/server/commissions/review-commissions";
import { monthKey, settleNgr } from "@/server/commissions/settle-ngr";
import { hashToken, recordPostback } from "@/server/conversions/record-postback";
import { drainOutbox } from "@/server/jobs/outbox";
import { recordClick } from "@/server/tracking/record-click";
import { randomBytes } from "node:crypto";

const DAY = 86_400_000;

export type HistoryPrograms = { casinoProgramId: string; casinoOfferId: string; ibProgramId: string; ibOfferId: string; tokens: string[] };

/**
 * Two more demo programs whose deals the SaaS platforms cannot express, created before the partners are
 * approved so they get links: an iGaming brand paying a CPA plus 30% NGR revenue share with negative
 * carry-over, and a Forex broker paying introducing brokers per traded lot with a 10% override to the IB
 * who recruited them.
 */
export async function createHistoryPrograms(db: Db, adminId: string, since: Date): Promise<HistoryPrograms> {
  const tokens = [randomBytes(24).toString("hex"), randomBytes(24).toString("hex")];
  const casinoProgramId = newId("program");
  const ibProgramId = newId("program");
  await db.insert(programs).values([
    { id: casinoProgramId, name: "Royal Spin Gaming", defaultCurrency: "EUR", postbackToken: tokens[0]!, postbackTokenHash: hashToken(tokens[0]!) },
    { id: ibProgramId, name: "Apex Markets IB", defaultCurrency: "USD", postbackToken: tokens[1]!, postbackTokenHash: hashToken(tokens[1]!) },
  ]);
  const casinoOfferId = newId("offer");
  const ibOfferId = newId("offer");
  await db.insert(offers).values([
    {
      id: casinoOfferId,
      programId: casinoProgramId,
      name: "Royal Spin Casino",
      description: "Casino brand. CPA on the first deposit plus 30% of net gaming revenue, settled monthly.",
      landingUrl: "https://royalspin.example.com/?btag={click_id}",
      currency: "EUR",
      qualification: { minDeposit: "2000", oncePerCustomer: true },
    },
    {
      id: ibOfferId,
      programId: ibProgramId,
      name: "Apex Markets Introducing Brokers",
      description: "Forex and CFD broker. Rebate per traded lot, by instrument group.",
      landingUrl: "https://apex.example.com/open?ib={click_id}",
      currency: "USD",
    },
  ]);
  const casinoPlan = await createPlan(db, {
    programId: casinoProgramId,
    name: "Casino hybrid",
    description: "CPA per FTD plus NGR revenue share",
    terms: { currency: "EUR", components: { cpa: { event: "ftd", amount: 10_000n }, ngr: { rateBp: 3000, carryover: "carry_forward" } } },
    actorId: adminId,
    effectiveFrom: since,
    now: since,
  });
  const ibPlan = await createPlan(db, {
    programId: ibProgramId,
    name: "IB rebates",
    description: "Per-lot rebates with a sub-IB override",
    terms: {
      currency: "USD",
      components: {
        lots: { event: "trade", groups: [{ name: "Majors", instruments: ["EURUSD", "GBPUSD", "USDJPY"], ratePerLot: 800n }, { name: "Metals", instruments: ["XAUUSD", "XAGUSD"], ratePerLot: 500n }], defaultRatePerLot: 300n },
        multiTier: { levels: [1000] },
      },
    },
    actorId: adminId,
    effectiveFrom: since,
    now: since,
  });
  await assignPlan(db, { programId: casinoProgramId, planId: casinoPlan.planId, partnerId: null, offerId: null, effectiveFrom: since, note: "The program's default", actorId: null, now: since });
  await assignPlan(db, { programId: ibProgramId, planId: ibPlan.planId, partnerId: null, offerId: null, effectiveFrom: since, note: "The program's default", actorId: null, now: since });
  return { casinoProgramId, casinoOfferId, ibProgramId, ibOfferId, tokens };
}

/**
 * A year of activity on those programs: players who deposit and then win or lose (NGR per player per month,
 * some months negative), traders who trade majors, metals and indices, each month settled, most of it approved.
 */
export async function seedHistory(db: Db, h: HistoryPrograms, who: { alice: string; bob: string; adminId: string }, now: Date, random: () => number) {
  // Bob was recruited by Alice as a sub-IB: his rebates pay her a 10% override.
  await db.update(partners).set({ parentPartnerId: who.alice }).where(eq(partners.id, who.bob));
  const linkOf = async (partnerId: string, offerId: string) => (await db.select({ code: links.code }).from(links).where(and(eq(links.partnerId, partnerId), eq(links.offerId, offerId))))[0]?.code;
  const start = new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth(), 1));
  const at = (month: number, day: number) => new Date(Math.min(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + month, day, 14), now.getTime() - 3_600_000));
  const post = async (token: string, params: Record<string, string>, when: Date) => {
    await recordPostback(db, { token, ...params, occurred_at: when.toISOString() }, { now: when });
  };

  // Royal Spin: each partner brings three players in the first months; every month each player has an NGR.
  const players: { id: string; partner: string }[] = [];
  for (const [i, partner] of [who.alice, who.alice, who.alice, who.bob, who.bob, who.bob].entries()) {
    const code = await linkOf(partner, h.casinoOfferId);
    if (!code) continue;
    const clickAt = at(i % 3, 3 + i);
    const c = await recordClick(db, { code, ip: `198.51.100.${40 + i}`, userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) Safari/605.1.15", referrer: null, subs: ["history", null, null, null, null], now: clickAt });
    if (!c.found) continue;
    const id = `rs-player-${i + 1}`;
    await post(h.tokens[0]!, { click_id: c.clickId, customer_id: id, event: "registration", txn_id: `reg-${id}` }, new Date(clickAt.getTime() + 600_000));
    await post(h.tokens[0]!, { click_id: c.clickId, customer_id: id, event: "ftd", txn_id: `ftd-${id}`, amount: `${50 + Math.floor(random() * 200)}.00`, currency: "EUR" }, new Date(clickAt.getTime() + 3_600_000));
    players.push({ id, partner });
  }
  // Apex: two traders of Bob's and two of Alice's open accounts through their IB links in the first month.
  const traders: { id: string; partner: string }[] = [];
  for (const [i, partner] of [who.bob, who.bob, who.alice, who.alice].entries()) {
    const code = await linkOf(partner, h.ibOfferId);
    if (!code) continue;
    const clickAt = at(0, 2 + i);
    const c = await recordClick(db, { code, ip: `198.51.100.${80 + i}`, userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/140.0", referrer: null, subs: ["webinar", null, null, null, null], now: clickAt });
    if (!c.found) continue;
    const id = `ib-trader-${i + 1}`;
    await post(h.tokens[1]!, { click_id: c.clickId, customer_id: id, event: "registration", txn_id: `reg-${id}` }, new Date(clickAt.getTime() + 900_000));
    traders.push({ id, partner });
  }
  await drainOutbox(db);
  for (let m = 0; m < 12; m++) {
    for (const p of players) {
      // mostly the house wins; now and then a player has a big month
      const ngr = random() < 0.2 ? -Math.floor(200 + random() * 800) : Math.floor(50 + random() * 600);
      await post(h.tokens[0]!, { customer_id: p.id, event: "ngr", txn_id: `ngr-${p.id}-${m}`, amount: `${ngr}.00`, currency: "EUR" }, at(m, 25));
    }
    for (const [k, trader] of traders.entries()) {
      const instrument = ["EURUSD", "GBPUSD", "XAUUSD", "US500", "USDJPY", "XAGUSD"][Math.floor(random() * 6)]!;
      const lots = (0.5 + Math.floor(random() * 800) / 100).toFixed(2);
      await post(h.tokens[1]!, { customer_id: trader.id, event: "trade", txn_id: `trade-${m}-${k}`, lots, instrument }, at(m, 5 + k * 5));
    }
    await drainOutbox(db);
  }
  // settle every finished month, oldest first, then approve what is old enough
  for (let m = 0; m < 12; m++) {
    const month = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + m, 1));
    if (Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1) <= now.getTime()) await settleNgr(db, h.casinoProgramId, monthKey(month), now);
  }
  // everything but the last two months has been reviewed: events by when they happened, settlements by month
  const cutoff = new Date(now.getTime() - 60 * DAY);
  const old = await db
    .select({ id: commissions.id })
    .from(commissions)
    .leftJoin(conversions, eq(conversions.id, commissions.conversionId))
    .leftJoin(ngrSettlements, eq(ngrSettlements.id, commissions.settlementId))
    .where(and(inArray(commissions.offerId, [h.casinoOfferId, h.ibOfferId]), or(lt(conversions.occurredAt, cutoff), lt(ngrSettlements.month, monthKey(cutoff)))));
  for (let i = 0; i < old.length; i += 200) await approveCommissions(db, { commissionIds: old.slice(i, i + 200).map((c) => c.id), actorId: who.adminId, reason: "monthly review" });
}
