import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { ID_PREFIXES } from "@/db/ids";
import { clicks, offers } from "@/db/schema";
import { idWindow, keyset, listQuery, newestFirst, page, paged } from "../cursor";
import { route } from "../define";
import { dateTime, entityId, inKeyProgram, iso } from "./common";

const click = z
  .object({
    id: z.string(),
    linkId: z.string(),
    partnerId: z.string(),
    offerId: z.string(),
    country: z.string().nullable(),
    deviceType: z.string().nullable(),
    os: z.string().nullable(),
    browser: z.string().nullable(),
    isBot: z.boolean(),
    sub1: z.string().nullable(),
    sub2: z.string().nullable(),
    sub3: z.string().nullable(),
    sub4: z.string().nullable(),
    sub5: z.string().nullable(),
    createdAt: dateTime,
  })
  .meta({ id: "Click" });

const columns = {
  id: clicks.id,
  linkId: clicks.linkId,
  partnerId: clicks.partnerId,
  offerId: clicks.offerId,
  country: clicks.country,
  deviceType: clicks.deviceType,
  os: clicks.os,
  browser: clicks.browser,
  isBot: clicks.isBot,
  sub1: clicks.sub1,
  sub2: clicks.sub2,
  sub3: clicks.sub3,
  sub4: clicks.sub4,
  sub5: clicks.sub5,
  createdAt: clicks.createdAt,
};

export const clickRoutes = [
  route({
    method: "GET",
    path: "/clicks",
    operationId: "listClicks",
    summary: "List clicks (no IP addresses or user agents)",
    tag: "Clicks",
    auth: "key",
    scope: "clicks:read",
    query: listQuery.extend({ partnerId: entityId.optional(), offerId: entityId.optional(), linkId: entityId.optional() }),
    response: page(click, "ClickPage"),
    handle: async ({ db, principal, query }) => {
      const program = inKeyProgram(principal, offers.programId);
      const rows = await db
        .select(columns)
        .from(clicks)
        .where(
          and(
            keyset(clicks.createdAt, clicks.id, query),
            idWindow(clicks.id, ID_PREFIXES.click, query),
            query.partnerId ? eq(clicks.partnerId, query.partnerId) : undefined,
            query.offerId ? eq(clicks.offerId, query.offerId) : undefined,
            query.linkId ? eq(clicks.linkId, query.linkId) : undefined,
            program ? inArray(clicks.offerId, db.select({ id: offers.id }).from(offers).where(program)) : undefined,
          ),
        )
        .orderBy(...newestFirst(clicks.id))
        .limit(query.limit + 1);
      const p = paged(rows, query.limit);
      return { data: p.rows.map((r) => ({ ...r, createdAt: iso(r.createdAt) })), nextCursor: p.nextCursor };
    },
  }),
];
