import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { creatives, offers } from "@/db/schema";
import { CREATIVE_KINDS, CREATIVE_STATUSES } from "@/db/schema/creative-values";
import { groupsByCreative, impressionsByCreative } from "@/server/creatives/list-creatives";
import { MAX_FILE_BYTES } from "@/server/creatives/limits";
import { createCreative, setCreativeStatus } from "@/server/creatives/save-creative";
import { createCreativeInput, setCreativeStatusInput } from "@/server/creatives/schemas";
import { storage } from "@/server/storage";
import { KiB } from "@/server/http/read-body";
import { keyset, listQuery, newestFirst, page, paged } from "../cursor";
import { route, type Principal } from "../define";
import { ApiError } from "../problem";
import { dateTime, entityId, inKeyProgram, iso, notFound } from "./common";

export const creative = z
  .object({
    id: z.string(),
    offerId: z.string(),
    kind: z.enum(CREATIVE_KINDS),
    name: z.string(),
    status: z.enum(CREATIVE_STATUSES).meta({ description: "Archived creatives leave the partners' library." }),
    language: z.string().nullable(),
    tags: z.array(z.string()),
    body: z.string().nullable().meta({ description: "text_link: the words; html: the snippet ({link} marks the tracking link); email: the swipe's body." }),
    subject: z.string().nullable(),
    altText: z.string().nullable(),
    fileType: z.string().nullable(),
    fileSize: z.number().int().nullable(),
    fileName: z.string().nullable(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    version: z.number().int().meta({ description: "Goes up each time the banner's file is replaced." }),
    startsAt: dateTime.nullable(),
    endsAt: dateTime.nullable(),
    groupIds: z.array(z.string()).meta({ description: "Shown to these partner groups only; empty: to everyone who sees the offer." }),
    impressions: z.number().int(),
    createdAt: dateTime,
  })
  .meta({ id: "Creative" });

// not the storage key nor who made it: the file is served by id, and the creator is a team member's id
const columns = {
  id: creatives.id,
  offerId: creatives.offerId,
  kind: creatives.kind,
  name: creatives.name,
  status: creatives.status,
  language: creatives.language,
  tags: creatives.tags,
  body: creatives.body,
  subject: creatives.subject,
  altText: creatives.altText,
  fileType: creatives.fileType,
  fileSize: creatives.fileSize,
  fileName: creatives.fileName,
  width: creatives.width,
  height: creatives.height,
  version: creatives.version,
  startsAt: creatives.startsAt,
  endsAt: creatives.endsAt,
  createdAt: creatives.createdAt,
};
type Row = { id: string; startsAt: Date | null; endsAt: Date | null; createdAt: Date };

/** Adds each creative's groups and impressions, as the admin's creatives page shows them. */
async function withCounts<T extends Row>(db: DbOrTx, rows: T[]) {
  const ids = rows.map((r) => r.id);
  const [impressions, groups] = await Promise.all([impressionsByCreative(db, ids), groupsByCreative(db, ids)]);
  return rows.map((r) => ({
    ...r,
    startsAt: iso(r.startsAt),
    endsAt: iso(r.endsAt),
    createdAt: iso(r.createdAt),
    groupIds: (groups.get(r.id) ?? []).map((g) => g.id),
    impressions: impressions.get(r.id) ?? 0,
  }));
}

async function readCreative(db: DbOrTx, principal: Principal, creativeId: string) {
  const rows = await db
    .select(columns)
    .from(creatives)
    .innerJoin(offers, eq(offers.id, creatives.offerId))
    .where(and(eq(creatives.id, creativeId), inKeyProgram(principal, offers.programId)));
  const [one] = await withCounts(db, rows);
  return one ?? notFound("Creative");
}

const idParam = z.object({ creativeId: entityId });

export const creativeRoutes = [
  route({
    method: "GET",
    path: "/creatives",
    operationId: "listCreatives",
    summary: "List creatives (banners, text links, HTML snippets, e-mail swipes)",
    tag: "Creatives",
    auth: "key",
    scope: "creatives:read",
    query: listQuery.extend({ offerId: entityId.optional(), kind: z.enum(CREATIVE_KINDS).optional(), status: z.enum(CREATIVE_STATUSES).optional() }),
    response: page(creative, "CreativePage"),
    handle: async ({ db, principal, query }) => {
      const rows = await db
        .select(columns)
        .from(creatives)
        .innerJoin(offers, eq(offers.id, creatives.offerId))
        .where(
          and(
            keyset(creatives.createdAt, creatives.id, query),
            inKeyProgram(principal, offers.programId),
            query.offerId ? eq(creatives.offerId, query.offerId) : undefined,
            query.kind ? eq(creatives.kind, query.kind) : undefined,
            query.status ? eq(creatives.status, query.status) : undefined,
          ),
        )
        .orderBy(...newestFirst(creatives.id))
        .limit(query.limit + 1);
      const p = paged(rows, query.limit);
      return { data: await withCounts(db, p.rows), nextCursor: p.nextCursor };
    },
  }),
  route({
    method: "GET",
    path: "/creatives/{creativeId}",
    operationId: "getCreative",
    summary: "Get a creative",
    tag: "Creatives",
    auth: "key",
    scope: "creatives:read",
    params: idParam,
    response: creative,
    handle: ({ db, principal, params }) => readCreative(db, principal, params.creativeId),
  }),
  route({
    method: "POST",
    path: "/creatives",
    operationId: "createCreative",
    summary: `Add a creative; an image banner's file comes base64-encoded in \`file.data\` (PNG, JPEG, GIF or WebP, up to ${MAX_FILE_BYTES / KiB} KB)`,
    tag: "Creatives",
    auth: "key",
    scope: "creatives:write",
    body: createCreativeInput.meta({ id: "CreativeCreate" }),
    // the banner travels base64-encoded: a third larger than the file
    maxBody: Math.ceil(MAX_FILE_BYTES * 1.4) + 64 * KiB,
    status: 201,
    response: creative,
    handle: async ({ db, principal, body }) => {
      const [offer] = await db.select({ id: offers.id }).from(offers).where(and(eq(offers.id, body.offerId), inKeyProgram(principal, offers.programId)));
      if (!offer) throw new ApiError(422, "validation_failed", "This offer is not available.", [{ field: "offerId", message: "Pick an offer" }]);
      const { creativeId } = await createCreative(db, storage(), { ...body, actorId: principal.createdBy });
      return readCreative(db, principal, creativeId);
    },
  }),
  route({
    method: "PATCH",
    path: "/creatives/{creativeId}",
    operationId: "updateCreative",
    summary: "Archive a creative (it leaves the partners' library and its image URLs stop answering) or restore it",
    tag: "Creatives",
    auth: "key",
    scope: "creatives:write",
    params: idParam,
    body: setCreativeStatusInput.omit({ creativeId: true }).meta({ id: "CreativeUpdate" }),
    response: creative,
    handle: async ({ db, principal, params, body }) => {
      await readCreative(db, principal, params.creativeId);
      await setCreativeStatus(db, { creativeId: params.creativeId, status: body.status });
      return readCreative(db, principal, params.creativeId);
    },
  }),
];
