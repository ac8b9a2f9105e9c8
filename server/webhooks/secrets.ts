import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

/** How long a rotated-out secret keeps signing beside the new one. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64 (the spec asks for 24 to 64). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

type Keys = { secret: string; previousSecret: string | null; previousSecretExpiresAt: Date | null };

/** The secrets that sign at `now`: the current one, and the previous one during its 24 h overlap. */
export function signingSecrets(k: Keys, now: Date): string[] {
  const previous = k.previousSecret && k.previousSecretExpiresAt && k.previousSecretExpiresAt.getTime() > now.getTime() ? [k.previousSecret] : [];
  return [k.secret, ...previous];
}

/** The three Standard Webhooks headers; `webhook-signature` holds one `v1,<base64>` per live secret, space-separated. */
export function signedHeaders(k: Keys, msgId: string, at: Date, body: string): Record<string, string> {
  const signatures = signingSecrets(k, at).map((s) => new Webhook(s).sign(msgId, at, body));
  return {
    "webhook-id": msgId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
  };
}
