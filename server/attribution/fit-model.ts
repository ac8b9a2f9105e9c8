import { and, desc, eq, isNotNull, or, sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { newId } from "@/db/ids";
import { modelFits, offers, programs } from "@/db/schema";
import { asArray } from "./load-inputs";
import { learnRemovalEffects, type Journey } from "./markov";
import { DAY_MS } from "@/server/time/days";

/** How much history a fit learns from, and how often it is refreshed. */
export const FIT_DAYS = 90;
export const FIT_EVERY_MS = DAY_MS;

/**
 * Learns data-driven credit for a program from its own journeys of the last 90 days: each visitor's
 * clicks in order, converting when any of them led to a reported conversion (a first-order Markov chain
 * and each partner's removal effect). Too few conversions: the fit is stored but marked insufficient, and
 * the model falls back to linear.
 */
export async function fitModel(db: Db, programId: string, now = new Date()) {
  const from = new Date(now.getTime() - FIT_DAYS * DAY_MS);
  const rows = rowsOf<{ partners: string[] | string; converted: boolean }>(
    await db.execute(sql`
      select array_agg(c.partner_id order by c.created_at, c.id) as partners,
        bool_or(exists (select 1 from conversions v where v.click_id = c.id)) as converted
      from clicks c join offers o on o.id = c.offer_id
      where o.program_id = ${programId} and c.created_at >= ${from.toISOString()}::timestamptz and c.created_at < ${now.toISOString()}::timestamptz
        and c.visitor_id is not null and not c.is_bot
      group by c.visitor_id`),
  );
  const journeys: Journey[] = rows.map((r) => ({ partners: asArray(r.partners), converted: r.converted }));
  const learned = learnRemovalEffects(journeys);
  const [fit] = await db
    .insert(modelFits)
    .values({ id: newId("modelFit", now.getTime()), programId, weights: learned.weights, journeys: learned.journeys, conversions: learned.conversions, sufficient: learned.sufficient, fromAt: from, toAt: now, createdAt: now })
    .returning();
  return fit!;
}

/** Programs that use the data-driven model (as default or on an offer) and whose latest fit is older than a day. */
export async function refreshModelFits(db: Db, now = new Date()): Promise<number> {
  const using = await db
    .selectDistinct({ id: programs.id })
    .from(programs)
    .leftJoin(offers, eq(offers.programId, programs.id))
    .where(or(sql`${programs.attributionModel}->>'model' = 'data_driven'`, and(isNotNull(offers.attributionModel), sql`${offers.attributionModel}->>'model' = 'data_driven'`)));
  let fitted = 0;
  for (const { id } of using) {
    const [last] = await db.select({ at: modelFits.createdAt }).from(modelFits).where(eq(modelFits.programId, id)).orderBy(desc(modelFits.createdAt)).limit(1);
    if (last && now.getTime() - last.at.getTime() < FIT_EVERY_MS) continue;
    await fitModel(db, id, now);
    fitted++;
  }
  return fitted;
}
