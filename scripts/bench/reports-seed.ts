/**
 * The seed of `npm run bench:reports` (scripts/bench/reports.ts): a program with OFFERS offers and PARTNERS
 * partners through the test factories, then CLICKS clicks over DAYS days and CONVERSIONS conversions by COPY,
 * skewed so that a few partners, offers and countries carry most of the traffic.
 */
import type postgres from "postgres";
import type { Db } from "@/db/client";
import { newId } from "@/db/ids";
import { links, offers } from "@/db/schema";
import { makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { copyInto, idFactory, inChunks, prng } from "./journeys";

export const CLICKS = Number(process.env.BENCH_CLICKS ?? 10_000_000);
export const CONVERSIONS = Number(process.env.BENCH_CONVERSIONS ?? Math.round(CLICKS * 0.03));
export const PARTNERS = Number(process.env.BENCH_PARTNERS ?? 200);
export const OFFERS = Number(process.env.BENCH_OFFERS ?? 20);
export const DAYS = Number(process.env.BENCH_DAYS ?? 90);
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const CHUNK_ROWS = 10_000;

export const COUNTRIES = "US GB DE FR ES IT NL SE NO DK FI PL CZ AT CH BE IE PT GR HU RO BG HR SI SK LT LV EE CA MX BR AR CL CO AU NZ JP KR IN ZA".split(" ");
export const AGENTS = [
  { ua: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36", device: "desktop", os: "Windows", browser: "Chrome" },
  { ua: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", device: "mobile", os: "iOS", browser: "Mobile Safari" },
  { ua: "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36", device: "mobile", os: "Android", browser: "Mobile Chrome" },
  { ua: "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", device: "tablet", os: "iOS", browser: "Mobile Safari" },
];
export const CLICK_COLUMNS = ["id", "link_id", "partner_id", "offer_id", "visitor_id", "ip", "country", "user_agent", "device_type", "os", "browser", "is_bot", "sub1", "created_at"];
export const CONVERSION_COLUMNS = ["id", "program_id", "offer_id", "click_id", "partner_id", "source", "event", "txn_id", "amount", "currency", "occurred_at", "params", "attribution_status", "created_at"];

/** Weights 1/(i+1)^s as a cumulative table, so a few partners, offers and countries carry most of the traffic. */
export function zipf(n: number, s: number): Float64Array {
  const cum = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) cum[i] = total += 1 / (i + 1) ** s;
  for (let i = 0; i < n; i++) cum[i]! /= total;
  return cum;
}
export function pick(cum: Float64Array, r: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid]! < r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export type Program = { programId: string; offerIds: string[]; partnerIds: string[]; links: Map<string, { id: string; index: number }> };

/** Admin, program, OFFERS offers, PARTNERS approved partners through the domain code (partners get a link to every offer). */
export async function seedProgram(db: Db): Promise<Program> {
  const admin = await makeAdmin(db);
  const { programId, offerId } = await makeProgram(db);
  const offerIds = [offerId];
  for (let i = 1; i < OFFERS; i++) {
    const id = newId("offer");
    await db.insert(offers).values({ id, programId, name: `Offer ${i + 1}`, landingUrl: "https://lp.example.com/?cid={click_id}", currency: "USD" });
    offerIds.push(id);
  }
  for (let i = 0; i < PARTNERS; i += 4) {
    await Promise.all(Array.from({ length: Math.min(4, PARTNERS - i) }, () => makePartner(db, admin)));
  }
  const rows = await db.select({ id: links.id, partnerId: links.partnerId, offerId: links.offerId }).from(links);
  const partnerIds = [...new Set(rows.map((r) => r.partnerId))].sort();
  if (rows.length !== PARTNERS * OFFERS) throw new Error(`expected ${PARTNERS * OFFERS} links, got ${rows.length}`);
  return { programId, offerIds, partnerIds, links: new Map(rows.map((r, index) => [`${r.partnerId}/${r.offerId}`, { id: r.id, index }])) };
}

/** CLICKS clicks spread evenly over the hours of the last DAYS days and CONVERSIONS conversions on some of them, by COPY. */
export async function seedClicks(sql: postgres.Sql, p: Program, now: number): Promise<{ largestPartner: string }> {
  const rand = prng(20261205);
  const newIdAt = idFactory();
  const partnerCum = zipf(p.partnerIds.length, 0.9);
  const offerCum = zipf(p.offerIds.length, 0.7);
  const countryCum = zipf(COUNTRIES.length, 1.1);
  const visitors = Math.max(1, Math.round(CLICKS / 3));
  const start = now - DAYS * DAY_MS;
  const hours = DAYS * 24;
  const every = CLICKS / Math.max(1, CONVERSIONS);
  const conversions: string[] = [];
  const perPartner = new Map<string, number>();
  const runId = Date.now().toString(36);

  function* clickChunks(): Generator<string> {
    let lines: string[] = [];
    let made = 0;
    for (let h = 0; h < hours; h++) {
      const inHour = Math.round(((h + 1) * CLICKS) / hours) - made;
      for (let i = 0; i < inHour; i++, made++) {
        const at = Math.min(now - 60_000, start + h * HOUR_MS + Math.floor(rand() * HOUR_MS));
        const partnerId = p.partnerIds[pick(partnerCum, rand())]!;
        const offerId = p.offerIds[pick(offerCum, rand())]!;
        const link = p.links.get(`${partnerId}/${offerId}`)!;
        const agent = AGENTS[Math.floor(rand() * AGENTS.length)]!;
        const id = newIdAt("click", at);
        const sub1 = `l${link.index}s${1 + Math.floor(rand() * 5)}`;
        perPartner.set(partnerId, (perPartner.get(partnerId) ?? 0) + 1);
        lines.push(
          `${id}\t${link.id}\t${partnerId}\t${offerId}\tv${Math.floor(rand() * visitors)}\t203.0.113.${1 + Math.floor(rand() * 254)}\t${COUNTRIES[pick(countryCum, rand())]}\t${agent.ua}\t${agent.device}\t${agent.os}\t${agent.browser}\tf\t${sub1}\t${new Date(at).toISOString()}\n`,
        );
        if (conversions.length < CONVERSIONS && made >= conversions.length * every) {
          const occurred = Math.min(now - 1000, at + Math.floor(rand() * 2 * HOUR_MS));
          const cid = newIdAt("conversion", occurred);
          const amount = 5_000 + Math.floor(rand() * 15_000);
          const event = rand() < 0.8 ? "ftd" : "deposit";
          const o = new Date(occurred).toISOString();
          conversions.push(`${cid}\t${p.programId}\t${offerId}\t${id}\t${partnerId}\ts2s\t${event}\tbench-${runId}-${conversions.length}\t${amount}\tUSD\t${o}\t{}\tattributed\t${o}\n`);
        }
        if (lines.length >= CHUNK_ROWS) {
          yield lines.join("");
          lines = [];
          if (made % 1_000_000 < CHUNK_ROWS && made >= 1_000_000) process.stdout.write(`  ${made} clicks written\n`);
        }
      }
    }
    if (lines.length > 0) yield lines.join("");
  }

  await sql.begin(async (tx) => {
    await tx`set local maintenance_work_mem = '512MB'`;
    await copyInto(tx, "clicks", CLICK_COLUMNS, clickChunks());
    await copyInto(
      tx,
      "conversions",
      CONVERSION_COLUMNS,
      inChunks(conversions),
    );
  });
  const largestPartner = [...perPartner].sort((a, b) => b[1] - a[1])[0]![0];
  return { largestPartner };
}
