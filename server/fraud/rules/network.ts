import { cachedCidrs, unmapIp } from "./cidr";
import type { RuleSettings } from "./config";
import { hit } from "./hit";
import type { FraudInput, RuleHit } from "./types";

/** Trips when the tracking layer's user-agent check (isbot) marked the attributed click as a bot. */
export function botUserAgent(input: FraudInput, settings: RuleSettings["bot_user_agent"]): RuleHit | null {
  if (!input.click?.isBot) return null;
  return hit("bot_user_agent", settings.score, "The click came from a browser that identifies itself as a bot or crawler.", { clickId: input.click.id });
}

/** Trips when the click IP lies inside any range of the datacenter/hosting feed (range bounds inclusive). */
export function datacenterIp(input: FraudInput, settings: RuleSettings["datacenter_ip"]): RuleHit | null {
  const ip = input.click?.ip;
  const ranges = input.datacenterRanges;
  if (!ip || !ranges || !ranges.contains(ip)) return null;
  return hit("datacenter_ip", settings.score, `The click came from ${unmapIp(ip)}, an address in a datacenter or hosting network rather than a consumer connection.`, { ip: unmapIp(ip) });
}

/**
 * Trips when the click IP is inside an admin-blocked range, or any sub-id equals a blocked sub-id exactly
 * (case-sensitive: sub-ids are partner-chosen opaque tokens).
 */
export function blockedRange(input: FraudInput, settings: RuleSettings["blocked_range"]): RuleHit | null {
  const click = input.click;
  if (!click) return null;
  const ip = click.ip;
  const ipBlocked = ip !== null && settings.cidrs.length > 0 && cachedCidrs(settings.cidrs).contains(ip);
  const blockedSubs = new Set(settings.subIds);
  const subId = click.subIds.find((s): s is string => s !== null && blockedSubs.has(s)) ?? null;
  if (!ipBlocked && subId === null) return null;
  const parts = [ipBlocked ? `its IP ${ip === null ? "" : unmapIp(ip)} is in a blocked range` : null, subId === null ? null : `its sub-id "${subId}" is blocked`];
  return hit("blocked_range", settings.score, `The click is blocked by the admin: ${parts.filter(Boolean).join(" and ")}.`, {
    ip: ipBlocked && ip !== null ? unmapIp(ip) : null,
    subId,
  });
}
