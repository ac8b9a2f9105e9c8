import { and, eq, gt, inArray, isNull, or } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { partnerBillingDetails, partnerDocuments, partners } from "@/db/schema";
import { appliesTo, listRequirements, type Requirement } from "./requirements";
import { vatFormatError } from "./vat";

type PartnerFacts = { country: string | null; vatNumber: string | null; approved: Set<string> };

async function factsOf(db: DbOrTx, partnerIds: string[], now: Date): Promise<Map<string, PartnerFacts>> {
  if (partnerIds.length === 0) return new Map();
  const people = await db
    .select({ id: partners.id, country: partners.country, billingCountry: partnerBillingDetails.country, vatNumber: partnerBillingDetails.vatNumber })
    .from(partners)
    .leftJoin(partnerBillingDetails, eq(partnerBillingDetails.partnerId, partners.id))
    .where(inArray(partners.id, partnerIds));
  const docs = await db
    .select({ partnerId: partnerDocuments.partnerId, type: partnerDocuments.type })
    .from(partnerDocuments)
    .where(and(inArray(partnerDocuments.partnerId, partnerIds), eq(partnerDocuments.status, "approved"), isNull(partnerDocuments.deletedAt), or(isNull(partnerDocuments.expiresAt), gt(partnerDocuments.expiresAt, now))));
  const facts = new Map<string, PartnerFacts>(people.map((p) => [p.id, { country: p.billingCountry ?? p.country, vatNumber: p.vatNumber, approved: new Set<string>() }]));
  for (const d of docs) facts.get(d.partnerId)?.approved.add(d.type);
  return facts;
}

function satisfied(r: Requirement, f: PartnerFacts): boolean {
  if (r.type === "vat_number") return !!f.vatNumber && !!f.country && vatFormatError(f.country, f.vatNumber) === null;
  return f.approved.has(r.type);
}

/**
 * Per partner, the labels of the required documents that hold their payouts: a requirement that applies to the
 * partner's country (billing country, else profile country), blocks payouts, and has no approved unexpired
 * document (a VAT number: none in the country's format). Partners with nothing missing are not in the map.
 */
export async function missingDocuments(db: DbOrTx, partnerIds: string[], now = new Date()): Promise<Map<string, string[]>> {
  const requirements = (await listRequirements(db).catch(() => [])).filter((r) => r.blocksPayouts);
  const missing = new Map<string, string[]>();
  if (requirements.length === 0) return missing;
  for (const [partnerId, f] of await factsOf(db, partnerIds, now)) {
    const labels = requirements.filter((r) => appliesTo(r, f.country) && !satisfied(r, f)).map((r) => r.label);
    if (labels.length > 0) missing.set(partnerId, labels);
  }
  return missing;
}

/** A partner's requirements with where each stands, for the portal's documents page. */
export async function requirementStatus(db: DbOrTx, partnerId: string, now = new Date()) {
  const requirements = await listRequirements(db).catch(() => []);
  const f = (await factsOf(db, [partnerId], now)).get(partnerId);
  if (!f) return [];
  return requirements.filter((r) => appliesTo(r, f.country)).map((r) => ({ id: r.id, type: r.type, label: r.label, blocksPayouts: r.blocksPayouts, expires: r.expires, satisfied: satisfied(r, f) }));
}
