import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { LINK_STATUSES, links, offers } from "@/db/schema";
import { createLink } from "@/server/links/create-link";
import { createLinkInput } from "@/server/links/schemas";
import { keyset, listQuery, newestFirst, page, paged } from "../cursor";
import { route } from "../define";
import { ApiError } from "../problem";
import { dateTime, entityId, inKeyProgram, iso } from "./common";

const link = z
  .object({ id: z.string(), code: z.string(), alias: z.string().nullable(), label: z.string().nullable(), partnerId: z.string(), offerId: z.string(), status: z.enum(LINK_STATUSES), createdAt: dateTime })
  .meta({ id: "Link" });
const columns = { id: links.id, code: links.code, alias: links.alias, label: links.label, partnerId: links.partnerId, offerId: links.offerId, status: links.status, createdAt: links.createdAt };

export const linkRoutes = [
  route({
    method: "GET",
    path: "/links",
    operationId: "listLinks",
    summary: "List tracking links",
    tag: "Links",
    auth: "key",
    scope: "links:read",
    query: listQuery.extend({ partnerId: entityId.optional(), offerId: entityId.optional(), status: z.enum(LINK_STATUSES).optional() }),
    response: page(link, "LinkPage"),
    handle: async ({ db, principal, query }) => {
      const rows = await db
        .select(columns)
        .from(links)
        .innerJoin(offers, eq(offers.id, links.offerId))
        .where(
          and(
            keyset(links.createdAt, links.id, query),
            inKeyProgram(principal, offers.programId),
            query.partnerId ? eq(links.partnerId, query.partnerId) : undefined,
            query.offerId ? eq(links.offerId, query.offerId) : undefined,
            query.status ? eq(links.status, query.status) : undefined,
          ),
        )
        .orderBy(...newestFirst(links.id))
        .limit(query.limit + 1);
      const p = paged(rows, query.limit);
      return { data: p.rows.map((r) => ({ ...r, createdAt: iso(r.createdAt) })), nextCursor: p.nextCursor };
    },
  }),
  route({
    method: "POST",
    path: "/links",
    operationId: "createLink",
    summary: "Create a tracking link for a partner on an offer they can see",
    tag: "Links",
    auth: "key",
    scope: "links:write",
    body: createLinkInput.extend({ partnerId: entityId }).meta({ id: "LinkCreate" }),
    status: 201,
    response: link,
    handle: async ({ db, principal, body }) => {
      const [offer] = await db.select({ id: offers.id }).from(offers).where(and(eq(offers.id, body.offerId), inKeyProgram(principal, offers.programId)));
      if (!offer) throw new ApiError(422, "validation_failed", "This offer is not available.", [{ field: "offerId", message: "Offer not found" }]);
      const made = await createLink(db, body);
      const [row] = await db.select(columns).from(links).where(eq(links.id, made.id));
      if (!row) throw new Error("link vanished after insert");
      return { ...row, createdAt: iso(row.createdAt) };
    },
  }),
];
