import { and, eq, ilike } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { OFFER_STATUSES, OFFER_VISIBILITIES, offers } from "@/db/schema";
import { createOffer } from "@/server/offers/create-offer";
import { createOfferInput } from "@/server/offers/schemas";
import { setOfferStatus } from "@/server/offers/set-offer-status";
import { updateOffer } from "@/server/offers/update-offer";
import { keyset, listQuery, newestFirst, page, paged } from "../cursor";
import { route, type Principal } from "../define";
import { ApiError } from "../problem";
import { dateTime, entityId, inKeyProgram, iso, notFound } from "./common";

const offer = z
  .object({
    id: z.string(),
    programId: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    status: z.enum(OFFER_STATUSES),
    visibility: z.enum(OFFER_VISIBILITIES),
    landingUrl: z.string(),
    currency: z.string(),
    eventTypes: z.array(z.string()),
    attributionWindowDays: z.number().int(),
    deepLinkHosts: z.array(z.string()),
    holdDays: z.number().int(),
    autoApprove: z.boolean(),
    createdAt: dateTime,
  })
  .meta({ id: "Offer" });

const columns = {
  id: offers.id,
  programId: offers.programId,
  name: offers.name,
  description: offers.description,
  status: offers.status,
  visibility: offers.visibility,
  landingUrl: offers.landingUrl,
  currency: offers.currency,
  eventTypes: offers.eventTypes,
  attributionWindowDays: offers.attributionWindowDays,
  deepLinkHosts: offers.deepLinkHosts,
  holdDays: offers.holdDays,
  autoApprove: offers.autoApprove,
  createdAt: offers.createdAt,
};
type Row = { createdAt: Date } & Record<string, unknown>;
const out = (r: Row) => ({ ...r, createdAt: iso(r.createdAt) });

async function readOffer(db: DbOrTx, principal: Principal, offerId: string) {
  const [row] = await db
    .select(columns)
    .from(offers)
    .where(and(eq(offers.id, offerId), inKeyProgram(principal, offers.programId)));
  return row ? out(row) : notFound("Offer");
}

// Lists are JSON arrays here; the shared form schema reads the text an operator types, one per line. Piping
// the array into it keeps one set of rules, and every field's problem is reported in the same answer.
const list = <T extends z.ZodType<unknown, string>>(field: T) =>
  z
    .array(z.string().max(300))
    .max(50)
    .transform((a) => a.join("\n"))
    .pipe(field);
const DEFAULT_EVENTS = ["lead", "registration", "ftd", "deposit", "sale", "trade", "ngr", "refund", "chargeback"];
const shape = createOfferInput.shape;
const fields = {
  name: shape.name,
  description: shape.description,
  landingUrl: shape.landingUrl,
  currency: shape.currency,
  eventTypes: list(shape.eventTypes).meta({ description: 'Event types this offer accepts, e.g. ["lead", "sale"].' }),
  attributionWindowDays: shape.attributionWindowDays,
  deepLinkHosts: list(shape.deepLinkHosts),
  visibility: shape.visibility,
};

const createBody = z
  .object({
    ...fields,
    programId: shape.programId,
    description: fields.description.optional().default(""),
    eventTypes: fields.eventTypes.optional().meta({ description: "Default: the standard set." }),
    attributionWindowDays: fields.attributionWindowDays.optional().default(30),
    deepLinkHosts: fields.deepLinkHosts.optional(),
    visibility: fields.visibility.optional().default("all"),
  })
  .meta({ id: "OfferCreate" });
const updateBody = z
  .object({ ...fields, status: z.enum(OFFER_STATUSES) })
  .partial()
  .meta({ id: "OfferUpdate" });

function assertProgram(principal: Principal, programId: string) {
  if (principal.kind === "key" && principal.programId && principal.programId !== programId)
    throw new ApiError(403, "program_out_of_scope", "This key is limited to another program.", [{ field: "programId", message: "Not the key's program" }]);
}

export const offerRoutes = [
  route({
    method: "GET",
    path: "/offers",
    operationId: "listOffers",
    summary: "List offers",
    tag: "Offers",
    auth: "key",
    scope: "offers:read",
    query: listQuery.extend({ status: z.enum(OFFER_STATUSES).optional(), programId: entityId.optional(), q: z.string().max(120).optional() }),
    response: page(offer, "OfferPage"),
    handle: async ({ db, principal, query }) => {
      const rows = await db
        .select(columns)
        .from(offers)
        .where(
          and(
            keyset(offers.createdAt, offers.id, query),
            inKeyProgram(principal, offers.programId),
            query.status ? eq(offers.status, query.status) : undefined,
            query.programId ? eq(offers.programId, query.programId) : undefined,
            query.q ? ilike(offers.name, `%${query.q.replace(/[\\%_]/g, "\\$&")}%`) : undefined,
          ),
        )
        .orderBy(...newestFirst(offers.id))
        .limit(query.limit + 1);
      const p = paged(rows, query.limit);
      return { data: p.rows.map(out), nextCursor: p.nextCursor };
    },
  }),
  route({
    method: "GET",
    path: "/offers/{offerId}",
    operationId: "getOffer",
    summary: "Get an offer",
    tag: "Offers",
    auth: "key",
    scope: "offers:read",
    params: z.object({ offerId: entityId }),
    response: offer,
    handle: ({ db, principal, params }) => readOffer(db, principal, params.offerId),
  }),
  route({
    method: "POST",
    path: "/offers",
    operationId: "createOffer",
    summary: "Create an offer",
    tag: "Offers",
    auth: "key",
    scope: "offers:write",
    body: createBody,
    status: 201,
    response: offer,
    handle: async ({ db, principal, body }) => {
      assertProgram(principal, body.programId);
      const { offerId } = await createOffer(db, { ...body, eventTypes: body.eventTypes ?? DEFAULT_EVENTS, deepLinkHosts: body.deepLinkHosts ?? [] });
      return readOffer(db, principal, offerId);
    },
  }),
  route({
    method: "PATCH",
    path: "/offers/{offerId}",
    operationId: "updateOffer",
    summary: "Update an offer (only the fields sent change)",
    tag: "Offers",
    auth: "key",
    scope: "offers:write",
    params: z.object({ offerId: entityId }),
    body: updateBody,
    response: offer,
    handle: async ({ db, principal, params, body }) => {
      const current = (await readOffer(db, principal, params.offerId)) as unknown as z.output<typeof offer>;
      const { status, ...fields } = body;
      const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      if (Object.keys(changes).length > 0) await updateOffer(db, { ...current, description: current.description ?? "", ...changes, offerId: current.id });
      if (status && status !== current.status) await setOfferStatus(db, { offerId: current.id, status });
      return readOffer(db, principal, current.id);
    },
  }),
];
