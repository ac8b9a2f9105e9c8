import { bulkInsert } from "@/db/bulk-insert";
import type { Db } from "@/db/client";
import { newId } from "@/db/ids";
import { clicks, type links } from "@/db/schema";
import { recordPostback } from "@/server/conversions/record-postback";

const DAY = 86_400_000;
const COUNTRIES = ["US", "GB", "DE", "CA", "AU", "FR", "ES", "NL", "SE", "BR"];
const DEVICES: [string, string, string][] = [["mobile", "iOS", "Mobile Safari"], ["mobile", "Android", "Chrome"], ["desktop", "Windows", "Chrome"], ["desktop", "macOS", "Safari"], ["tablet", "iOS", "Mobile Safari"]];
const SUBS = ["newsletter", "review-page", "youtube", "telegram", "banner-top"];
const SOURCES = ["google", "newsletter", "youtube", "telegram", null];

/**
 * Four months of traffic for the demo's charts: clicks written in bulk (a growing trend, quieter weekends, a summer
 * campaign) and about one first deposit per 60 clicks reported through the postback use case, so commissions
 * are real. Sized to keep the first start quick (see the README's Reporting section for the measured cost).
 */
export async function seedTraffic(db: Db, opts: { now: Date; links: (typeof links.$inferSelect)[]; postbackToken: string; currencyOf: (offerId: string) => string; random: () => number; days?: number }) {
  const { now, random } = opts;
  const days = opts.days ?? 120;
  const rows: (typeof clicks.$inferInsert)[] = [];
  const converting: { id: string; at: Date; offerId: string }[] = [];
  for (let d = days; d >= 1; d--) {
    const day = new Date(now.getTime() - d * DAY);
    const weekday = day.getUTCDay();
    const trend = 6 + ((days - d) / days) * 18;
    const campaign = d > 40 && d < 55 ? 1.6 : 1;
    const perDay = Math.round(trend * campaign * (weekday === 0 || weekday === 6 ? 0.7 : 1) * (0.8 + random() * 0.4));
    for (let i = 0; i < perDay; i++) {
      const link = opts.links[Math.floor(random() * opts.links.length)];
      if (!link) continue;
      const [deviceType, os, browser] = DEVICES[Math.floor(random() * DEVICES.length)] ?? ["desktop", "Windows", "Chrome"];
      const id = newId("click");
      const at = new Date(day.getTime() + Math.floor(random() * DAY));
      rows.push({ id, linkId: link.id, partnerId: link.partnerId, offerId: link.offerId, visitorId: newId("visitor"), country: COUNTRIES[Math.floor(random() * random() * COUNTRIES.length)] ?? "US", deviceType, os, browser, isBot: random() < 0.02, sub1: SUBS[Math.floor(random() * SUBS.length)] ?? null, utmSource: SOURCES[Math.floor(random() * SOURCES.length)] ?? null, createdAt: at });
      if (random() < 1 / 60) converting.push({ id, at, offerId: link.offerId });
    }
  }
  for (let i = 0; i < rows.length; i += 2_000) await db.execute(bulkInsert(clicks, rows.slice(i, i + 2_000)));
  for (const [n, c] of converting.entries()) {
    const at = new Date(Math.min(c.at.getTime() + Math.floor(random() * DAY), now.getTime() - 3_600_000));
    await recordPostback(db, { token: opts.postbackToken, click_id: c.id, event: "ftd", txn_id: `hist-ftd-${n}`, amount: (40 + Math.floor(random() * 300)).toString(), currency: opts.currencyOf(c.offerId), occurred_at: at.toISOString() }, { now: at });
  }
  return { clicks: rows.length, conversions: converting.length };
}
