import { eventLabel, formatBp, formatMinor, formatMoney } from "./format";
import type { PeriodVolume, PlanTerms, Tier, TierTerms } from "./types";

/** The partner's volume on the tier's metric, as a bigint so counts and minor-unit sums compare alike. */
export function tierVolume(terms: TierTerms, volume: PeriodVolume): bigint {
  switch (terms.metric) {
    case "ftd_count":
      return BigInt(volume.ftdCount);
    case "event_count":
      return BigInt(volume.eventCount);
    case "amount_sum":
      return volume.amountSum;
  }
}

/** The tier whose inclusive range holds `volume`; undefined below the first tier or past a closed last tier. */
export function pickTier(tiers: readonly Tier[], volume: bigint): Tier | undefined {
  return tiers.find((t) => volume >= BigInt(t.from) && (t.to === null || volume <= BigInt(t.to)));
}

function unit(terms: TierTerms, currency: string, plural = true): string {
  const s = plural ? "s" : "";
  if (terms.metric === "ftd_count") return `FTD${s}`;
  if (terms.metric === "event_count") return `${eventLabel(terms.event)} event${s}`;
  return `${currency} of ${eventLabel(terms.event)}`;
}

function bound(terms: TierTerms, n: number, currency: string): string {
  return terms.metric === "amount_sum" ? formatMinor(BigInt(n), currency) : String(n);
}

/** "tier 11–50 FTDs", "tier 51+ FTDs", "tier 0.00–999.99 USD of deposit". */
export function tierLabel(terms: TierTerms, tier: Tier, currency: string): string {
  const range = tier.to === null ? `${bound(terms, tier.from, currency)}+` : `${bound(terms, tier.from, currency)}–${bound(terms, tier.to, currency)}`;
  return `tier ${range} ${unit(terms, currency)}`;
}

/** "12 FTDs", "1,500.00 USD of deposit": the volume as the partner would say it. */
export function volumeLabel(terms: TierTerms, volume: bigint, currency: string): string {
  return terms.metric === "amount_sum" ? `${formatMoney(volume, currency)} of ${eventLabel(terms.event)}` : `${volume} ${unit(terms, currency, volume !== 1n)}`;
}

export type TierChoice = { tier: Tier; label: string } | { tier: undefined; label: string };

/**
 * The tier of `terms` for the period's volume, with the words a commission line uses. Past a closed last tier
 * no tier applies and the component's own amount or rate is paid: an admin who closes the last tier means
 * "the tiered deal ends here", and paying the base is the reading that never pays more than was written.
 */
export function chooseTier(terms: TierTerms, volume: PeriodVolume, currency: string): TierChoice {
  const v = tierVolume(terms, volume);
  const tier = pickTier(terms.tiers, v);
  if (tier) return { tier, label: `${tierLabel(terms, tier, currency)}, ${volumeLabel(terms, v, currency)} this period` };
  return { tier: undefined, label: `${volumeLabel(terms, v, currency)} this period is outside every tier, so the base rate applies` };
}

/**
 * The NGR rate for a month's settlement: tiered NGR plans pick the rate from the month's volume. The caller passes
 * the result to `settleNgrMonth`, which stays ignorant of tiers.
 */
export function ngrRateFor(terms: PlanTerms, volume: PeriodVolume): { rateBp: number; basis: string } | undefined {
  const ngr = terms.components.ngr;
  if (!ngr) return undefined;
  const tiers = terms.components.tiers;
  if (tiers?.appliesTo !== "ngr") return { rateBp: ngr.rateBp, basis: `${formatBp(ngr.rateBp)} NGR share` };
  const choice = chooseTier(tiers, volume, terms.currency);
  const rateBp = choice.tier?.rateBp ?? ngr.rateBp;
  return { rateBp, basis: `${formatBp(rateBp)} NGR share (${choice.label})` };
}
