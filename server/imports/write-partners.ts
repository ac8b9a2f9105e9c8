import { and, eq, inArray, or } from "drizzle-orm";
import { newId } from "@/db/ids";
import { coupons, ledgerEntries, links, partnerPayoutDetails, partners, partnerStatusEvents, users } from "@/db/schema";
import { insertJson } from "./insert-json";
import { newLinkCode } from "@/server/offers/ensure-links";
import { newRecruitCode } from "@/server/partners/set-partner-status";
import type { PartnerRecord } from "./records";
import { firstOnly, importedReason, type BatchResult, type Pending, type WriteContext } from "./write-context";

/** Nobody can sign in with it (not an argon2 hash): imported partners choose a password through an invitation. */
const NO_PASSWORD = "!imported";

/**
 * Partners with their account (invited), status, tracking codes (each an alias of a link to the import's offer,
 * answering at /r/<code>), coupon, payout details and opening balance (an adjustment of the approved balance whose
 * reason names the import). Sponsors are set once the whole file is in (setSponsors), as a sponsor may come later.
 */
export async function writePartners(ctx: WriteContext, batch: Pending<PartnerRecord>[]): Promise<BatchResult> {
  const result: BatchResult = { created: [], refused: [], made: {}, balances: [] };
  let rows = firstOnly(batch, (r) => [r.email], "email", "e-mail", result.refused);
  rows = firstOnly(rows, (r) => r.codes, "code", "code", result.refused);
  rows = firstOnly(rows, (r) => (r.coupon ? [r.coupon] : []), "coupon", "coupon", result.refused);

  const emails = rows.map((p) => p.record.email);
  const codes = rows.flatMap((p) => p.record.codes);
  const couponCodes = rows.flatMap((p) => (p.record.coupon ? [p.record.coupon] : []));
  const takenEmails = new Set(emails.length ? (await ctx.db.select({ email: users.email }).from(users).where(inArray(users.email, emails))).map((r) => r.email) : []);
  const takenCodes = new Set<string>();
  if (codes.length) {
    for (const l of await ctx.db.select({ code: links.code, alias: links.alias }).from(links).where(or(inArray(links.code, codes), inArray(links.alias, codes)))) {
      takenCodes.add(l.code);
      if (l.alias) takenCodes.add(l.alias);
    }
  }
  const takenCoupons = new Set(
    couponCodes.length ? (await ctx.db.select({ code: coupons.code }).from(coupons).where(and(eq(coupons.programId, ctx.programId), inArray(coupons.code, couponCodes)))).map((r) => r.code) : [],
  );
  rows = rows.filter(({ row, record: r }) => {
    if (takenEmails.has(r.email)) result.refused.push({ row, column: "email", reason: `an account with e-mail ${r.email} already exists here` });
    else if (r.codes.some((c) => takenCodes.has(c))) result.refused.push({ row, column: "code", reason: `tracking code "${r.codes.find((c) => takenCodes.has(c))}" is already in use here` });
    else if (r.coupon && takenCoupons.has(r.coupon)) result.refused.push({ row, column: "coupon", reason: `coupon "${r.coupon}" already exists in this program` });
    else return true;
    return false;
  });
  if (rows.length === 0) return result;

  const reason = importedReason(ctx.label, ctx.importId);
  const made = rows.map(({ row, record: r }) => {
    const at = r.createdAt ?? ctx.now;
    return { row, r, userId: newId("user", at.getTime()), partnerId: newId("partner", at.getTime()), at };
  });
  await insertJson(ctx.db, users, made.map((m) => ({ id: m.userId, email: m.r.email, name: m.r.name, role: "partner" as const, status: "invited" as const, passwordHash: NO_PASSWORD, createdAt: m.at })));
  await insertJson(
    ctx.db,
    partners,
    made.map((m) => ({
      id: m.partnerId,
      userId: m.userId,
      name: m.r.name,
      website: m.r.website,
      company: m.r.company,
      country: m.r.country,
      status: m.r.status,
      statusReason: m.r.status === "approved" ? null : reason,
      reviewedAt: m.r.status === "approved" ? ctx.now : null,
      reviewNote: m.r.status === "approved" ? reason : null,
      recruitCode: m.r.status === "approved" ? newRecruitCode() : null,
      createdAt: m.at,
    })),
  );
  await insertJson(ctx.db, partnerStatusEvents, made.map((m) => ({ id: newId("partnerEvent"), partnerId: m.partnerId, fromStatus: null, toStatus: m.r.status, reason, createdAt: ctx.now })));
  // every partner gets a link to the import's offer; each old code is the alias of one
  const linkRows = made.flatMap((m) =>
    (m.r.codes.length ? m.r.codes : [null]).map((alias) => ({ id: newId("link"), code: newLinkCode(), alias, partnerId: m.partnerId, offerId: ctx.offerId, label: alias ? `Imported from ${ctx.label}` : null })),
  );
  await insertJson(ctx.db, links, linkRows);
  const withCoupon = made.filter((m) => m.r.coupon);
  if (withCoupon.length) await insertJson(ctx.db, coupons, withCoupon.map((m) => ({ id: newId("coupon"), programId: ctx.programId, offerId: ctx.offerId, partnerId: m.partnerId, code: m.r.coupon! })));
  const withPayout = made.filter((m) => m.r.payout);
  if (withPayout.length) await insertJson(ctx.db, partnerPayoutDetails, withPayout.map((m) => ({ partnerId: m.partnerId, method: m.r.payout!.method, details: m.r.payout! })));
  const withBalance = made.filter((m) => m.r.balance);
  if (withBalance.length) {
    await insertJson(
      ctx.db,
      ledgerEntries,
      withBalance.map((m) => ({
        id: newId("ledgerEntry"),
        partnerId: m.partnerId,
        type: "adjustment" as const,
        bucket: "approved" as const,
        amount: m.r.balance!.amount,
        currency: m.r.balance!.currency,
        reason: `Opening balance ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`,
        source: "system" as const,
        createdAt: ctx.now,
      })),
    );
  }
  result.created = made.map((m) => ({ row: m.row, vendorId: m.r.vendorId, targetId: m.partnerId, parentVendorId: m.r.parentVendorId }));
  result.made = { partners: made.length, links: linkRows.length, coupons: withCoupon.length, payout_details: withPayout.length, opening_balances: withBalance.length };
  result.balances = withBalance.map((m) => m.r.balance!);
  return result;
}
