import { z } from "zod";
import { listField } from "@/server/programs/schemas";

const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const HOST = new RegExp(`^(?:\\*\\.)?(?:${LABEL}\\.)+${LABEL}$`);
export const EVENT_TYPE = /^[a-z0-9_]{1,32}$/;

/** `example.com`, or `*.example.com` for its subdomains: the forms the click handler's deep-link check knows. */
export const isHostPattern = (s: string) => s.length <= 253 && HOST.test(s);

/** Shared by the offer "Edit" dialog and `offers.update`. Lists arrive as the text the operator typed. */
export const updateOfferInput = z
  .object({
    offerId: z.string().min(1).max(64),
    status: z.enum(["active", "paused"]),
    attributionWindowDays: z
      .number({ error: "Enter a number of days" })
      .int("Use whole days")
      .min(1, "Use 1 to 365 days")
      .max(365, "Use 1 to 365 days"),
    deepLinkHosts: listField({ max: 50, maxLength: 5000, valid: isHostPattern, what: "a hostname (use example.com or *.example.com)", lowerCase: true }),
    eventTypes: listField({ max: 30, maxLength: 2000, valid: (s) => EVENT_TYPE.test(s), what: "an event type (lower-case letters, digits, _; at most 32)", lowerCase: true }).refine(
      (v) => v.length > 0,
      "Enter at least one event type",
    ),
  });
export type UpdateOfferInput = z.infer<typeof updateOfferInput>;
