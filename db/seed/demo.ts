import { randomBytes } from "node:crypto";
import { count, eq } from "drizzle-orm";
import type { Db } from "../client";
import { newId } from "../ids";
import { commissions, coupons, links, offers, programs, users, webhookEndpoints } from "../schema";
import { newWebhookSecret } from "@/server/webhooks/secrets";
import { setProgramAttribution } from "@/server/attribution/set-attribution";
import { createUser } from "@/server/auth/create-user";
import { assignPlan, createPlan } from "@/server/commissions/manage-plans";
import { createHistoryPrograms, seedHistory } from "./demo-history";
import { approveCommissions, rejectCommissions } from "@/server/commissions/review-commissions";
import { hashToken, recordPostback } from "@/server/conversions/record-postback";
import { drainOutbox } from "@/server/jobs/outbox";
import { applyPartner } from "@/server/partners/apply-partner";
import { reviewPartner } from "@/server/partners/review-partner";
import { createPayoutBatch } from "@/server/payouts/create-payout-batch";
import { approvePayoutBatch, markBatchPaid } from "@/server/payouts/batch-status";
import { savePayoutDetails } from "@/server/payouts/payout-details";
import { recordClick } from "@/server/tracking/record-click";
import { seedTraffic } from "./demo-traffic";

export type DemoLogins = { password: string; admin: string; partners: string[]; pending: string; postbackToken: string };

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

const DAY = 86_400_000;
// A fixed pseudo-random sequence: the demo looks the same on every fresh install.
function rng(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

/**
 * The demo program, loaded through the same use cases the app runs (clicks, postbacks, attribution,
 * approvals, a paid batch), so the demo is what production would have stored.
 */
export async function seedDemo(db: Db, opts: { password?: string; now?: Date } = {}): Promise<DemoLogins> {
  const now = opts.now ?? new Date();
  const password = opts.password ?? randomBytes(9).toString("base64url");
  const postbackToken = randomBytes(24).toString("hex");

  const adminId = await createUser(db, { email: "admin@example.com", name: "Dana Operator", password, role: "owner" });
  const programId = newId("program");
  await db.insert(programs).values({ id: programId, name: "Lucky Star Group", defaultCurrency: "USD", postbackToken, postbackTokenHash: hashToken(postbackToken) });
  const [casino, forex] = [newId("offer"), newId("offer")];
  await db.insert(offers).values([
    {
      id: casino,
      programId,
      name: "Lucky Star Casino",
      description: "Online casino. Pays a CPA on the player's first deposit (FTD).",
      landingUrl: "https://casino.example.com/welcome?clickid={click_id}&s1={sub1}&s2={sub2}",
      deepLinkHosts: ["casino.example.com", "*.casino.example.com"],
      attributionWindowDays: 30,
      currency: "USD",
      qualification: { minDeposit: "2000", oncePerCustomer: true },
    },
    {
      id: forex,
      programId,
      name: "Apex Markets FX",
      description: "Forex broker. Pays a CPA when a referred trader funds an account (FTD).",
      landingUrl: "https://fx.example.com/open-account?ref={click_id}&campaign={sub1}",
      deepLinkHosts: ["fx.example.com"],
      attributionWindowDays: 45,
      currency: "EUR",
      holdDays: 14,
    },
  ]);

  // Plans in force since before the demo's history begins, so every seeded event is priced by them.
  const since = new Date(now.getTime() - 400 * DAY);
  const casinoPlan = await createPlan(db, { programId, name: "Casino CPA", description: "Flat CPA per first deposit", terms: { currency: "USD", components: { cpa: { event: "ftd", amount: 20_000n } } }, actorId: adminId, effectiveFrom: since, now: since });
  const fxPlan = await createPlan(db, { programId, name: "FX CPA", description: "Flat CPA per funded account", terms: { currency: "EUR", components: { cpa: { event: "ftd", amount: 15_000n } } }, actorId: adminId, effectiveFrom: since, now: since });
  await assignPlan(db, { programId, planId: casinoPlan.planId, partnerId: null, offerId: casino, effectiveFrom: since, note: "The casino's default", actorId: null, now: since });
  await assignPlan(db, { programId, planId: fxPlan.planId, partnerId: null, offerId: forex, effectiveFrom: since, note: "The broker's default", actorId: null, now: since });

  const history = await createHistoryPrograms(db, adminId, since);

  const alice = await applyPartner(db, { name: "Alice Media", email: "alice@example.com", password, website: "https://alice-media.example.com", promotionMethods: "Casino review site and newsletter" });
  const bob = await applyPartner(db, { name: "Bob's Betting Tips", email: "bob@example.com", password, website: "https://bobtips.example.com", promotionMethods: "YouTube and Telegram" });
  await applyPartner(db, { name: "Carol Reviews", email: "carol@example.com", password, website: "https://carol.example.com", promotionMethods: "SEO comparison pages" });
  for (const p of [alice, bob]) await reviewPartner(db, { partnerId: p.partnerId, decision: "approve", actorId: adminId });
  // The documented demo link: Alice's casino link answers at /r/demo.
  const partnerLinks = await db.select().from(links);
  const aliceCasino = partnerLinks.find((l) => l.partnerId === alice.partnerId && l.offerId === casino);
  if (aliceCasino) await db.update(links).set({ code: "demo" }).where(eq(links.id, aliceCasino.id));
  const otherAlice = partnerLinks.find((l) => l.partnerId === alice.partnerId && l.offerId === forex);
  if (otherAlice) await db.update(links).set({ code: "alice-fx" }).where(eq(links.id, otherAlice.id));
  const all = await db.select().from(links);

  const random = rng(42);
  const agents = ["Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/140.0 Safari/537.36"];
  for (let i = 0; i < 48; i++) {
    const link = all[Math.floor(i / 2) % all.length];
    if (!link) continue;
    const at = new Date(now.getTime() - Math.floor(random() * 20 * DAY) - DAY);
    const click = await recordClick(db, {
      code: link.code,
      ip: `203.0.113.${1 + Math.floor(random() * 250)}`,
      userAgent: agents[i % 2] ?? null,
      referrer: "https://alice-media.example.com/best-casinos",
      subs: [i % 3 === 0 ? "newsletter" : "review-page", null, null, null, null],
      now: at,
    });
    if (!click.found || i % 3 === 2) continue;
    const later = new Date(Math.min(at.getTime() + Math.floor(random() * 2 * DAY), now.getTime() - 2 * 3_600_000));
    await recordPostback(db, { token: postbackToken, click_id: click.clickId, event: "registration", txn_id: `reg-${i}`, occurred_at: later.toISOString() }, { now: later });
    if (i % 2 === 0) {
      const deposit = new Date(later.getTime() + 3_600_000 - Math.floor(random() * 3_000_000));
      await recordPostback(db, { token: postbackToken, click_id: click.clickId, event: "ftd", txn_id: `ftd-${i}`, amount: (50 + Math.floor(random() * 450)).toString(), currency: link.offerId === forex ? "EUR" : "USD", occurred_at: deposit.toISOString() }, { now: deposit });
    }
  }
  // Four months of traffic behind the dashboards' charts and the reports.
  await seedTraffic(db, { now, links: all.filter((l) => l.offerId === casino || l.offerId === forex), postbackToken, currencyOf: (offerId) => (offerId === forex ? "EUR" : "USD"), random });
  // A coupon of Bob's, and a player bound to Alice whose later deposit carries only the customer id.
  await db.insert(coupons).values({ programId, offerId: casino, partnerId: bob.partnerId, code: "BOBTIPS" });
  const bound = await recordClick(db, { code: "demo", ip: "203.0.113.200", userAgent: agents[0] ?? null, referrer: null, subs: ["vip"], now: new Date(now.getTime() - 5 * DAY) });
  if (bound.found) {
    const at = new Date(now.getTime() - 5 * DAY + 600_000);
    await recordPostback(db, { token: postbackToken, click_id: bound.clickId, customer_id: "player-1001", event: "registration", txn_id: "reg-player-1001", occurred_at: at.toISOString() }, { now: at });
    await drainOutbox(db);
    const later = new Date(now.getTime() - DAY);
    await recordPostback(db, { token: postbackToken, customer_id: "player-1001", event: "ftd", txn_id: "ftd-player-1001", amount: "300.00", occurred_at: later.toISOString() }, { now: later });
  }
  await recordPostback(db, { token: postbackToken, coupon: "bobtips", event: "ftd", txn_id: "ftd-coupon-1", amount: "120.00", occurred_at: new Date(now.getTime() - 3 * DAY).toISOString() }, { now: new Date(now.getTime() - 3 * DAY) });
  await drainOutbox(db);

  // Multi-touch journeys: one visitor cookie clicks Bob's casino link, then Alice's, and the postback reports
  // Alice's click. The first is decided under the default last click; then the program switches to
  // position based, which decides the second and would re-split the first (the re-attribution preview).
  const bobCasino = all.find((l) => l.partnerId === bob.partnerId && l.offerId === casino);
  const journey = async (txn: string, amount: string, touches: { code: string; daysAgo: number; subs: (string | null)[] }[]) => {
    let visitorId: string | null = null;
    let last: { clickId: string; at: Date } | null = null;
    for (const t of touches) {
      const at = new Date(now.getTime() - t.daysAgo * DAY);
      const c = await recordClick(db, { code: t.code, ip: "198.51.100.24", userAgent: agents[1] ?? null, referrer: null, subs: t.subs, visitorId, now: at });
      if (!c.found) return;
      visitorId = c.visitorId;
      last = { clickId: c.clickId, at };
    }
    if (!last) return;
    const at = new Date(last.at.getTime() + 2 * 3_600_000);
    await recordPostback(db, { token: postbackToken, click_id: last.clickId, event: "ftd", txn_id: txn, amount, currency: "USD", occurred_at: at.toISOString() }, { now: at });
    await drainOutbox(db);
  };
  if (bobCasino) {
    await journey("ftd-journey-1", "180.00", [
      { code: bobCasino.code, daysAgo: 9, subs: ["youtube", null, null, null, null] },
      { code: "demo", daysAgo: 8, subs: ["newsletter", null, null, null, null] },
    ]);
    await setProgramAttribution(db, { programId, model: { model: "position_based", firstShare: 0.4, lastShare: 0.4 }, priority: ["click", "customer_binding", "coupon"] });
    await journey("ftd-journey-2", "250.00", [
      { code: bobCasino.code, daysAgo: 6, subs: ["telegram", "casino-week", null, null, null] },
      { code: "demo", daysAgo: 5, subs: ["newsletter", null, null, null, null] },
      { code: "demo", daysAgo: 4, subs: ["review-page", "top10", null, null, null] },
    ]);
  }

  // Where Alice and Bob want to be paid; Carol has not said yet.
  await savePayoutDetails(db, alice.partnerId, { method: "bank_transfer", accountHolder: "Alice Media Ltd", iban: "GB82 WEST 1234 5698 7654 32", bic: "WESTGB2L" });
  await savePayoutDetails(db, bob.partnerId, { method: "paypal", email: "payouts@bobtips.example.com" });

  // A year on the iGaming and Forex IB programs: NGR settled monthly, lot rebates with a sub-IB override.
  await seedHistory(db, history, { alice: alice.partnerId, bob: bob.partnerId, adminId }, now, random);

  // Some history: approvals, one rejection, one paid batch; the rest waits in the queue.
  const accrued = await db.select({ id: commissions.id, currency: commissions.currency }).from(commissions).orderBy(commissions.id);
  const usd = accrued.filter((c) => c.currency === "USD").map((c) => c.id);
  if (usd.length >= 4) {
    await approveCommissions(db, { commissionIds: usd.slice(0, 3), actorId: adminId });
    const batch = await createPayoutBatch(db, { currency: "USD", actorId: adminId });
    if (batch.batchId) {
      await approvePayoutBatch(db, { batchId: batch.batchId, actorId: adminId });
      await markBatchPaid(db, { batchId: batch.batchId, reference: "WIRE-2026-001", actorId: adminId });
    }
    await approveCommissions(db, { commissionIds: [usd[3] as string], actorId: adminId });
    if (usd[4]) await rejectCommissions(db, { commissionIds: [usd[4]], actorId: adminId, reason: "Duplicate player account" });
  }
  // From here on the casino holds commissions for 30 days and then approves them unless fraud checks object.
  await db.update(offers).set({ holdDays: 30, autoApprove: true }).where(eq(offers.id, casino));
  // An operator webhook to look at (Settings > Webhooks), disabled: the demo has no receiver to send to.
  await db.insert(webhookEndpoints).values({ id: newId("webhookEndpoint"), url: "https://crm.example.com/hooks/touchpoint", description: "CRM sync (example)", events: ["partner.approved", "commission.approved", "payout_batch.paid"], enabled: false, secret: newWebhookSecret() });
  return { password, admin: "admin@example.com", partners: ["alice@example.com", "bob@example.com"], pending: "carol@example.com", postbackToken };
}
