import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { payoutDefaults, programs, type PayoutSettings } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { isKnownCurrency, minorDigits } from "@/server/money/currency";

/** A currency without its own threshold: 50 major units (50.00 USD, 50 JPY). */
export const DEFAULT_THRESHOLD_MAJOR = 50;

/** What an operator who never saved payout settings gets: a monthly draft batch from the 1st. */
export const BUILT_IN_PAYOUT_SETTINGS: PayoutSettings = { schedule: { frequency: "monthly", day: 1 }, thresholds: {} };

const fields = {
  frequency: z.enum(["monthly", "weekly", "manual"]),
  day: z.int("Use a whole number").min(1, "Use 1 or more"),
  thresholds: z.record(z.string().refine(isKnownCurrency, "Use an ISO 4217 currency code"), z.int("Use minor units").min(0, "Must not be negative").max(1e12)),
};

type Fields = { frequency: PayoutSettings["schedule"]["frequency"]; day: number };
const dayFits = <T extends z.ZodType<Fields>>(schema: T) =>
  schema
    .refine((v) => v.frequency !== "monthly" || v.day <= 28, { path: ["day"], message: "Use a day from 1 to 28, so every month has it" })
    .refine((v) => v.frequency !== "weekly" || v.day <= 7, { path: ["day"], message: "Use 1 (Monday) to 7 (Sunday)" });

export const payoutSettingsInput = dayFits(z.object(fields));

/** A program's own settings; `inherit: true` drops them so the program follows the default again. */
export const programPayoutSettingsInput = z.discriminatedUnion("inherit", [
  z.object({ programId: z.string().min(1).max(64), inherit: z.literal(true) }),
  dayFits(z.object({ programId: z.string().min(1).max(64), inherit: z.literal(false), ...fields })),
]);

export function thresholdFor(settings: PayoutSettings | undefined, currency: string): number {
  return settings?.thresholds[currency] ?? DEFAULT_THRESHOLD_MAJOR * 10 ** minorDigits(currency);
}

const stored = (input: z.output<typeof payoutSettingsInput>): PayoutSettings => ({ schedule: { frequency: input.frequency, day: input.day }, thresholds: input.thresholds });

/** The operator's default schedule and minimums, which every program without its own follows. */
export async function defaultPayoutSettings(db: DbOrTx): Promise<PayoutSettings> {
  const [row] = await db.select({ settings: payoutDefaults.settings }).from(payoutDefaults).where(eq(payoutDefaults.id, "default"));
  return row?.settings ?? BUILT_IN_PAYOUT_SETTINGS;
}

export async function setPayoutSettings(db: DbOrTx, input: z.output<typeof payoutSettingsInput>) {
  const settings = stored(input);
  await db.insert(payoutDefaults).values({ id: "default", settings }).onConflictDoUpdate({ target: payoutDefaults.id, set: { settings, updatedAt: new Date() } });
  return { ok: true };
}

/** Gives one program its own schedule and minimums (its money is then batched on them), or returns it to the default. */
export async function setProgramPayoutSettings(db: DbOrTx, input: z.output<typeof programPayoutSettingsInput>) {
  const settings = input.inherit ? null : stored(input);
  const done = await db.update(programs).set({ payoutSettings: settings }).where(eq(programs.id, input.programId)).returning({ id: programs.id });
  if (done.length === 0) throw new DomainError("NOT_FOUND", "program not found");
  return { ok: true };
}

/**
 * A payout schedule: the default (programId null: every program without settings of its own, and balance
 * adjustments, which belong to no program) or one program's own.
 */
export type PayoutSchedule = { programId: string | null; programName: string | null; settings: PayoutSettings };

/** The default schedule first, then each program with settings of its own, oldest program first. */
export async function payoutSchedules(db: DbOrTx): Promise<PayoutSchedule[]> {
  const [fallback, own] = await Promise.all([
    defaultPayoutSettings(db),
    db.select({ id: programs.id, name: programs.name, settings: programs.payoutSettings, createdAt: programs.createdAt }).from(programs).orderBy(programs.createdAt, programs.id),
  ]);
  return [{ programId: null, programName: null, settings: fallback }, ...own.flatMap((p) => (p.settings ? [{ programId: p.id, programName: p.name, settings: p.settings }] : []))];
}
