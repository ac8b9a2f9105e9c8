import { and, inArray, sql } from "drizzle-orm";
import { bulkInsert } from "@/db/bulk-insert";
import type { Db } from "@/db/client";
import { newId } from "@/db/ids";
import { attributions, conversions, customerBindings, type AttributionMethod, type AttributionStatus } from "@/db/schema";
import { decide, type Decision } from "./decide";
import { loadInputs, type LoadedInput } from "./load-inputs";

export type AttributionOutcome = {
  conversionId: string;
  status: Exclude<AttributionStatus, "pending">;
  partnerId: string | null;
  method: AttributionMethod | null;
  reason: string;
};

const outcomeOf = (d: Decision): AttributionOutcome => ({ conversionId: d.conversionId, status: d.status, partnerId: d.partnerId, method: d.source, reason: d.reason });

/** The attribution record of a decision (version 1 is the first; re-attribution writes the next). */
export function attributionRow(d: Decision, input: LoadedInput, version: number, now: Date, actorId: string | null = null): typeof attributions.$inferInsert {
  return {
    id: newId("attribution", now.getTime()),
    conversionId: d.conversionId,
    version,
    source: d.source,
    model: d.model,
    fellBackTo: d.fellBackTo,
    modelFitId: d.model.model === "data_driven" && !d.fellBackTo ? input.modelFitId : null,
    rules: d.rules,
    touchpoints: d.touchpoints,
    credits: d.credits,
    reason: d.reason,
    actorId,
    createdAt: now,
  };
}

/**
 * Decides many pending conversions at once: two reads for all of them, the decisions in memory, then one
 * transaction that stores each decision with its explanation and binds first-time customers. Idempotent:
 * a conversion that is no longer pending keeps its first decision, which is what it returns.
 */
export async function attributeBatch(db: Db, conversionIds: string[], now = new Date()): Promise<AttributionOutcome[]> {
  const inputs = await loadInputs(db, conversionIds);
  const pending = inputs.filter((i) => i.status === "pending");
  const decisions = pending.map((input) => ({ input, decision: decide(input) }));

  const won = new Set<string>();
  if (decisions.length > 0) {
    await db.transaction(async (tx) => {
      const payload = decisions.map(({ decision: d }) => ({ id: d.conversionId, status: d.status, partner_id: d.partnerId, method: d.source, reason: d.reason }));
      const updated = await tx.execute(sql`
        update conversions v set attribution_status = x.status, partner_id = x.partner_id, attribution_method = x.method,
          attribution_reason = x.reason, attributed_at = ${now.toISOString()}::timestamptz
        from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) as x(id text, status text, partner_id text, method text, reason text)
        where v.id = x.id and v.attribution_status = 'pending'
        returning v.id`);
      const ids = (Array.isArray(updated) ? updated : (updated as { rows: { id: string }[] }).rows) as { id: string }[];
      for (const r of ids) won.add(r.id);
      const mine = decisions.filter(({ decision }) => won.has(decision.conversionId));
      if (mine.length === 0) return;
      await tx.execute(bulkInsert(attributions, mine.map(({ decision, input }) => attributionRow(decision, input, 1, now))));
      // The first attributed event binds the customer for life; a later one never moves the binding.
      const bindings = mine
        .filter(({ decision, input }) => decision.partnerId && input.customerId)
        .map(({ decision, input }) => ({ programId: input.programId, customerId: input.customerId!, partnerId: decision.partnerId!, offerId: input.offerId, conversionId: decision.conversionId, createdAt: now }));
      if (bindings.length > 0) await tx.insert(customerBindings).values(bindings).onConflictDoNothing();
    });
  }

  const byId = new Map(decisions.filter(({ decision }) => won.has(decision.conversionId)).map(({ decision }) => [decision.conversionId, outcomeOf(decision)]));
  const rest = conversionIds.filter((id) => !byId.has(id));
  if (rest.length > 0) {
    // Decided earlier (or by a concurrent run that won the race): the stored decision stands.
    const stored = await db
      .select({ id: conversions.id, status: conversions.attributionStatus, partnerId: conversions.partnerId, method: conversions.attributionMethod, reason: conversions.attributionReason })
      .from(conversions)
      .where(and(inArray(conversions.id, rest)));
    for (const s of stored) {
      if (s.status === "pending") continue;
      byId.set(s.id, { conversionId: s.id, status: s.status, partnerId: s.partnerId, method: s.method, reason: s.reason ?? "" });
    }
  }
  return conversionIds.flatMap((id) => {
    const o = byId.get(id);
    return o ? [o] : [];
  });
}

/** Decides one conversion (the per-conversion background job); running it again returns the first decision. */
export async function attributeConversion(db: Db, conversionId: string, now = new Date()): Promise<AttributionOutcome> {
  const [outcome] = await attributeBatch(db, [conversionId], now);
  if (!outcome) throw new Error(`conversion ${conversionId} not found`);
  return outcome;
}

