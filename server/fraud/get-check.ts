import { and, asc, desc, eq, inArray, isNull, notInArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { attributions, clickFraudFindings, clicks, commissions, conversions, fraudAppeals, fraudBlocks, fraudChecks, offers, partners, users, type LedgerEntryType } from "@/db/schema";
import { lastEntryType, statusOf } from "@/server/commissions/commission-status";
import { DomainError } from "@/server/errors";
import { asnOf } from "./asn";
import { partnerReasons } from "./labels";

/** Clicks shown around the attributed one: enough to see a burst without paging through it. */
const NEIGHBOURS = 25;

const clickColumns = {
  id: clicks.id,
  at: clicks.createdAt,
  partnerId: clicks.partnerId,
  linkId: clicks.linkId,
  ip: clicks.ip,
  userAgent: clicks.userAgent,
  country: clicks.country,
  isBot: clicks.isBot,
  visitorId: clicks.visitorId,
  sub1: clicks.sub1,
  sub2: clicks.sub2,
  sub3: clicks.sub3,
  sub4: clicks.sub4,
  sub5: clicks.sub5,
  findings: clickFraudFindings.hits,
};

const clicksWhere = (db: DbOrTx, where: SQL | undefined) => db.select(clickColumns).from(clicks).leftJoin(clickFraudFindings, eq(clickFraudFindings.clickId, clicks.id)).where(where);
type ClickRow = Awaited<ReturnType<typeof clicksWhere>>[number];
const noClicks = Promise.resolve([] as ClickRow[]);

/**
 * One review item with its evidence: the rule outputs, the conversion and its commissions, the journey's
 * clicks (with what the click sweep found on each and the network they came from), other recent clicks from
 * the same IP (outside the journey, any link), the partner's appeals, and the live blocks that would match.
 */
export async function getCheck(db: DbOrTx, checkId: string) {
  const [row] = await db
    .select({ check: fraudChecks, partnerName: partners.name, offerName: offers.name, decidedByName: users.name })
    .from(fraudChecks)
    .innerJoin(partners, eq(partners.id, fraudChecks.partnerId))
    .innerJoin(offers, eq(offers.id, fraudChecks.offerId))
    .leftJoin(users, eq(users.id, fraudChecks.decidedBy))
    .where(eq(fraudChecks.id, checkId));
  if (!row) throw new DomainError("NOT_FOUND", "Fraud check not found");
  const { check } = row;
  const [conversion] = await db
    .select({
      id: conversions.id,
      event: conversions.event,
      txnId: conversions.txnId,
      amount: conversions.amount,
      currency: conversions.currency,
      occurredAt: conversions.occurredAt,
      createdAt: conversions.createdAt,
      customerId: conversions.customerId,
      customerIp: conversions.customerIp,
      source: conversions.source,
      fraudStatus: conversions.fraudStatus,
      commissionNote: conversions.commissionNote,
      touchpoints: attributions.touchpoints,
    })
    .from(conversions)
    .leftJoin(attributions, and(eq(attributions.conversionId, conversions.id), isNull(attributions.supersededAt)))
    .where(eq(conversions.id, check.conversionId));
  if (!conversion) throw new DomainError("NOT_FOUND", "Conversion not found");
  const { touchpoints, ...conv } = conversion;

  const journeyIds = [...new Set([...(touchpoints ?? []).map((t) => t.clickId), ...(check.clickId ? [check.clickId] : [])])];
  const attributed = check.facts.click;
  const [journey, sameIp, coms, appeals, blocks] = await Promise.all([
    journeyIds.length === 0 ? noClicks : clicksWhere(db, inArray(clicks.id, journeyIds)).orderBy(asc(clicks.createdAt)),
    attributed?.ip
      ? clicksWhere(db, and(sql`${clicks.ip} = ${attributed.ip}::inet`, notInArray(clicks.id, [attributed.id, ...journeyIds]), sql`${clicks.createdAt} <= ${attributed.at}::timestamptz + interval '1 day'`))
          .orderBy(desc(clicks.createdAt))
          .limit(NEIGHBOURS)
      : noClicks,
    db
      .select({ id: commissions.id, partnerId: commissions.partnerId, kind: commissions.kind, amount: commissions.amount, currency: commissions.currency, last: lastEntryType })
      .from(commissions)
      .where(eq(commissions.conversionId, check.conversionId))
      .orderBy(asc(commissions.id)),
    db
      .select({ appeal: fraudAppeals, repliedByName: users.name })
      .from(fraudAppeals)
      .leftJoin(users, eq(users.id, fraudAppeals.repliedBy))
      .where(eq(fraudAppeals.checkId, check.id))
      .orderBy(asc(fraudAppeals.createdAt)),
    db.select().from(fraudBlocks).where(and(eq(fraudBlocks.programId, check.programId), isNull(fraudBlocks.revokedAt))),
  ]);
  const withNetwork = (c: ClickRow) => {
    const asn = asnOf(c.ip);
    return { ...c, asn: asn?.asn ?? null, asOrganisation: asn?.organisation ?? null, hosting: asn?.hosting ?? false };
  };
  const subIds = attributed?.subIds.filter((s): s is string => s !== null) ?? [];
  return {
    check: { ...check, partnerName: row.partnerName, offerName: row.offerName, decidedByName: row.decidedByName },
    partnerReasons: partnerReasons(check.hits),
    conversion: conv,
    journey: journey.map(withNetwork),
    sameIpClicks: sameIp.map(withNetwork),
    commissions: coms.map(({ last, ...c }) => ({ ...c, status: statusOf(last as LedgerEntryType | null) })),
    appeals: appeals.map((a) => ({ ...a.appeal, repliedByName: a.repliedByName })),
    /** What "block" would add: already-blocked values are marked so the dialog does not offer them twice. */
    blockable: {
      ip: attributed?.ip ?? null,
      ipBlocked: blocks.some((b) => b.kind === "ip" && b.value === attributed?.ip),
      subIds: subIds.map((value) => ({ value, blocked: blocks.some((b) => b.kind === "sub_id" && b.partnerId === check.partnerId && b.value === value) })),
    },
  };
}
