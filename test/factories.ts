import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { newId } from "@/db/ids";
import { commissions, conversions, fraudChecks, links, offers, outboxEvents, partners, programs, users, type TeamRole } from "@/db/schema";
import { createUser } from "@/server/auth/create-user";
import { assignPlan, createPlan } from "@/server/commissions/manage-plans";
import type { PlanTerms } from "@/server/commissions/plans/types";
import type { SessionUser } from "@/server/auth/authenticate";
import { hashToken } from "@/server/conversions/record-postback";
import { applyPartner } from "@/server/partners/apply-partner";
import { reviewPartner } from "@/server/partners/review-partner";
import { recordClick } from "@/server/tracking/record-click";
import { drainOutbox } from "@/server/jobs/outbox";

/** Plans made by the factories are in force from the epoch, so tests may report conversions at any time. */
export const EPOCH = new Date(0);

const uid = () => randomBytes(4).toString("hex");
export const PASSWORD = "correct horse battery";

export async function makeAdmin(db: Db): Promise<SessionUser> {
  const email = `admin-${uid()}@test.example`;
  const id = await createUser(db, { email, name: "Admin", password: PASSWORD, role: "admin" });
  return { id, email, name: "Admin", role: "admin", partnerId: null, sessionVersion: 0 };
}

/** A team member of any role (owner, finance, manager ...), signed in. */
export async function makeMember(db: Db, role: TeamRole): Promise<SessionUser> {
  const email = `${role}-${uid()}@test.example`;
  const id = await createUser(db, { email, name: `A ${role}`, password: PASSWORD, role });
  return { id, email, name: `A ${role}`, role, partnerId: null, sessionVersion: 0 };
}

/** The offer's default plan: a flat CPA on `commissionEvent` (ftd, 200.00 by default) unless `terms` is given. */
type OfferOptions = Partial<typeof offers.$inferInsert> & { commissionEvent?: string; cpaAmount?: number; terms?: PlanTerms };

export async function makeProgram(db: Db, options: OfferOptions = {}) {
  const { commissionEvent = "ftd", cpaAmount = 20_000, terms, ...offer } = options;
  const token = randomBytes(16).toString("hex");
  const programId = newId("program");
  await db.insert(programs).values({ id: programId, name: `Program ${uid()}`, defaultCurrency: "USD", postbackToken: token, postbackTokenHash: hashToken(token) });
  const offerId = newId("offer");
  await db.insert(offers).values({
    id: offerId,
    programId,
    name: `Offer ${uid()}`,
    landingUrl: "https://lp.example.com/?cid={click_id}&s1={sub1}",
    currency: "USD",
    ...offer,
  });
  const planTerms: PlanTerms = terms ?? { currency: offer.currency ?? "USD", components: { cpa: { event: commissionEvent, amount: BigInt(cpaAmount) } } };
  const { planId } = await createPlan(db, { programId, name: `Plan ${uid()}`, terms: planTerms, actorId: null, effectiveFrom: EPOCH });
  await assignPlan(db, { programId, planId, partnerId: null, offerId, effectiveFrom: EPOCH, note: "default", actorId: null });
  return { programId, offerId, token, planId };
}

/** An approved partner with links to every active offer. */
export async function makePartner(db: Db, admin: SessionUser, status: "approved" | "pending" = "approved") {
  const email = `partner-${uid()}@test.example`;
  const { partnerId } = await applyPartner(db, { name: `Partner ${uid()}`, email, password: PASSWORD });
  if (status === "approved") await reviewPartner(db, { partnerId, decision: "approve", actorId: admin.id });
  const [user] = await db.query.users.findMany({ where: (u, { eq: e }) => e(u.email, email) });
  if (!user) throw new Error("user missing");
  const session: SessionUser = { id: user.id, email, name: user.name, role: "partner", partnerId, sessionVersion: 0 };
  return { partnerId, email, session };
}

export async function linkCode(db: Db, partnerId: string, offerId: string): Promise<string> {
  const [link] = await db.select().from(links).where(and(eq(links.partnerId, partnerId), eq(links.offerId, offerId)));
  if (!link) throw new Error("partner has no link to this offer");
  return link.code;
}

/** A program whose offer pays `terms` (in their currency), and an approved partner with a link to it. */
export async function partnerOnPlan(db: Db, admin: SessionUser, terms: PlanTerms, offer: Partial<typeof offers.$inferInsert> = {}) {
  const program = await makeProgram(db, { terms, currency: terms.currency, ...offer });
  const partner = await makePartner(db, admin);
  return { ...program, partnerId: partner.partnerId, code: await linkCode(db, partner.partnerId, program.offerId) };
}

/** What an ordinary visitor's browser sends: the fraud checks treat it as a person, not a bot. */
export const BROWSER_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";

let visitorSeq = 0;
/** A different documentation-range address per call (762 of them), so factory clicks never look like one IP's burst. */
export function visitorIp(): string {
  const n = visitorSeq++ % 762;
  return `${["198.51.100", "203.0.113", "192.0.2"][Math.floor(n / 254)]}.${(n % 254) + 1}`;
}

/**
 * A click by an ordinary visitor: a browser user agent, an address of its own, and (unless `now` is given) a
 * minute ago, so a conversion reported right after it does not look like click injection to the fraud checks.
 */
export async function click(db: Db, code: string, now?: Date) {
  const r = await recordClick(db, { code, ip: visitorIp(), userAgent: BROWSER_UA, referrer: null, subs: ["s1"], now: now ?? new Date(Date.now() - 60_000) });
  if (!r.found) throw new Error(`link ${code} not found`);
  return r.clickId;
}

/** The partner a public sign-up created (the sign-up itself does not say, so as not to reveal who is registered). */
export async function partnerIdByEmail(db: Db, email: string): Promise<string> {
  const [row] = await db.select({ id: partners.id }).from(partners).innerJoin(users, eq(users.id, partners.userId)).where(eq(users.email, email.toLowerCase()));
  if (!row) throw new Error(`no partner signed up as ${email}`);
  return row.id;
}

/**
 * Runs the outbox and returns the commission a just-recorded conversion accrued. An attempt that failed (a
 * loaded machine's connection wait, say) is retried at once, as the runner would after its back-off, and its
 * error is printed. With no commission after three attempts it throws with what happened instead (the
 * event's attempts and error, the conversion's status, the fraud decision).
 */
export async function accruedCommission(db: Db, r: { conversionId: string; outboxId: string }): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    await drainOutbox(db);
    const [c] = await db.select({ id: commissions.id }).from(commissions).where(eq(commissions.conversionId, r.conversionId));
    if (c) return c.id;
    const [event] = await db.select().from(outboxEvents).where(eq(outboxEvents.id, r.outboxId));
    if (attempt < 3 && event && !event.processedAt && !event.failedAt) {
      console.warn(`[test] conversion ${r.conversionId} not processed on attempt ${attempt}: ${event.lastError ?? "not claimed"}`);
      await db.update(outboxEvents).set({ availableAt: new Date(Date.now() - 1000), lockedUntil: null }).where(eq(outboxEvents.id, r.outboxId));
      continue;
    }
    const [conversion] = await db.select({ attribution: conversions.attributionStatus, reason: conversions.attributionReason, note: conversions.commissionNote, fraud: conversions.fraudStatus, partnerId: conversions.partnerId }).from(conversions).where(eq(conversions.id, r.conversionId));
    const checks = await db.select({ action: fraudChecks.action, summary: fraudChecks.summary }).from(fraudChecks).where(eq(fraudChecks.conversionId, r.conversionId));
    const why = {
      event: event && { attempts: event.attempts, processedAt: event.processedAt, availableAt: event.availableAt, lockedUntil: event.lockedUntil, lastError: event.lastError },
      conversion,
      fraud: checks,
    };
    throw new Error(`no commission accrued for ${r.conversionId}: ${JSON.stringify(why)}`);
  }
}
