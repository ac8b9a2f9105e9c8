import { z } from "zod";

/** An operator's page origin: scheme, host and optional port, as browsers send it in Origin. */
export function normaliseOrigin(text: string): string | null {
  try {
    const url = new URL(text.trim());
    if (url.protocol !== "https:" && url.protocol !== "http:") return null;
    if (url.username || url.password || url.pathname !== "/" || url.search || url.hash) return null;
    return url.origin;
  } catch {
    return null;
  }
}

export const savePixelSettingsInput = z.object({
  offerId: z.string().min(1).max(64),
  enabled: z.boolean(),
  events: z.array(z.string().regex(/^[a-z0-9_]{1,32}$/, "Choose events from the offer's list")).max(50),
  allowedOrigins: z
    .array(z.string().max(200).refine((v) => normaliseOrigin(v) !== null, "Enter an origin such as https://www.example.com (no path)"))
    .max(50, "At most 50 origins"),
});
export type SavePixelSettingsInput = z.infer<typeof savePixelSettingsInput>;

export const offerIdInput = z.object({ offerId: z.string().min(1).max(64) });
