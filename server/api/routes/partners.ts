import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { PARTNER_STATUSES, partnerGroupMembers, partners, users } from "@/db/schema";
import { addPartner } from "@/server/partners/add-partner";
import { setPartnerGroups } from "@/server/partners/groups";
import { addPartnerInput, adminEditInput, PARTNER_ACTIONS, partnerActionInput, partnerGroupsInput, sponsorInput } from "@/server/partners/schemas";
import { setPartnerSponsor } from "@/server/partners/set-partner-sponsor";
import { setPartnerStatus } from "@/server/partners/set-partner-status";
import { updatePartner } from "@/server/partners/update-partner";
import { keyset, listQuery, newestFirst, page, paged } from "../cursor";
import { route } from "../define";
import { dateTime, entityId, iso, notFound } from "./common";

const partner = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    status: z.enum(PARTNER_STATUSES),
    statusReason: z.string().nullable(),
    type: z.string(),
    contactName: z.string().nullable(),
    company: z.string().nullable(),
    phone: z.string().nullable(),
    website: z.string().nullable(),
    country: z.string().nullable(),
    trafficSources: z.array(z.string()),
    promotionMethods: z.string().nullable(),
    sponsorId: z.string().nullable().meta({ description: "The partner who recruited this one (multi-tier overrides)." }),
    managerUserId: z.string().nullable(),
    groupIds: z.array(z.string()),
    createdAt: dateTime,
  })
  .meta({ id: "Partner" });

const columns = {
  id: partners.id,
  name: partners.name,
  email: users.email,
  status: partners.status,
  statusReason: partners.statusReason,
  type: partners.type,
  contactName: partners.contactName,
  company: partners.company,
  phone: partners.phone,
  website: partners.website,
  country: partners.country,
  trafficSources: partners.trafficSources,
  promotionMethods: partners.promotionMethods,
  sponsorId: partners.parentPartnerId,
  managerUserId: partners.managerUserId,
  createdAt: partners.createdAt,
};
type Row = { id: string; createdAt: Date };

async function withGroups<T extends Row>(db: DbOrTx, rows: T[]) {
  const ids = rows.map((r) => r.id);
  const members = ids.length ? await db.select().from(partnerGroupMembers).where(inArray(partnerGroupMembers.partnerId, ids)) : [];
  return rows.map((r) => ({ ...r, groupIds: members.filter((m) => m.partnerId === r.id).map((m) => m.groupId), createdAt: iso(r.createdAt) }));
}

async function readPartner(db: DbOrTx, partnerId: string) {
  const rows = await db.select(columns).from(partners).innerJoin(users, eq(users.id, partners.userId)).where(eq(partners.id, partnerId));
  const [one] = await withGroups(db, rows);
  return one ?? notFound("Partner");
}

const idParam = z.object({ partnerId: entityId });

export const partnerRoutes = [
  route({
    method: "GET",
    path: "/partners",
    operationId: "listPartners",
    summary: "List partners",
    tag: "Partners",
    auth: "key",
    scope: "partners:read",
    query: listQuery.extend({ status: z.enum(PARTNER_STATUSES).optional(), type: z.string().max(60).optional() }),
    response: page(partner, "PartnerPage"),
    handle: async ({ db, query }) => {
      const rows = await db
        .select(columns)
        .from(partners)
        .innerJoin(users, eq(users.id, partners.userId))
        .where(and(keyset(partners.createdAt, partners.id, query), query.status ? eq(partners.status, query.status) : undefined, query.type ? eq(partners.type, query.type) : undefined))
        .orderBy(...newestFirst(partners.id))
        .limit(query.limit + 1);
      const p = paged(rows, query.limit);
      return { data: await withGroups(db, p.rows), nextCursor: p.nextCursor };
    },
  }),
  route({
    method: "GET",
    path: "/partners/{partnerId}",
    operationId: "getPartner",
    summary: "Get a partner",
    tag: "Partners",
    auth: "key",
    scope: "partners:read",
    params: idParam,
    response: partner,
    handle: ({ db, params }) => readPartner(db, params.partnerId),
  }),
  route({
    method: "POST",
    path: "/partners",
    operationId: "createPartner",
    summary: "Add a partner (approved or pending); they get an e-mail to set a password",
    tag: "Partners",
    auth: "key",
    scope: "partners:write",
    body: addPartnerInput.meta({ id: "PartnerCreate" }),
    status: 201,
    response: partner,
    handle: async ({ db, principal, body }) => {
      const { partnerId } = await addPartner(db, { ...body, actor: { id: principal.createdBy, name: `API key ${principal.name}` } });
      return readPartner(db, partnerId);
    },
  }),
  route({
    method: "PATCH",
    path: "/partners/{partnerId}",
    operationId: "updatePartner",
    summary: "Update a partner's profile or type (only the fields sent change)",
    tag: "Partners",
    auth: "key",
    scope: "partners:write",
    params: idParam,
    body: adminEditInput.omit({ partnerId: true }).partial().meta({ id: "PartnerUpdate" }),
    response: partner,
    handle: async ({ db, params, body }) => {
      const current = await readPartner(db, params.partnerId);
      const keep = (v: string | null) => v ?? undefined;
      const merged = {
        name: current.name,
        contactName: keep(current.contactName),
        company: keep(current.company),
        phone: keep(current.phone),
        website: keep(current.website),
        country: keep(current.country),
        promotionMethods: keep(current.promotionMethods),
        trafficSources: current.trafficSources,
        ...Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)),
        partnerId: current.id,
      };
      await updatePartner(db, adminEditInput.parse(merged));
      return readPartner(db, current.id);
    },
  }),
  route({
    method: "POST",
    path: "/partners/{partnerId}/status",
    operationId: "changePartnerStatus",
    summary: `Approve, reject, suspend, reactivate or close a partner (${PARTNER_ACTIONS.join(", ")}); reject, suspend and close need a reason`,
    tag: "Partners",
    auth: "key",
    scope: "partners:write",
    params: idParam,
    body: partnerActionInput.omit({ partnerId: true }).meta({ id: "PartnerStatusChange" }),
    response: partner,
    handle: async ({ db, principal, params, body }) => {
      await setPartnerStatus(db, { partnerId: params.partnerId, ...body, actorId: principal.createdBy });
      return readPartner(db, params.partnerId);
    },
  }),
  route({
    method: "POST",
    path: "/partners/{partnerId}/sponsor",
    operationId: "setPartnerSponsor",
    summary: "Set or clear the partner's sponsor (null clears)",
    tag: "Partners",
    auth: "key",
    scope: "partners:write",
    params: idParam,
    body: sponsorInput.omit({ partnerId: true }).meta({ id: "PartnerSponsorChange" }),
    response: partner,
    handle: async ({ db, principal, params, body }) => {
      await setPartnerSponsor(db, { partnerId: params.partnerId, ...body, actorId: principal.createdBy });
      return readPartner(db, params.partnerId);
    },
  }),
  route({
    method: "POST",
    path: "/partners/{partnerId}/groups",
    operationId: "setPartnerGroups",
    summary: "Replace the partner's groups",
    tag: "Partners",
    auth: "key",
    scope: "partners:write",
    params: idParam,
    body: partnerGroupsInput.omit({ partnerId: true }).meta({ id: "PartnerGroupsChange" }),
    response: partner,
    handle: async ({ db, params, body }) => {
      await setPartnerGroups(db, { partnerId: params.partnerId, groupIds: body.groupIds });
      return readPartner(db, params.partnerId);
    },
  }),
];
