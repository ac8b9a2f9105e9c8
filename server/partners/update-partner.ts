import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { partners } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { checkPartnerType } from "./partner-types";
import type { AdminEditInput, ProfileInput } from "./schemas";

const orNull = (v: string | undefined) => (v === undefined ? undefined : v.trim() === "" ? null : v.trim());

function profileSet(input: ProfileInput) {
  return {
    name: input.name.trim(),
    contactName: orNull(input.contactName),
    company: orNull(input.company),
    phone: orNull(input.phone),
    website: orNull(input.website),
    country: orNull(input.country),
    promotionMethods: orNull(input.promotionMethods),
    ...(input.trafficSources ? { trafficSources: [...new Set(input.trafficSources.map((s) => s.trim()))] } : {}),
  };
}

/** A partner edits their own profile: the partner id comes from the session and is the UPDATE's WHERE. */
export async function updateOwnProfile(db: DbOrTx, partnerId: string, input: ProfileInput) {
  const [row] = await db.update(partners).set(profileSet(input)).where(eq(partners.id, partnerId)).returning({ id: partners.id });
  if (!row) throw new DomainError("NOT_FOUND", "Partner not found");
  return { partnerId: row.id };
}

/** An admin edits a partner's profile and type. */
export async function updatePartner(db: DbOrTx, input: AdminEditInput) {
  const [current] = await db.select({ type: partners.type }).from(partners).where(eq(partners.id, input.partnerId));
  if (!current) throw new DomainError("NOT_FOUND", "Partner not found");
  const type = input.type ? await checkPartnerType(db, input.type, current.type) : undefined;
  const [row] = await db
    .update(partners)
    .set({ ...profileSet(input), ...(type ? { type } : {}) })
    .where(eq(partners.id, input.partnerId))
    .returning({ id: partners.id });
  if (!row) throw new DomainError("NOT_FOUND", "Partner not found");
  return { partnerId: row.id };
}

/** The partner's own profile, for the portal's profile form. */
export async function getOwnProfile(db: DbOrTx, partnerId: string) {
  const [p] = await db
    .select({ name: partners.name, contactName: partners.contactName, company: partners.company, phone: partners.phone, website: partners.website, country: partners.country, trafficSources: partners.trafficSources, promotionMethods: partners.promotionMethods, recruitCode: partners.recruitCode })
    .from(partners)
    .where(eq(partners.id, partnerId));
  if (!p) throw new DomainError("NOT_FOUND", "Partner not found");
  return p;
}
