import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clicks, offers } from "@/db/schema";
import { pickPostbackParams, postbackInput } from "./postback-input";
import { acceptConversion, type PostbackResult } from "./record-postback";

/**
 * A conversion reported by the visitor's browser. It carries no secret (a page cannot keep one), so it
 * needs the click id (from the snippet's first-party cookie or our own click cookie), its program comes
 * from that click, and it is stored as `pixel`: weaker evidence than a server postback, which the fraud
 * rules can weigh.
 */
export async function recordPixel(db: Db, raw: Record<string, unknown>, cookieClickId: string | null, now = new Date()): Promise<PostbackResult> {
  const params = pickPostbackParams(raw);
  delete params.token;
  delete params.customer_id; // a browser must not be able to claim another customer's binding
  delete params.coupon;
  // nor vouch for who the customer is: a page could dodge the self-referral check with any address it likes
  delete params.customer_ip;
  delete params.customer_email;
  delete params.customer_email_sha256;
  params.click_id ??= cookieClickId ?? "";
  const parsed = postbackInput.safeParse(params);
  if (!parsed.success) return { ok: false, httpStatus: 400, error: "invalid_request", message: parsed.error.issues.map((i) => i.message).join("; ") };
  const [click] = await db
    .select({ programId: offers.programId })
    .from(clicks)
    .innerJoin(offers, eq(offers.id, clicks.offerId))
    .where(eq(clicks.id, parsed.data.click_id ?? ""));
  if (!click) return { ok: false, httpStatus: 404, error: "unknown_click", message: "no click is known for this visitor" };
  return acceptConversion(db, click.programId, parsed.data, params, now, "pixel");
}
