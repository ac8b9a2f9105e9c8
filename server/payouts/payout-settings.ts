import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { programs } from "@/db/schema";
import { isKnownCurrency } from "@/server/money/currency";

export const payoutSettingsInput = z
  .object({
    frequency: z.enum(["monthly", "weekly", "manual"]),
    day: z.int("Use a whole number").min(1, "Use 1 or more"),
    thresholds: z.record(z.string().refine(isKnownCurrency, "Use an ISO 4217 currency code"), z.int("Use minor units").min(0, "Must not be negative").max(1e12)),
  })
  .refine((v) => v.frequency !== "monthly" || v.day <= 28, { path: ["day"], message: "Use a day from 1 to 28, so every month has it" })
  .refine((v) => v.frequency !== "weekly" || v.day <= 7, { path: ["day"], message: "Use 1 (Monday) to 7 (Sunday)" });

/** The payout schedule and minimums, for every program (one operator pays partners once, across programs). */
export async function setPayoutSettings(db: DbOrTx, input: z.output<typeof payoutSettingsInput>) {
  await db.update(programs).set({ payoutSettings: { schedule: { frequency: input.frequency, day: input.day }, thresholds: input.thresholds } });
  return { ok: true };
}
