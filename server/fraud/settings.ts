import { asc, eq, inArray } from "drizzle-orm";
import { ZodError } from "zod";
import type { DbOrTx } from "@/db/client";
import { fraudOfferSettings, fraudProgramSettings, offers, programs, type StoredFraudOverrides } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { FRAUD_DEFAULTS, type FraudConfig, type FraudOverrides, fraudOverridesSchema, mergeConfig } from "./rules/config";

export type OfferFraudConfig = { config: FraudConfig; allowedCountries: string[] };

const asOverrides = (stored: StoredFraudOverrides | null | undefined): FraudOverrides => (stored ?? {}) as FraudOverrides;

/** FRAUD_DEFAULTS under the program's overrides. */
export async function programConfig(db: DbOrTx, programId: string): Promise<FraudConfig> {
  const [row] = await db.select({ overrides: fraudProgramSettings.overrides }).from(fraudProgramSettings).where(eq(fraudProgramSettings.programId, programId));
  return mergeConfig(FRAUD_DEFAULTS, asOverrides(row?.overrides));
}

/**
 * Defaults -> program -> offer. Saving refuses overrides that do not merge, but a program change made after an
 * offer's was saved can still leave the pair inconsistent: the offer then runs on its program's settings, and
 * the log says so, rather than a conversion waiting forever on a job that cannot succeed.
 */
export async function offerConfig(db: DbOrTx, programId: string, offerId: string): Promise<OfferFraudConfig> {
  const [base, [row]] = await Promise.all([
    programConfig(db, programId),
    db.select({ overrides: fraudOfferSettings.overrides, allowedCountries: fraudOfferSettings.allowedCountries }).from(fraudOfferSettings).where(eq(fraudOfferSettings.offerId, offerId)),
  ]);
  if (!row) return { config: base, allowedCountries: [] };
  try {
    return { config: mergeConfig(base, asOverrides(row.overrides)), allowedCountries: row.allowedCountries };
  } catch (err) {
    console.error(`[fraud] offer ${offerId}: its overrides no longer fit the program's settings; using the program's`, err instanceof Error ? err.message : err);
    return { config: base, allowedCountries: row.allowedCountries };
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The smallest overrides that turn `base` into `desired`: only the fields that differ are stored. */
export function diffOverrides(base: FraudConfig, desired: FraudConfig): FraudOverrides {
  const rules: Record<string, Record<string, unknown>> = {};
  for (const [code, settings] of Object.entries(desired.rules)) {
    const below = base.rules[code as keyof FraudConfig["rules"]] as Record<string, unknown>;
    const changed = Object.fromEntries(Object.entries(settings).filter(([field, value]) => !same(below[field], value)));
    if (Object.keys(changed).length > 0) rules[code] = changed;
  }
  const actions = Object.fromEntries(Object.entries(desired.actions).filter(([k, v]) => base.actions[k as keyof FraudConfig["actions"]] !== v));
  return fraudOverridesSchema.parse({ ...(Object.keys(rules).length > 0 ? { rules } : {}), ...(Object.keys(actions).length > 0 ? { actions } : {}) });
}

/** Zod messages from a merge that failed, as one sentence for the admin. */
function mergeProblem(err: unknown, what: string): DomainError {
  if (err instanceof ZodError) return new DomainError("BAD_REQUEST", `${what}: ${err.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  throw err;
}

/** Every setting of the program and each of its offers, with what each offer overrides. */
export async function getFraudSettings(db: DbOrTx, programId: string) {
  const [program] = await db.select({ id: programs.id, name: programs.name }).from(programs).where(eq(programs.id, programId));
  if (!program) throw new DomainError("NOT_FOUND", "Program not found");
  const config = await programConfig(db, programId);
  const offerRows = await db.select({ id: offers.id, name: offers.name, status: offers.status }).from(offers).where(eq(offers.programId, programId)).orderBy(asc(offers.createdAt));
  const saved = offerRows.length === 0 ? [] : await db.select().from(fraudOfferSettings).where(inArray(fraudOfferSettings.offerId, offerRows.map((o) => o.id)));
  const byOffer = new Map(saved.map((s) => [s.offerId, s]));
  return {
    program,
    defaults: FRAUD_DEFAULTS,
    config,
    offers: await Promise.all(
      offerRows.map(async (o) => {
        const effective = await offerConfig(db, programId, o.id);
        const overrides = asOverrides(byOffer.get(o.id)?.overrides);
        return { ...o, config: effective.config, allowedCountries: effective.allowedCountries, overrides, overridden: Object.keys(overrides.rules ?? {}).length + Object.keys(overrides.actions ?? {}).length };
      }),
    ),
  };
}

/** Stores the program's settings as overrides of the defaults; refused if an offer's overrides would no longer fit. */
export async function setProgramFraudSettings(db: DbOrTx, input: { programId: string; config: FraudConfig; actorId: string | null }) {
  const overrides = diffOverrides(FRAUD_DEFAULTS, input.config);
  const config = mergeConfig(FRAUD_DEFAULTS, overrides);
  const offerRows = await db
    .select({ name: offers.name, overrides: fraudOfferSettings.overrides })
    .from(fraudOfferSettings)
    .innerJoin(offers, eq(offers.id, fraudOfferSettings.offerId))
    .where(eq(fraudOfferSettings.programId, input.programId));
  for (const o of offerRows) {
    try {
      mergeConfig(config, asOverrides(o.overrides));
    } catch (err) {
      throw mergeProblem(err, `Offer "${o.name}" overrides would no longer fit; change it first`);
    }
  }
  const value = { programId: input.programId, overrides: overrides as StoredFraudOverrides, updatedBy: input.actorId };
  await db.insert(fraudProgramSettings).values(value).onConflictDoUpdate({ target: fraudProgramSettings.programId, set: { overrides: value.overrides, updatedBy: value.updatedBy, updatedAt: new Date() } });
  return { overrides };
}

/** Stores an offer's settings as overrides of its program's, and the countries it accepts. */
export async function setOfferFraudSettings(db: DbOrTx, input: { offerId: string; config: FraudConfig; allowedCountries: string[]; actorId: string | null }) {
  const [offer] = await db.select({ programId: offers.programId }).from(offers).where(eq(offers.id, input.offerId));
  if (!offer) throw new DomainError("NOT_FOUND", "Offer not found");
  const base = await programConfig(db, offer.programId);
  const overrides = diffOverrides(base, input.config);
  try {
    mergeConfig(base, overrides);
  } catch (err) {
    throw mergeProblem(err, "These settings do not fit the program's");
  }
  const allowedCountries = [...new Set(input.allowedCountries.map((c) => c.trim().toUpperCase()))].sort();
  const value = { offerId: input.offerId, programId: offer.programId, overrides: overrides as StoredFraudOverrides, allowedCountries, updatedBy: input.actorId };
  await db
    .insert(fraudOfferSettings)
    .values(value)
    .onConflictDoUpdate({ target: fraudOfferSettings.offerId, set: { overrides: value.overrides, allowedCountries, updatedBy: value.updatedBy, updatedAt: new Date() } });
  return { overrides, allowedCountries };
}
