import { and, eq, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { creatives, links, offers } from "@/db/schema";
import type { Storage } from "@/server/storage";
import { creativeVisibleTo, liveAt } from "./visibility";

/**
 * Sent with every creative file. The CSP forbids the file from loading or running anything even if a browser
 * were to treat it as a document; nosniff stops a browser from second-guessing the declared type.
 */
export const CREATIVE_FILE_HEADERS = {
  "Content-Security-Policy": "default-src 'none'; sandbox",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
} as const;

const PLAIN_IMAGES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);
const ID = /^crv_[0-9a-z]{26}$/;

export type CreativeViewer = { kind: "team" } | { kind: "partner"; partnerId: string };

const notFound = () => Response.json({ error: "not_found", message: "No such creative." }, { status: 404, headers: { "Cache-Control": "no-store", ...CREATIVE_FILE_HEADERS } });
const asciiName = (name: string) => name.replace(/[^\w.\- ]+/g, "_").slice(0, 120) || "creative";

/**
 * GET /api/creatives/<id>/file: a banner's bytes (inline, or as a download), or an HTML snippet / e-mail swipe as
 * a text file download. Team members see every creative; a partner only the creatives visible to them now.
 * A snippet is never served as HTML: it is text/plain and an attachment, so it cannot render in our origin.
 */
export async function creativeFileResponse(db: Db, store: Storage, input: { creativeId: string; viewer: CreativeViewer; download: boolean; now?: Date }): Promise<Response> {
  if (!ID.test(input.creativeId)) return notFound();
  const now = input.now ?? new Date();
  const [row] = await db
    .select({ creative: creatives })
    .from(creatives)
    .innerJoin(offers, eq(offers.id, creatives.offerId))
    .where(and(eq(creatives.id, input.creativeId), input.viewer.kind === "partner" ? creativeVisibleTo(db, input.viewer.partnerId, now) : undefined));
  if (!row) return notFound();
  const c = row.creative;
  const base = { ...CREATIVE_FILE_HEADERS, "Cache-Control": "private, max-age=300" };
  if (c.kind !== "image" || !c.fileKey) {
    const text = c.kind === "email" ? `Subject: ${c.subject ?? ""}\n\n${c.body ?? ""}` : (c.body ?? "");
    const ext = c.kind === "html" ? "html" : "txt";
    return new Response(text, { headers: { ...base, "Content-Type": "text/plain; charset=utf-8", "Content-Disposition": `attachment; filename="${asciiName(c.name)}.${ext}"` } });
  }
  const object = await store.get(c.fileKey);
  if (!object) return notFound();
  // the type recorded when the bytes were checked, never the storage's or the uploader's word
  const type = c.fileType ?? "application/octet-stream";
  const inline = PLAIN_IMAGES.has(type) && !input.download;
  const fileName = asciiName(c.fileName ?? `${c.name}`);
  return new Response(new Uint8Array(object.body), {
    headers: { ...base, "Content-Type": inline ? type : PLAIN_IMAGES.has(type) ? type : "application/octet-stream", "Content-Disposition": `${inline ? "inline" : "attachment"}; filename="${fileName}"` },
  });
}

/** Adds one impression to the creative's row for this partner and the day in its program's time zone (the day reports count it on). */
export async function recordImpression(db: Db, creativeId: string, partnerId: string, now: Date) {
  await db.execute(sql`
    insert into creative_impressions (creative_id, partner_id, day, impressions)
    select c.id, ${partnerId}, (${now.toISOString()}::timestamptz at time zone g.time_zone)::date, 1
    from creatives c join offers o on o.id = c.offer_id join programs g on g.id = o.program_id
    where c.id = ${creativeId}
    on conflict (creative_id, partner_id, day) do update set impressions = creative_impressions.impressions + 1`);
}

/**
 * GET /api/creatives/<id>/i?p=<link code>: the banner as partners embed it on their own pages (public, any origin).
 * Each request counts one impression for the partner whose link code it names, when that link is theirs, for this
 * creative's offer, and the creative is visible to them; an unknown code still gets the image, uncounted.
 */
export async function creativeImpressionResponse(db: Db, store: Storage, input: { creativeId: string; code: string | null; now?: Date }): Promise<Response> {
  if (!ID.test(input.creativeId)) return notFound();
  const now = input.now ?? new Date();
  const [c] = await db
    .select({ id: creatives.id, offerId: creatives.offerId, fileKey: creatives.fileKey, fileType: creatives.fileType })
    .from(creatives)
    .where(and(eq(creatives.id, input.creativeId), eq(creatives.kind, "image"), liveAt(now)));
  if (!c?.fileKey || !c.fileType || !PLAIN_IMAGES.has(c.fileType)) return notFound();
  const code = input.code && /^[A-Za-z0-9_-]{1,64}$/.test(input.code) ? input.code : null;
  if (code) {
    const [owner] = await db
      .select({ partnerId: links.partnerId })
      .from(links)
      .where(and(or(eq(links.code, code), eq(links.alias, code)), eq(links.offerId, c.offerId), eq(links.status, "active")));
    if (owner) {
      const [visible] = await db
        .select({ id: creatives.id })
        .from(creatives)
        .innerJoin(offers, eq(offers.id, creatives.offerId))
        .where(and(eq(creatives.id, c.id), creativeVisibleTo(db, owner.partnerId, now)));
      if (visible) await recordImpression(db, c.id, owner.partnerId, now);
    }
  }
  const object = await store.get(c.fileKey);
  if (!object) return notFound();
  return new Response(new Uint8Array(object.body), {
    headers: {
      ...CREATIVE_FILE_HEADERS,
      "Content-Type": c.fileType,
      "Content-Disposition": "inline",
      // every view is a request (and an impression); other sites may embed it
      "Cache-Control": "no-store",
      "Cross-Origin-Resource-Policy": "cross-origin",
    },
  });
}
