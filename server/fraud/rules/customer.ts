import { compileCidrs, unmapIp } from "./cidr";
import type { RuleSettings } from "./config";
import { countInWindow, formatDuration, hit } from "./hit";
import type { FraudInput, RuleHit } from "./types";
import { DAY_MS } from "@/server/time/days";


/**
 * Trips when the customer's IP equals one the partner used (any spelling: ::ffff:1.2.3.4 = 1.2.3.4,
 * 2001:DB8::1 = 2001:db8:0::1), or the customer's e-mail hash equals one of the partner's.
 */
export function selfReferral(input: FraudInput, settings: RuleSettings["self_referral"]): RuleHit | null {
  const partner = input.partner;
  if (!partner) return null;
  const { ip, emailHash } = input.conversion;
  const ipMatch = ip !== null && partner.ips.length > 0 && compileCidrs(partner.ips).contains(ip);
  const emailMatch = emailHash !== null && partner.emailHashes.includes(emailHash);
  if (!ipMatch && !emailMatch) return null;
  const what = [ipMatch ? "IP address" : null, emailMatch ? "e-mail address" : null].filter(Boolean).join(" and ");
  return hit("self_referral", settings.score, `The customer's ${what} matches the partner's own, so the partner appears to have referred themselves.`, {
    ip: ipMatch && ip !== null ? unmapIp(ip) : null,
    ipMatch,
    emailMatch,
  });
}

/**
 * Counts distinct partners credited with a conversion by this customer or device in `[at - windowDays, at]`
 * (inclusive), the scoring partner included. Trips when strictly above `maxPartners`.
 */
export function multiPartnerCustomer(input: FraudInput, settings: RuleSettings["multi_partner_customer"]): RuleHit | null {
  const conversions = input.history?.customerConversions;
  if (!conversions) return null;
  const to = input.conversion.at.getTime();
  const from = to - settings.windowDays * DAY_MS;
  const partners = new Set([input.conversion.partnerId]);
  for (const c of conversions) {
    const t = c.at.getTime();
    if (t >= from && t <= to) partners.add(c.partnerId);
  }
  if (partners.size <= settings.maxPartners) return null;
  return hit("multi_partner_customer", settings.score, `This customer or device converted for ${partners.size} different partners within ${settings.windowDays} days (at most ${settings.maxPartners} expected).`, {
    partners: partners.size,
    maxPartners: settings.maxPartners,
    windowDays: settings.windowDays,
  });
}

/**
 * Counts registrations from the customer's registration IP in `[at - windowSeconds, at]` (inclusive). The
 * caller includes this customer's own registration in the list; ids count once. Trips when strictly above
 * `maxRegistrations`.
 */
export function registrationBurst(input: FraudInput, settings: RuleSettings["registration_burst"]): RuleHit | null {
  const registrations = input.history?.registrationsFromIp;
  if (!registrations) return null;
  const to = input.conversion.at.getTime();
  const n = countInWindow(registrations, to - settings.windowSeconds * 1000, to);
  if (n <= settings.maxRegistrations) return null;
  return hit("registration_burst", settings.score, `${n} accounts registered from the same IP address within ${formatDuration(settings.windowSeconds)} (more than ${settings.maxRegistrations} is suspicious).`, {
    registrations: n,
    maxRegistrations: settings.maxRegistrations,
    windowSeconds: settings.windowSeconds,
  });
}
