import { isIP } from "node:net";
import { z } from "zod";
import { isBlockedAddress } from "@/server/net/ip-policy";
import { isCleanText } from "@/server/text";

/** The partner's endpoint: absolute http(s), no credentials, not a private address written as a literal. */
const endpoint = z
  .string()
  .trim()
  .min(1, "Enter your tracker's URL")
  .max(2000, "The URL is too long")
  .refine((v) => isCleanText(v), "The URL contains control characters")
  .superRefine((v, ctx) => {
    let url: URL;
    try {
      url = new URL(v);
    } catch {
      ctx.addIssue({ code: "custom", message: "Enter a full URL starting with https:// or http://" });
      return;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") ctx.addIssue({ code: "custom", message: "Only http and https URLs are allowed" });
    else if (url.username || url.password) ctx.addIssue({ code: "custom", message: "Put credentials in a parameter, not before the host" });
    else {
      const host = url.hostname.replace(/^\[|\]$/g, "");
      // Names are checked again when we connect; a literal private address can be refused right away.
      if (host === "localhost" || host.endsWith(".localhost") || (isIP(host) && isBlockedAddress(host))) {
        ctx.addIssue({ code: "custom", message: "This address is on a private network; we only send postbacks to public addresses" });
      }
    }
  });

export const savePostbackInput = z.object({
  kind: z.enum(["url", "webhook"]),
  url: endpoint,
  offerId: z.string().min(1).max(64).nullable(),
  events: z.array(z.string().regex(/^[a-z0-9_]{1,32}$/, "Events are lower-case names such as ftd")).max(20).default([]),
});
export type SavePostbackInput = z.infer<typeof savePostbackInput>;
