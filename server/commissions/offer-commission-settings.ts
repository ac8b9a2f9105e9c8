import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { offers } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { qualificationRulesSchema } from "./plans/schemas";
import { toStoredRules } from "./plans/stored";

export const offerCommissionInput = z.object({
  offerId: z.string().min(1).max(64),
  qualification: qualificationRulesSchema,
  holdDays: z.int("Use whole days").min(0, "Use 0 to 90 days").max(90, "Use 0 to 90 days"),
  autoApprove: z.boolean(),
});
export type OfferCommissionInput = z.input<typeof offerCommissionInput>;

/** When an offer's events earn, and how long commissions wait. Applies to commissions accrued from now on. */
export async function setOfferCommission(db: DbOrTx, input: z.output<typeof offerCommissionInput>) {
  const [row] = await db
    .update(offers)
    .set({ qualification: toStoredRules(input.qualification), holdDays: input.holdDays, autoApprove: input.autoApprove })
    .where(eq(offers.id, input.offerId))
    .returning({ id: offers.id });
  if (!row) throw new DomainError("NOT_FOUND", "Offer not found");
  return row;
}
