import { ipVersion } from "@/server/net/cidr-parse";
import type { DbOrTx } from "@/db/client";
import { newId } from "@/db/ids";
import { isDbUnavailable } from "@/db/unavailable";
import { describeAgent } from "./agent";
import { writeClick } from "./click-writer";
import { resolveDeepLink, withTrackingParams } from "./deep-link";
import { countryOf } from "./geo";
import { findLinkTarget } from "./link-cache";
import { fillMacros } from "./macros";

export const UTM_KEYS = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"] as const;

export type ClickRequest = {
  code: string;
  ip: string | null;
  userAgent: string | null;
  referrer: string | null;
  /** sub1..sub5 as received; missing ones are null */
  subs: (string | null)[];
  utm?: Partial<Record<(typeof UTM_KEYS)[number], string | null>>;
  /** the visitor cookie, if the browser sent one */
  visitorId?: string | null;
  /** ?url= deep link as received; used only when its host is on the offer's allowlist */
  deepLink?: string | null;
  now?: Date;
};

export type ClickResult =
  | { found: false }
  | { found: true; clickId: string; visitorId: string; location: string; cookieMaxAgeSeconds: number };

/** The database could not store the click (an outage): the visitor still reaches the landing page, with an
 * empty {click_id}, and no click id is given out that no conversion could ever find. */
export type UnstoredClick = { found: true; clickId: null; visitorId: string; location: string; cookieMaxAgeSeconds: number };

const CODE = /^[A-Za-z0-9_-]{1,64}$/;
const VISITOR = /^vis_[0-9a-hjkmnp-tv-z]{26}$/;
const MAX_SUB = 255;
const MAX_TEXT = 1024;

// Control characters (NUL above all: PostgreSQL text cannot store it) are dropped, never stored, so one
// hostile sub-ID can never fail the batch insert that carries other visitors' clicks.
const CONTROL = /[\u0000-\u001f\u007f]/g;
// A lone UTF-16 surrogate cannot be stored as text (the click batch travels as JSON): it becomes U+FFFD.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const clip = (v: string | null | undefined, max: number) => {
  // Cut first, then repair: a cut through an emoji leaves a lone surrogate behind.
  const clean = v?.replace(CONTROL, "").slice(0, max).replace(LONE_SURROGATE, "\ufffd");
  return clean ? clean : null;
};

/**
 * The redirect's work: a cached link lookup, cheap enrichment, and the click joined to a batched insert.
 * The destination comes from the operator's offer (or a deep link on its allowlist), never from the
 * request alone, so a tracking link cannot be turned into an open redirect.
 */
export function recordClick(db: DbOrTx, req: ClickRequest): Promise<ClickResult> {
  return storeClick(db, req, false) as Promise<ClickResult>;
}

/** The redirect's variant: when the database cannot store the click, the landing page without a click id. */
export function recordClickOrLanding(db: DbOrTx, req: ClickRequest): Promise<ClickResult | UnstoredClick> {
  return storeClick(db, req, true);
}

async function storeClick(db: DbOrTx, req: ClickRequest, landingOnOutage: boolean): Promise<ClickResult | UnstoredClick> {
  if (!CODE.test(req.code)) return { found: false };
  const target = await findLinkTarget(db, req.code);
  if (!target) return { found: false };

  const now = req.now ?? new Date();
  const subs = [0, 1, 2, 3, 4].map((i) => clip(req.subs[i], MAX_SUB));
  const utm = Object.fromEntries(UTM_KEYS.map((k) => [k, clip(req.utm?.[k], MAX_SUB)])) as Record<(typeof UTM_KEYS)[number], string | null>;
  const ip = req.ip && ipVersion(req.ip) ? req.ip : null;
  const visitorId = req.visitorId && VISITOR.test(req.visitorId) ? req.visitorId : newId("visitor", now.getTime());
  const clickId = newId("click", now.getTime());
  const agent = describeAgent(req.userAgent);

  const landingFor = (id: string) =>
    fillMacros(target.landingUrl, {
      click_id: id,
    partner_id: target.partnerId,
    offer_id: target.offerId,
    link_id: target.linkId,
    visitor_id: visitorId,
    sub1: subs[0],
    sub2: subs[1],
    sub3: subs[2],
    sub4: subs[3],
    sub5: subs[4],
    ...utm,
  });
  const deepLink = resolveDeepLink(req.deepLink ?? null, target.deepLinkHosts);
  const locationFor = (id: string) => (deepLink ? withTrackingParams(deepLink, landingFor(id)) : landingFor(id));
  const cookieMaxAgeSeconds = target.windowDays * 86_400;

  const stored = await writeClick(db, {
    id: clickId,
    linkId: target.linkId,
    partnerId: target.partnerId,
    offerId: target.offerId,
    visitorId,
    ip,
    country: countryOf(ip),
    userAgent: clip(req.userAgent, MAX_TEXT),
    ...agent,
    referrer: clip(req.referrer, MAX_TEXT),
    sub1: subs[0],
    sub2: subs[1],
    sub3: subs[2],
    sub4: subs[3],
    sub5: subs[4],
    utmSource: utm.utm_source,
    utmMedium: utm.utm_medium,
    utmCampaign: utm.utm_campaign,
    utmTerm: utm.utm_term,
    utmContent: utm.utm_content,
    deepLink: deepLink ? deepLink.href.slice(0, MAX_TEXT) : null,
    notCreditedReason: target.partnerStatus === "approved" ? null : `partner_${target.partnerStatus}`,
    createdAt: now,
  }).then(
    () => true,
    (err: unknown) => {
      if (landingOnOutage && isDbUnavailable(err)) return false;
      throw err;
    },
  );
  if (!stored) return { found: true, clickId: null, visitorId, location: locationFor(""), cookieMaxAgeSeconds };
  return { found: true, clickId, visitorId, location: locationFor(clickId), cookieMaxAgeSeconds };
}
