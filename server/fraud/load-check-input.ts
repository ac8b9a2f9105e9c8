import { and, eq, isNull, sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db/client";
import { attributions, clicks, conversions, fraudChecks, type FraudStatus, type StoredCheckFacts } from "@/db/schema";
import { asnOf, datacenterRanges } from "./asn";
import { liveBlocks, withBlocks } from "./blocks";
import { hashEmail } from "./hash-email";
import { REVERSING_EVENTS } from "@/server/shared/conversion-events";
import { loadHistory, offerMedianClicksPerConversion } from "./load-history";
import type { FraudConfig } from "./rules/config";
import type { ClickFacts, FraudAction, FraudInput } from "./rules/types";
import { offerConfig } from "./settings";

/**
 * Events a click drives directly, for which a very late conversion is suspicious (cookie stuffing). Deposits,
 * FTDs, trades and NGR follow a customer's registration by weeks or months and are judged by other rules.
 */
export const CLICK_DRIVEN_EVENTS = ["lead", "registration", "signup", "install", "sale"];


export type CheckTarget = { conversionId: string; programId: string; offerId: string; partnerId: string; clickId: string | null };
/** A check stored already (by an earlier run of the job): final until an admin reviews it. */
export type StoredCheck = { checkId: string; action: FraudAction; score: number; fraudStatus: FraudStatus; codes: string[] };
export type LoadedCheck = { skip: null; stored: null; target: CheckTarget; input: FraudInput; config: FraudConfig; facts: StoredCheckFacts } | { skip: string } | { skip: null; stored: StoredCheck };

type ClickRow = typeof clicks.$inferSelect;

/**
 * What a batch of checks reads once (settings, blocks, partner identities; nothing the checks write), and the
 * conversions each check must count as still pending (see HistoryQuery.notYet).
 */
export type CheckOptions = { notYet?: readonly string[]; memo?: Map<string, Promise<unknown>> };

/** `load()` once per key within one batch's memo; without a memo, every call reads. */
function once<T>(memo: CheckOptions["memo"], key: string, load: () => Promise<T>): Promise<T> {
  if (!memo) return load();
  let hit = memo.get(key) as Promise<T> | undefined;
  if (!hit) memo.set(key, (hit = load()));
  return hit;
}

async function loadConversion(db: DbOrTx, conversionId: string) {
  const [row] = await db
    .select({
      id: conversions.id,
      programId: conversions.programId,
      offerId: conversions.offerId,
      partnerId: conversions.partnerId,
      status: conversions.attributionStatus,
      event: conversions.event,
      occurredAt: conversions.occurredAt,
      clickId: conversions.clickId,
      customerId: conversions.customerId,
      customerIp: conversions.customerIp,
      customerEmailHash: conversions.customerEmailHash,
      source: conversions.source,
      reporterIp: conversions.reporterIp,
      reporterVisitorId: conversions.reporterVisitorId,
      touchpoints: attributions.touchpoints,
      fraudStatus: conversions.fraudStatus,
      checkId: fraudChecks.id,
      checkAction: fraudChecks.action,
      checkScore: fraudChecks.score,
      checkHits: fraudChecks.hits,
    })
    .from(conversions)
    .leftJoin(attributions, and(eq(attributions.conversionId, conversions.id), isNull(attributions.supersededAt)))
    .leftJoin(fraudChecks, eq(fraudChecks.conversionId, conversions.id))
    .where(eq(conversions.id, conversionId));
  return row;
}

type Conversion = NonNullable<Awaited<ReturnType<typeof loadConversion>>>;

/** The credited partner's own click: their latest touch of the journey, else the reported click if it is theirs. */
async function partnersClick(db: DbOrTx, conv: Conversion, partnerId: string): Promise<ClickRow | null> {
  const own = (conv.touchpoints ?? []).filter((t) => t.partnerId === partnerId).sort((a, b) => a.at.localeCompare(b.at));
  const clickId = own.at(-1)?.clickId ?? conv.clickId;
  if (!clickId) return null;
  const [row] = await db.select().from(clicks).where(eq(clicks.id, clickId));
  return row && row.partnerId === partnerId ? row : null;
}

/** The customer's IP and e-mail hash: this event's, else the ones an earlier event of the customer reported. */
async function customerIdentity(db: DbOrTx, conv: Conversion): Promise<{ ip: string | null; emailHash: string | null }> {
  if ((conv.customerIp && conv.customerEmailHash) || !conv.customerId) return { ip: conv.customerIp, emailHash: conv.customerEmailHash };
  const [row] = rowsOf<{ ip: string | null; email_hash: string | null }>(
    await db.execute(sql`
      select
        (select host(customer_ip) from conversions where program_id = ${conv.programId} and customer_id = ${conv.customerId} and customer_ip is not null
          order by (event = 'registration') desc, occurred_at limit 1) as ip,
        (select customer_email_hash from conversions where program_id = ${conv.programId} and customer_id = ${conv.customerId} and customer_email_hash is not null
          order by occurred_at limit 1) as email_hash`),
  );
  return { ip: conv.customerIp ?? row?.ip ?? null, emailHash: conv.customerEmailHash ?? row?.email_hash ?? null };
}

/** The partner's own identities: their login e-mail, and the addresses they signed in to the portal from. */
async function partnerIdentity(db: DbOrTx, partnerId: string): Promise<{ ips: string[]; emailHashes: string[] }> {
  const rows = rowsOf<{ email: string; ip: string | null }>(
    await db.execute(sql`
      select u.email, la.ip from partners p join users u on u.id = p.user_id
      left join lateral (
        select ip from login_attempts where email = u.email and succeeded group by ip order by max(attempted_at) desc limit 100
      ) la on true
      where p.id = ${partnerId}`),
  );
  const email = rows[0]?.email;
  return { ips: rows.flatMap((r) => (r.ip ? [r.ip] : [])), emailHashes: email ? [hashEmail(email)] : [] };
}

const subsOf = (c: ClickRow) => [c.sub1, c.sub2, c.sub3, c.sub4, c.sub5];

export function clickFacts(c: ClickRow): ClickFacts {
  return { id: c.id, at: c.createdAt, ip: c.ip, visitorId: c.visitorId, isBot: c.isBot, country: c.country, subIds: subsOf(c) };
}

/**
 * Everything the engine needs about one conversion, read from the database: the credited partner's click and
 * its neighbours, the customer, the partner's own identities and statistics, each over the window its rule
 * is configured with. Refunds, chargebacks and unattributed conversions are not checked (`skip` says why).
 */
export async function loadCheckInput(db: DbOrTx, conversionId: string, opts: CheckOptions = {}): Promise<LoadedCheck> {
  const conv = await loadConversion(db, conversionId);
  if (!conv) throw new Error(`conversion ${conversionId} not found`);
  if (conv.checkId !== null && conv.checkAction !== null) {
    return { skip: null, stored: { checkId: conv.checkId, action: conv.checkAction, score: conv.checkScore ?? 0, fraudStatus: conv.fraudStatus, codes: (conv.checkHits ?? []).map((h) => h.code) } };
  }
  if ((REVERSING_EVENTS as readonly string[]).includes(conv.event)) return { skip: "refunds and chargebacks are not checked" };
  if (conv.status !== "attributed" || !conv.partnerId) return { skip: "not attributed to a partner" };
  const partnerId = conv.partnerId;
  const at = conv.occurredAt;

  const [{ config: offerSettings, allowedCountries }, blocks, click, customer, partner] = await Promise.all([
    once(opts.memo, `config:${conv.offerId}`, () => offerConfig(db, conv.programId, conv.offerId)),
    once(opts.memo, `blocks:${conv.programId}`, () => liveBlocks(db, conv.programId)),
    partnersClick(db, conv, partnerId),
    customerIdentity(db, conv),
    once(opts.memo, `partner:${partnerId}`, () => partnerIdentity(db, partnerId)),
  ]);
  const config = withBlocks(offerSettings, blocks, partnerId);
  const r = config.rules;

  const [history, median] = await Promise.all([
    loadHistory(db, {
      programId: conv.programId,
      offerId: conv.offerId,
      partnerId,
      conversionId,
      notYet: opts.notYet,
      at,
      click: click ? { linkId: click.linkId, ip: click.ip, visitorId: click.visitorId, at: click.createdAt } : null,
      customerId: conv.customerId,
      customerIp: customer.ip,
      windows: {
        duplicateSeconds: r.duplicate_clicks.windowSeconds,
        customerDays: r.multi_partner_customer.windowDays,
        registrationSeconds: r.registration_burst.windowSeconds,
        clickSpamDays: r.click_spam.windowDays,
        refundDays: r.refund_rate.windowDays,
        followUpAfterDays: r.missing_follow_up.afterDays,
      },
    }),
    offerMedianClicksPerConversion(db, { offerId: conv.offerId, at, days: r.click_spam.windowDays }),
  ]);
  const { duplicates: dupes, customerConversions: customerConvs, registrationsFromIp: registrations, clickStats, refunds, followUp } = history;

  const clickDriven = CLICK_DRIVEN_EVENTS.includes(conv.event);
  const input: FraudInput = {
    conversion: { at, partnerId, clickDriven, ip: customer.ip, emailHash: customer.emailHash, source: conv.source, reporterIp: conv.reporterIp, reporterVisitorId: conv.reporterVisitorId },
    click: click ? clickFacts(click) : null,
    partner,
    offer: { allowedCountries, medianClicksPerConversion: median },
    datacenterRanges,
    history: {
      sameIpClickCount: dupes?.byIp,
      sameVisitorClickCount: dupes?.byVisitor,
      customerConversions: customerConvs,
      registrationsFromIp: registrations,
    },
    stats: { clicks: clickStats, refunds, followUp },
  };
  const asn = click ? asnOf(click.ip) : null;
  const facts: StoredCheckFacts = {
    event: conv.event,
    occurredAt: at.toISOString(),
    clickDriven,
    customerIp: customer.ip,
    click: click
      ? { id: click.id, at: click.createdAt.toISOString(), ip: click.ip, userAgent: click.userAgent, country: click.country, isBot: click.isBot, visitorId: click.visitorId, subIds: subsOf(click), asn: asn?.asn ?? null, asOrganisation: asn?.organisation ?? null }
      : null,
    ctitSeconds: click ? (at.getTime() - click.createdAt.getTime()) / 1000 : null,
    counts: {
      clicksFromIp: dupes?.byIp ?? null,
      clicksFromVisitor: dupes?.byVisitor ?? null,
      customerPartners: customerConvs ? new Set([partnerId, ...customerConvs.map((c) => c.partnerId)]).size : null,
      registrationsFromIp: registrations?.length ?? null,
      partnerClicks: clickStats.clicks,
      partnerConversions: clickStats.conversions,
      offerMedianClicksPerConversion: median,
      sales: refunds.sales,
      refunds: refunds.refunds,
      chargebacks: refunds.chargebacks,
      maturedRegistrations: followUp.matured,
      registrationsWithoutDeposit: followUp.withoutDeposit,
    },
  };
  return { skip: null, stored: null, target: { conversionId, programId: conv.programId, offerId: conv.offerId, partnerId, clickId: click?.id ?? null }, input, config, facts };
}
