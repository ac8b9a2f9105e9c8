import type { RuleSettings } from "./config";
import { formatDuration, hit } from "./hit";
import type { FraudInput, RuleHit } from "./types";

/**
 * The classic forged pixel conversion: a partner clicks their own link, then calls the pixel from the same
 * browser (or script) seconds later. Trips for a pixel-reported conversion whose report came from the click's
 * IP address or visitor id within `windowSeconds` (inclusive) of the click. A real customer's browser shares
 * the IP too, but a real sign-up or deposit takes longer than the window; a server postback never trips it.
 */
export function pixelSelfConversion(input: FraudInput, settings: RuleSettings["pixel_self_conversion"]): RuleHit | null {
  const { conversion, click } = input;
  if (conversion.source !== "pixel" || !click) return null;
  const seconds = (conversion.at.getTime() - click.at.getTime()) / 1000;
  if (seconds < 0 || seconds > settings.windowSeconds) return null;
  const sameIp = Boolean(conversion.reporterIp && click.ip && conversion.reporterIp === click.ip);
  const sameVisitor = Boolean(conversion.reporterVisitorId && click.visitorId && conversion.reporterVisitorId === click.visitorId);
  if (!sameIp && !sameVisitor) return null;
  const who = sameIp && sameVisitor ? "IP address and visitor" : sameIp ? "IP address" : "visitor";
  return hit(
    "pixel_self_conversion",
    settings.score,
    `Reported by the browser pixel from the click's own ${who} ${formatDuration(seconds)} after the click (within ${formatDuration(settings.windowSeconds)}): the pattern of a partner converting their own click.`,
    { source: "pixel", secondsAfterClick: Math.round(seconds * 1000) / 1000, sameIp, sameVisitor, windowSeconds: settings.windowSeconds },
  );
}
