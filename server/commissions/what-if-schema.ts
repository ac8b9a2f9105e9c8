import { z } from "zod";
import { planTermsSchema } from "./plans/schemas";
import { DAY_MS } from "@/server/time/days";

/** The longest period a what-if replays: a quarter. */
export const WHAT_IF_MAX_DAYS = 92;
export const WHAT_IF_MAX_PARTNERS = 50;

const id = z.string().min(1).max(64);

/** A what-if's request; every bad field is named at once (the period's checks included). */
export const whatIfInput = z
  .object({
    programId: id,
    from: z.coerce.date("Pick the first day"),
    to: z.coerce.date("Pick the last day"),
    /** The offer the terms are tried on; absent: every offer of the program. */
    offerId: id.nullish(),
    partnerIds: z.array(id).min(1, "Pick at least one partner").max(WHAT_IF_MAX_PARTNERS, `Pick at most ${WHAT_IF_MAX_PARTNERS} partners`),
    draft: z.union([z.object({ planId: id }), z.object({ terms: planTermsSchema })]),
  })
  .superRefine((v, ctx) => {
    if (v.from.getTime() >= Date.now()) ctx.addIssue({ code: "custom", path: ["from"], message: "Pick a period that has started" });
    if (v.to.getTime() <= v.from.getTime()) ctx.addIssue({ code: "custom", path: ["to"], message: "The period must end after it starts" });
    else if (v.to.getTime() - v.from.getTime() > WHAT_IF_MAX_DAYS * DAY_MS) ctx.addIssue({ code: "custom", path: ["to"], message: `Pick at most ${WHAT_IF_MAX_DAYS} days` });
  });
