import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { newId } from "@/db/ids";
import { clicks, links, offers } from "@/db/schema";
import { fillMacros } from "./macros";

export type ClickRequest = {
  code: string;
  ip: string | null;
  userAgent: string | null;
  referrer: string | null;
  /** sub1..sub5 as received; missing ones are null */
  subs: (string | null)[];
  now?: Date;
};

export type ClickResult =
  | { found: false }
  | { found: true; clickId: string; location: string; cookieMaxAgeSeconds: number };

const CODE = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_SUB = 255;
const MAX_TEXT = 1024;

const clip = (v: string | null, max: number) => (v == null || v === "" ? null : v.slice(0, max));

/**
 * The redirect's work: one indexed read, one insert. The destination always comes from the operator's
 * offer, never from the request, so a tracking link cannot be turned into an open redirect.
 */
export async function recordClick(db: DbOrTx, req: ClickRequest): Promise<ClickResult> {
  if (!CODE.test(req.code)) return { found: false };
  const [target] = await db
    .select({
      linkId: links.id,
      partnerId: links.partnerId,
      offerId: links.offerId,
      landingUrl: offers.landingUrl,
      windowDays: offers.attributionWindowDays,
    })
    .from(links)
    .innerJoin(offers, eq(offers.id, links.offerId))
    .where(and(eq(links.code, req.code), eq(links.status, "active"), eq(offers.status, "active")))
    .limit(1);
  if (!target) return { found: false };

  const now = req.now ?? new Date();
  const subs = [0, 1, 2, 3, 4].map((i) => clip(req.subs[i] ?? null, MAX_SUB));
  const clickId = newId("click", now.getTime());
  await db.insert(clicks).values({
    id: clickId,
    linkId: target.linkId,
    partnerId: target.partnerId,
    offerId: target.offerId,
    ip: req.ip,
    userAgent: clip(req.userAgent, MAX_TEXT),
    referrer: clip(req.referrer, MAX_TEXT),
    sub1: subs[0],
    sub2: subs[1],
    sub3: subs[2],
    sub4: subs[3],
    sub5: subs[4],
    createdAt: now,
  });
  const location = fillMacros(target.landingUrl, {
    click_id: clickId,
    sub1: subs[0],
    sub2: subs[1],
    sub3: subs[2],
    sub4: subs[3],
    sub5: subs[4],
  });
  return { found: true, clickId, location, cookieMaxAgeSeconds: target.windowDays * 86_400 };
}
