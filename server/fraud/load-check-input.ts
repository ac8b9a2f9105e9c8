import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db/client";
import { attributions, clicks, conversions, fraudChecks, type FraudStatus, type StoredCheckFacts } from "@/db/schema";
import { asnOf, datacenterRanges } from "./asn";
import { liveBlocks, withBlocks } from "./blocks";
import { hashEmail } from "./hash-email";
import { REVERSING_EVENTS } from "@/server/shared/conversion-events";
import { loadHistories, offerMedianClicksPerConversion, type History, type HistoryQuery } from "./load-history";
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
 * What a batch of checks reads once (settings, blocks; nothing the checks write), and the order the batch claimed
 * its conversions in: each check counts the conversions claimed after its own as still pending (see
 * HistoryQuery.position).
 */
export type CheckOptions = { claimed?: readonly string[]; memo?: Map<string, Promise<unknown>> };

/** `load()` once per key within one batch's memo; without a memo, every call reads. */
function once<T>(memo: CheckOptions["memo"], key: string, load: () => Promise<T>): Promise<T> {
  if (!memo) return load();
  let hit = memo.get(key) as Promise<T> | undefined;
  if (!hit) memo.set(key, (hit = load()));
  return hit;
}

const conversionColumns = {
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
};

async function loadConversions(db: DbOrTx, conversionIds: readonly string[]) {
  return db
    .select(conversionColumns)
    .from(conversions)
    .leftJoin(attributions, and(eq(attributions.conversionId, conversions.id), isNull(attributions.supersededAt)))
    .leftJoin(fraudChecks, eq(fraudChecks.conversionId, conversions.id))
    .where(inArray(conversions.id, [...conversionIds]));
}

type Conversion = Awaited<ReturnType<typeof loadConversions>>[number];

/** The id of the credited partner's own click: their latest touch of the journey, else the reported click. */
function partnersClickId(conv: Conversion, partnerId: string): string | null {
  const own = (conv.touchpoints ?? []).filter((t) => t.partnerId === partnerId).sort((a, b) => a.at.localeCompare(b.at));
  return own.at(-1)?.clickId ?? conv.clickId;
}

type Identity = { ip: string | null; emailHash: string | null };

/**
 * Each customer's IP and e-mail hash: the event's own, else the ones an earlier event of the customer reported
 * (the registration's IP first). One statement for all the conversions that need the lookup.
 */
async function customerIdentities(db: DbOrTx, convs: readonly Conversion[]): Promise<Map<string, Identity>> {
  const out = new Map<string, Identity>();
  const ask: { id: string; program_id: string; customer_id: string }[] = [];
  for (const c of convs) {
    if ((c.customerIp && c.customerEmailHash) || !c.customerId) out.set(c.id, { ip: c.customerIp, emailHash: c.customerEmailHash });
    else ask.push({ id: c.id, program_id: c.programId, customer_id: c.customerId });
  }
  if (ask.length === 0) return out;
  const rows = rowsOf<{ id: string; ip: string | null; email_hash: string | null }>(
    await db.execute(sql`
      select x.id,
        (select host(customer_ip) from conversions where program_id = x.program_id and customer_id = x.customer_id and customer_ip is not null
          order by (event = 'registration') desc, occurred_at limit 1) as ip,
        (select customer_email_hash from conversions where program_id = x.program_id and customer_id = x.customer_id and customer_email_hash is not null
          order by occurred_at limit 1) as email_hash
      from jsonb_to_recordset(${JSON.stringify(ask)}::jsonb) as x(id text, program_id text, customer_id text)`),
  );
  const found = new Map(rows.map((r) => [r.id, r]));
  for (const c of convs) {
    if (out.has(c.id)) continue;
    const row = found.get(c.id);
    out.set(c.id, { ip: c.customerIp ?? row?.ip ?? null, emailHash: c.customerEmailHash ?? row?.email_hash ?? null });
  }
  return out;
}

type PartnerIdentity = { ips: string[]; emailHashes: string[] };

/** Each partner's own identities: their login e-mail, and the addresses they signed in to the portal from. */
async function partnerIdentities(db: DbOrTx, partnerIds: readonly string[]): Promise<Map<string, PartnerIdentity>> {
  const out = new Map<string, PartnerIdentity>(partnerIds.map((id) => [id, { ips: [], emailHashes: [] }]));
  if (partnerIds.length === 0) return out;
  const rows = rowsOf<{ id: string; email: string; ip: string | null }>(
    await db.execute(sql`
      select p.id, u.email, la.ip from partners p join users u on u.id = p.user_id
      left join lateral (
        select ip from login_attempts where email = u.email and succeeded group by ip order by max(attempted_at) desc limit 100
      ) la on true
      where p.id in (select jsonb_array_elements_text(${JSON.stringify(partnerIds)}::jsonb))`),
  );
  const emails = new Map<string, string>();
  for (const r of rows) {
    emails.set(r.id, r.email);
    if (r.ip) out.get(r.id)?.ips.push(r.ip);
  }
  for (const [id, email] of emails) out.get(id)!.emailHashes.push(hashEmail(email));
  return out;
}

/** Partner identities through the batch's memo: the ones not read yet are read together. */
async function partnerIdentitiesOnce(db: DbOrTx, memo: CheckOptions["memo"], partnerIds: readonly string[]): Promise<Map<string, PartnerIdentity>> {
  const ids = [...new Set(partnerIds)];
  if (!memo) return partnerIdentities(db, ids);
  const missing = ids.filter((id) => !memo.has(`partner:${id}`));
  if (missing.length > 0) {
    const read = partnerIdentities(db, missing);
    for (const id of missing) memo.set(`partner:${id}`, read.then((m) => m.get(id)!));
  }
  return new Map(await Promise.all(ids.map(async (id) => [id, (await memo.get(`partner:${id}`)) as PartnerIdentity] as const)));
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
  const [loaded] = await loadCheckInputs(db, [conversionId], opts);
  return loaded!;
}

/**
 * The same for many conversions with a few statements for all of them (each step below reads the whole batch
 * at once), in the order of `conversionIds`. A conversion that is not found fails the lot.
 */
export async function loadCheckInputs(db: DbOrTx, conversionIds: readonly string[], opts: CheckOptions = {}): Promise<LoadedCheck[]> {
  if (conversionIds.length === 0) return [];
  const found = new Map((await loadConversions(db, conversionIds)).map((c) => [c.id, c]));
  const out = new Map<string, LoadedCheck>();
  const todo: (Conversion & { partnerId: string })[] = [];
  for (const conversionId of conversionIds) {
    const conv = found.get(conversionId);
    if (!conv) throw new Error(`conversion ${conversionId} not found`);
    if (conv.checkId !== null && conv.checkAction !== null) {
      out.set(conversionId, { skip: null, stored: { checkId: conv.checkId, action: conv.checkAction, score: conv.checkScore ?? 0, fraudStatus: conv.fraudStatus, codes: (conv.checkHits ?? []).map((h) => h.code) } });
    } else if ((REVERSING_EVENTS as readonly string[]).includes(conv.event)) out.set(conversionId, { skip: "refunds and chargebacks are not checked" });
    else if (conv.status !== "attributed" || !conv.partnerId) out.set(conversionId, { skip: "not attributed to a partner" });
    else if (!todo.some((t) => t.id === conv.id)) todo.push({ ...conv, partnerId: conv.partnerId });
  }
  if (todo.length === 0) return conversionIds.map((id) => out.get(id)!);

  const clickIds = [...new Set(todo.flatMap((c) => partnersClickId(c, c.partnerId) ?? []))];
  const [configs, blocks, clickRows, customers, partners] = await Promise.all([
    Promise.all([...new Map(todo.map((c) => [c.offerId, c.programId])).entries()].map(async ([offerId, programId]) => [offerId, await once(opts.memo, `config:${offerId}`, () => offerConfig(db, programId, offerId))] as const)).then((e) => new Map(e)),
    Promise.all([...new Set(todo.map((c) => c.programId))].map(async (programId) => [programId, await once(opts.memo, `blocks:${programId}`, () => liveBlocks(db, programId))] as const)).then((e) => new Map(e)),
    clickIds.length > 0 ? db.select().from(clicks).where(inArray(clicks.id, clickIds)) : Promise.resolve([] as ClickRow[]),
    customerIdentities(db, todo),
    partnerIdentitiesOnce(db, opts.memo, todo.map((c) => c.partnerId)),
  ]);
  const clickOf = new Map(clickRows.map((c) => [c.id, c]));
  const positions = new Map((opts.claimed ?? []).map((id, n) => [id, n + 1]));

  const prepared = todo.map((conv) => {
    const partnerId = conv.partnerId;
    const clickId = partnersClickId(conv, partnerId);
    const row = clickId ? clickOf.get(clickId) : undefined;
    const click = row && row.partnerId === partnerId ? row : null;
    const { config: offerSettings, allowedCountries } = configs.get(conv.offerId)!;
    const config = withBlocks(offerSettings, blocks.get(conv.programId)!, partnerId);
    const customer = customers.get(conv.id)!;
    const r = config.rules;
    const query: HistoryQuery = {
      programId: conv.programId,
      offerId: conv.offerId,
      partnerId,
      conversionId: conv.id,
      position: positions.get(conv.id),
      at: conv.occurredAt,
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
    };
    return { conv, partnerId, click, config, allowedCountries, customer, query };
  });
  const [histories, medians] = await Promise.all([
    loadHistories(db, prepared.map((p) => p.query), opts.claimed ?? []),
    Promise.all(prepared.map((p) => offerMedianClicksPerConversion(db, { offerId: p.conv.offerId, at: p.conv.occurredAt, days: p.config.rules.click_spam.windowDays }))),
  ]);
  for (const [n, p] of prepared.entries()) out.set(p.conv.id, assemble(p, histories[n]!, medians[n]!, partners.get(p.partnerId)!));
  return conversionIds.map((id) => out.get(id)!);
}

type Prepared = { conv: Conversion; partnerId: string; click: ClickRow | null; config: FraudConfig; allowedCountries: string[]; customer: Identity };

/** The engine's input and the facts stored with the result, from what was read. */
function assemble({ conv, partnerId, click, config, allowedCountries, customer }: Prepared, history: History, median: number | null, partner: PartnerIdentity): LoadedCheck {
  const at = conv.occurredAt;
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
  return { skip: null, stored: null, target: { conversionId: conv.id, programId: conv.programId, offerId: conv.offerId, partnerId, clickId: click?.id ?? null }, input, config, facts };
}
