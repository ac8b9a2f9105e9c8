import { isIP } from "node:net";
import { z } from "zod";
import { isCleanText } from "@/server/text";
import { isBlockedAddress } from "./ip-policy";

type Messages = { empty: string; credentials: string; privateNetwork: string };

/**
 * A URL we will send to (partners' postbacks, operators' webhooks): absolute http(s), no credentials, not a
 * private address written as a literal. Names are checked again at connect time by the SSRF-safe client; a
 * literal private address can be refused as the form is saved. `allowPrivate` names the ranges an operator let
 * in (OUTBOUND_ALLOW_PRIVATE), read when the value is checked.
 */
export function outboundUrl(messages: Messages, allowPrivate?: () => string[]) {
  return z
    .string()
    .trim()
    .min(1, messages.empty)
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
      else if (url.username || url.password) ctx.addIssue({ code: "custom", message: messages.credentials });
      else {
        const host = url.hostname.replace(/^\[|\]$/g, "");
        const policy = allowPrivate ? { allowPrivate: allowPrivate() } : undefined;
        if (host === "localhost" || host.endsWith(".localhost") || (isIP(host) && isBlockedAddress(host, policy))) ctx.addIssue({ code: "custom", message: messages.privateNetwork });
      }
    });
}
