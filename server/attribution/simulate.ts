import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { partners, type StoredModel } from "@/db/schema";
import { decide } from "./decide";
import { latestFits, loadInputs } from "./load-inputs";
import { conversionIdsInRange, offerTerms, sharesOf, type RangeInput } from "./range";

const CHUNK = 2500;

/** One partner under one model: conversions credited (any share), the sum of credits, and the money per currency. */
export type ModelTally = { conversions: number; credit: number; amounts: Record<string, number> };
export type SimulationPartner = { partnerId: string; name: string; byModel: ModelTally[] };
export type SimulationResult = {
  models: StoredModel[];
  conversions: number;
  /** Every currency the amounts are in (never converted into each other). */
  currencies: string[];
  /** Per model: conversions credited to nobody. */
  unattributed: number[];
  partners: SimulationPartner[];
  dataDriven: { fitId: string | null };
  tookMs: number;
};

/**
 * "What if": the same conversions of a period decided under several models side by side, per partner,
 * without writing anything. Journeys are loaded once (in chunks) and every model is applied in memory.
 */
export async function simulate(db: Db, input: RangeInput & { models: StoredModel[] }): Promise<SimulationResult> {
  const started = performance.now();
  const conversions = await conversionIdsInRange(db, input);
  const terms = await offerTerms(db, input.programId);
  const fit = input.models.some((m) => m.model === "data_driven") ? ((await latestFits(db, [input.programId])).get(input.programId) ?? null) : null;
  const event = new Map(conversions.map((c) => [c.id, c.event]));
  const tallies = new Map<string, ModelTally[]>();
  const unattributed = input.models.map(() => 0);
  const tally = (partnerId: string) => {
    let t = tallies.get(partnerId);
    if (!t) tallies.set(partnerId, (t = input.models.map(() => ({ conversions: 0, credit: 0, amounts: {} as Record<string, number> }))));
    return t;
  };

  const load = (i: number) => (i < conversions.length ? loadInputs(db, conversions.slice(i, i + CHUNK).map((c) => c.id)) : Promise.resolve([]));
  let next = load(0);
  for (let i = 0; i < conversions.length; i += CHUNK) {
    const inputs = await next;
    // The next chunk loads while this one is weighed: the database and the CPU work side by side.
    next = load(i + CHUNK);
    for (const base of inputs) {
      input.models.forEach((model, m) => {
        const decision = decide({ ...base, model, learnedWeights: model.model === "data_driven" ? (fit?.weights ?? null) : null }, { explain: false });
        if (decision.status !== "attributed") {
          unattributed[m]!++;
          return;
        }
        const offer = terms.get(base.offerId);
        for (const share of sharesOf(decision, event.get(base.conversionId) ?? "", offer)) {
          const t = tally(share.partnerId)[m]!;
          t.conversions++;
          t.credit += share.credit;
          if (offer) t.amounts[offer.currency] = (t.amounts[offer.currency] ?? 0) + share.amount;
        }
      });
    }
  }

  const ids = [...tallies.keys()];
  const names = ids.length > 0 ? await db.select({ id: partners.id, name: partners.name }).from(partners).where(inArray(partners.id, ids)) : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const first = (t: ModelTally[]) => Object.values(t[0]?.amounts ?? {}).reduce((a, b) => a + b, 0);
  return {
    models: input.models,
    conversions: conversions.length,
    currencies: [...new Set([...terms.values()].map((t) => t.currency))].sort(),
    unattributed,
    partners: ids
      .map((id) => ({ partnerId: id, name: nameOf.get(id) ?? id, byModel: tallies.get(id)! }))
      .sort((a, b) => first(b.byModel) - first(a.byModel) || a.name.localeCompare(b.name)),
    dataDriven: { fitId: fit?.id ?? null },
    tookMs: Math.round(performance.now() - started),
  };
}
