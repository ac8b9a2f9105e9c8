import type { RuleSettings } from "./config";
import { hit } from "./hit";
import type { FraudInput, RuleHit } from "./types";

/**
 * Trips when the click's country is not in the offer's allowed list (compared upper-case). An empty list allows
 * every country. An unknown country trips only with `flagUnknownCountry`: geo databases miss many mobile ranges.
 */
export function geoNotAllowed(input: FraudInput, settings: RuleSettings["geo_not_allowed"]): RuleHit | null {
  const allowed = input.offer?.allowedCountries;
  const click = input.click;
  if (!click || !allowed || allowed.length === 0) return null;
  const country = click.country?.trim().toUpperCase() || null;
  if (country === null && !settings.flagUnknownCountry) return null;
  if (country !== null && allowed.some((c) => c.trim().toUpperCase() === country)) return null;
  const where = country === null ? "an unknown country" : country;
  return hit("geo_not_allowed", settings.score, `The click came from ${where}; this offer accepts ${allowed.join(", ")} only.`, {
    country,
    allowed: allowed.join(","),
  });
}
