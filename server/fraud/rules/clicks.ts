import type { RuleSettings } from "./config";
import { countInWindow, formatDuration, hit } from "./hit";
import type { FraudInput, RuleHit } from "./types";

/**
 * Counts clicks on the same link from the click's IP, and separately from its visitor id, in the window
 * `[click.at - windowSeconds, click.at]` (both ends inclusive), the attributed click included. Trips when either
 * count is strictly above `maxClicks`: with maxClicks 5, a 6th click trips, a 5th does not. Counts made by the caller
 * (`sameIpClickCount`, `sameVisitorClickCount`) are taken as they are.
 */
export function duplicateClicks(input: FraudInput, settings: RuleSettings["duplicate_clicks"]): RuleHit | null {
  const click = input.click;
  const history = input.history;
  if (!click || !history) return null;
  const to = click.at.getTime();
  const from = to - settings.windowSeconds * 1000;
  const self = { id: click.id, at: click.at };
  const byIp = !click.ip ? 0 : (history.sameIpClickCount ?? (history.sameIpClicks ? countInWindow(history.sameIpClicks, from, to, self) : 0));
  const byVisitor = !click.visitorId ? 0 : (history.sameVisitorClickCount ?? (history.sameVisitorClicks ? countInWindow(history.sameVisitorClicks, from, to, self) : 0));
  const worst = Math.max(byIp, byVisitor);
  if (worst <= settings.maxClicks) return null;
  const source = byIp >= byVisitor ? "IP address" : "visitor";
  return hit("duplicate_clicks", settings.score, `${worst} clicks on this link from the same ${source} within ${formatDuration(settings.windowSeconds)} (more than ${settings.maxClicks} is suspicious).`, {
    clicksFromIp: byIp,
    clicksFromVisitor: byVisitor,
    maxClicks: settings.maxClicks,
    windowSeconds: settings.windowSeconds,
  });
}

/**
 * Click spamming: the partner's clicks per conversion on this offer is strictly above `multiplier` × the offer's
 * median, once the partner has at least `minClicks` clicks (inclusive). Zero conversions counts as one, so the
 * ratio stays finite; the conversion being scored is normally among them anyway.
 */
export function clickSpam(input: FraudInput, settings: RuleSettings["click_spam"]): RuleHit | null {
  const stats = input.stats?.clicks;
  const median = input.offer?.medianClicksPerConversion ?? null;
  if (!stats || median === null || !(median > 0)) return null;
  if (stats.clicks < settings.minClicks) return null;
  const ratio = stats.clicks / Math.max(stats.conversions, 1);
  const limit = settings.multiplier * median;
  if (ratio <= limit) return null;
  return hit(
    "click_spam",
    settings.score,
    `The partner sends ${round(ratio)} clicks per conversion on this offer, over ${settings.multiplier}× the offer's median of ${round(median)} (${stats.clicks} clicks, ${stats.conversions} conversions in ${settings.windowDays} days).`,
    { clicks: stats.clicks, conversions: stats.conversions, clicksPerConversion: round(ratio), offerMedian: median, multiplier: settings.multiplier },
  );
}

const round = (n: number) => Math.round(n * 10) / 10;
