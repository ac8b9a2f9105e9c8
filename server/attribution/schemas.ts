import { z } from "zod";
import { ATTRIBUTION_SOURCES } from "@/db/schema";

const id = z.string().min(1).max(64);
const percent = z.number({ error: "Enter a percentage" }).min(0, "Use 0 to 100%").max(1, "Use 0 to 100%");

/** A model as an admin picks it (data-driven weights are learned, never typed in). */
export const storedModelInput = z
  .discriminatedUnion("model", [
    z.object({ model: z.enum(["last_click", "first_click", "linear", "data_driven"]) }),
    z.object({ model: z.literal("time_decay"), halfLifeDays: z.number({ error: "Enter a number of days" }).min(0.1, "Use 0.1 to 365 days").max(365, "Use 0.1 to 365 days") }),
    z.object({ model: z.literal("position_based"), firstShare: percent, lastShare: percent }),
  ])
  .superRefine((m, ctx) => {
    if (m.model === "position_based" && m.firstShare + m.lastShare > 1 + 1e-9) {
      ctx.addIssue({ code: "custom", path: ["lastShare"], message: "First and last shares together must not exceed 100%" });
    }
  });

export const programAttributionInput = z.object({
  programId: id,
  model: storedModelInput,
  priority: z
    .array(z.enum(ATTRIBUTION_SOURCES))
    .length(ATTRIBUTION_SOURCES.length, "Order all three kinds of evidence")
    .refine((v) => new Set(v).size === v.length, "Each kind of evidence once"),
});
export type ProgramAttributionInput = z.infer<typeof programAttributionInput>;

export const offerModelInput = z.object({ offerId: id, model: storedModelInput.nullable() });
export type OfferModelInput = z.infer<typeof offerModelInput>;

const MAX_RANGE_DAYS = 366;
export const rangeInput = z
  .object({ programId: id, from: z.coerce.date({ error: "Pick a start date" }), to: z.coerce.date({ error: "Pick an end date" }), offerId: id.nullish() })
  .refine((r) => r.to.getTime() > r.from.getTime(), { path: ["to"], message: "The end must be after the start" })
  .refine((r) => r.to.getTime() - r.from.getTime() <= MAX_RANGE_DAYS * 86_400_000, { path: ["to"], message: `Pick at most ${MAX_RANGE_DAYS} days` });

export const simulateInput = rangeInput.and(z.object({ models: z.array(storedModelInput).min(2, "Pick at least two models").max(8) }));
export const reattributeInput = rangeInput.and(z.object({ reason: z.string().trim().min(3, "Give a reason partners will see").max(300) }));
