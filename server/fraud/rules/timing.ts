import type { RuleSettings } from "./config";
import { formatDuration, hit } from "./hit";
import type { FraudInput, RuleHit } from "./types";

/** Seconds from the attributed click to the conversion; negative when the clocks disagree. */
export function ctitSeconds(input: FraudInput): number | null {
  if (!input.click) return null;
  return (input.conversion.at.getTime() - input.click.at.getTime()) / 1000;
}

/**
 * Trips when click-to-conversion time is strictly below `minSeconds` (exactly `minSeconds` passes). A negative
 * time (conversion before click) trips too: it is what click injection looks like.
 */
export function ctitTooShort(input: FraudInput, settings: RuleSettings["ctit_too_short"]): RuleHit | null {
  const ctit = ctitSeconds(input);
  if (ctit === null || ctit >= settings.minSeconds) return null;
  return hit("ctit_too_short", settings.score, `Converted ${formatDuration(ctit)} after the click; genuine customers take at least ${formatDuration(settings.minSeconds)}.`, {
    ctitSeconds: ctit,
    minSeconds: settings.minSeconds,
  });
}

/**
 * Trips when click-to-conversion time is strictly above `maxSeconds` (exactly `maxSeconds` passes), and only for
 * click-driven events: a deposit months after the click is normal, an install months after it is not.
 */
export function ctitTooLong(input: FraudInput, settings: RuleSettings["ctit_too_long"]): RuleHit | null {
  if (!input.conversion.clickDriven) return null;
  const ctit = ctitSeconds(input);
  if (ctit === null || ctit <= settings.maxSeconds) return null;
  return hit("ctit_too_long", settings.score, `Converted ${formatDuration(ctit)} after the click, later than the ${formatDuration(settings.maxSeconds)} a click plausibly drives.`, {
    ctitSeconds: ctit,
    maxSeconds: settings.maxSeconds,
  });
}
