import { createHash, timingSafeEqual } from "node:crypto";
import { and, eq, gte, lt, type SQL } from "drizzle-orm";
import { clickIdWindow } from "@/db/click-partitions";
import type { Db } from "@/db/client";
import { clicks, offerPixels, offers } from "@/db/schema";
import { checkPostbackParams, type PostbackInput } from "./postback-input";
import { acceptConversion, invalid, type PostbackResult } from "./record-postback";

// A browser must not be able to claim another customer's binding (customer_id, coupon), nor vouch for who the
// customer is (a page could dodge the self-referral check with any address it likes), nor choose when it
// happened (a backdated report dodges the timing rules): the pixel's time is the time it arrived.
const PIXEL_DROPS: (keyof PostbackInput)[] = ["token", "customer_id", "coupon", "customer_ip", "customer_email", "customer_email_sha256", "occurred_at"];

/** What the request itself says about where it came from (all of it forgeable by a script, none by a page). */
export type PixelRequest = { cookieClickId: string | null; key: string | null; pageOrigin: string | null; ip: string | null; visitorId: string | null };

const refuse = (httpStatus: 401 | 403 | 404, error: string, message: string): PostbackResult => ({ ok: false, httpStatus, error, message });

const digest = (v: string) => createHash("sha256").update(v).digest();
const sameKey = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

/**
 * A conversion reported by the visitor's browser. Off unless the operator enabled the offer's pixel for this
 * event; it must carry the offer's pixel key and, when the operator listed page origins, come from one of them.
 * Its program and offer come from the click. It is stored as `pixel` with the reporting browser's address and
 * visitor id, so the fraud rules can weigh it as the weaker evidence it is.
 */
export async function recordPixel(db: Db, raw: Record<string, unknown>, req: PixelRequest, now = new Date()): Promise<PostbackResult> {
  const clickParam = typeof raw.click_id === "string" && raw.click_id !== "" ? raw.click_id : (req.cookieClickId ?? "");
  const checked = checkPostbackParams({ ...raw, click_id: clickParam }, PIXEL_DROPS);
  if (!checked.ok) return invalid(checked.problems);
  const { input, params } = checked;
  const clickId = input.click_id ?? "";
  const lookup = (inWindow: SQL | undefined) =>
    db
      .select({ programId: offers.programId, enabled: offerPixels.enabled, events: offerPixels.events, key: offerPixels.key, origins: offerPixels.allowedOrigins })
      .from(clicks)
      .innerJoin(offers, eq(offers.id, clicks.offerId))
      .leftJoin(offerPixels, eq(offerPixels.offerId, offers.id))
      .where(and(eq(clicks.id, clickId), inWindow));
  // the id's time names one or two monthly partitions; a click stored with another time is found the slow way
  const window = clickIdWindow(clickId);
  const [inWindow] = window ? await lookup(and(gte(clicks.createdAt, window.from), lt(clicks.createdAt, window.to))) : [];
  const [click] = inWindow ? [inWindow] : await lookup(undefined);
  if (!click) return refuse(404, "unknown_click", "no click is known for this visitor");
  if (!click.enabled || !click.key) return refuse(403, "pixel_disabled", "the pixel is not enabled for this offer: report conversions by server postback, or ask the operator to enable it");
  if (!(click.events ?? []).includes(input.event)) return refuse(403, "pixel_event_disabled", `the pixel may not report "${input.event}" for this offer`);
  if (!req.key || !sameKey(req.key, click.key)) return refuse(401, "invalid_pixel_key", "key is missing or is not this offer's pixel key");
  const origins = click.origins ?? [];
  if (origins.length > 0 && (!req.pageOrigin || !origins.includes(req.pageOrigin))) {
    return refuse(403, "origin_not_allowed", `reports are accepted only from the operator's pages (${req.pageOrigin ?? "no Origin or Referer was sent"})`);
  }
  return acceptConversion(db, click.programId, input, params, now, "pixel", { ip: req.ip, visitorId: req.visitorId });
}
