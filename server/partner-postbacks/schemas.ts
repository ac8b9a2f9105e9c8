import { z } from "zod";
import { outboundUrl } from "@/server/net/outbound-url";

/** The partner's endpoint (see outboundUrl). */
const endpoint = outboundUrl({ empty: "Enter your tracker's URL", credentials: "Put credentials in a parameter, not before the host", privateNetwork: "This address is on a private network; we only send postbacks to public addresses" });

export const savePostbackInput = z.object({
  kind: z.enum(["url", "webhook"]),
  url: endpoint,
  offerId: z.string().min(1).max(64).nullable(),
  events: z.array(z.string().regex(/^[a-z0-9_]{1,32}$/, "Events are lower-case names such as ftd")).max(20).default([]),
});
export type SavePostbackInput = z.infer<typeof savePostbackInput>;
