import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { newId } from "@/db/ids";
import { conversions, fraudChecks } from "@/db/schema";
import type { SessionUser } from "@/server/auth/authenticate";
import { recordPostback } from "@/server/conversions/record-postback";
import { processConversionSteps } from "@/server/jobs/functions/process-conversion";
import { immediateSteps } from "@/server/jobs/step";
import { recordClick } from "@/server/tracking/record-click";
import { BROWSER_UA, linkCode, makePartner, makeProgram, visitorIp } from "@/test/factories";

/** Test traffic through the real click and postback paths, for the fraud integration tests. */

export const BOT_UA = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
export const MINUTE = 60_000;
export const DAY = 86_400_000;
export const ago = (ms: number, from = Date.now()) => new Date(from - ms);

export type Program = Awaited<ReturnType<typeof makeProgram>>;
export type Partner = Awaited<ReturnType<typeof makePartner>> & { code: string };

export async function partnerOn(db: Db, admin: SessionUser, program: Program): Promise<Partner> {
  const p = await makePartner(db, admin);
  return { ...p, code: await linkCode(db, p.partnerId, program.offerId) };
}

export type ClickOptions = { ip?: string | null; ua?: string; subs?: (string | null)[]; at?: Date; visitorId?: string };

/** A click on the partner's link: by default an ordinary browser, from an address of its own, ten minutes ago. */
export async function visit(db: Db, partner: Partner, o: ClickOptions = {}) {
  const r = await recordClick(db, {
    code: partner.code,
    ip: o.ip === undefined ? visitorIp() : o.ip,
    userAgent: o.ua ?? BROWSER_UA,
    referrer: null,
    subs: o.subs ?? ["campaign"],
    visitorId: o.visitorId ?? newId("visitor"),
    now: o.at ?? ago(10 * MINUTE),
  });
  if (!r.found) throw new Error("link not found");
  return { clickId: r.clickId, visitorId: r.visitorId };
}

let txn = 0;

/** A postback for the click (or customer), then the conversion's background job; returns the stored check. */
export async function convert(db: Db, program: Program, params: { at?: Date; [param: string]: string | Date | undefined }) {
  const { at, ...rest } = params;
  const now = new Date();
  const body = Object.fromEntries(Object.entries({ token: program.token, event: "ftd", txn_id: `fraud-${txn++}`, ...rest, occurred_at: (at ?? now).toISOString() }).filter(([, v]) => v !== undefined));
  const r = await recordPostback(db, body, { now: at && at > now ? at : now });
  if (!r.ok || r.status !== "accepted") throw new Error(`postback refused: ${JSON.stringify(r)}`);
  const job = await processConversionSteps(db, immediateSteps, { conversionId: r.conversionId });
  const [check] = await db.select().from(fraudChecks).where(eq(fraudChecks.conversionId, r.conversionId));
  const [conv] = await db.select({ fraudStatus: conversions.fraudStatus }).from(conversions).where(eq(conversions.id, r.conversionId));
  return { conversionId: r.conversionId, job, check: check ?? null, fraudStatus: conv?.fraudStatus, codes: check?.hits.map((h) => h.code) ?? [] };
}
