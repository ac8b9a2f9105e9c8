/** EU VAT numbers by the country's prefix (Greece uses EL), after the prefix: the format each member state publishes (VIES). */
const FORMATS: Record<string, RegExp> = {
  AT: /^U\d{8}$/,
  BE: /^[01]\d{9}$/,
  BG: /^\d{9,10}$/,
  CY: /^\d{8}[A-Z]$/,
  CZ: /^\d{8,10}$/,
  DE: /^\d{9}$/,
  DK: /^\d{8}$/,
  EE: /^\d{9}$/,
  EL: /^\d{9}$/,
  ES: /^[A-Z0-9]\d{7}[A-Z0-9]$/,
  FI: /^\d{8}$/,
  FR: /^[A-HJ-NP-Z0-9]{2}\d{9}$/,
  HR: /^\d{11}$/,
  HU: /^\d{8}$/,
  IE: /^(\d{7}[A-W][A-I]?|\d[A-Z+*]\d{5}[A-W])$/,
  IT: /^\d{11}$/,
  LT: /^(\d{9}|\d{12})$/,
  LU: /^\d{8}$/,
  LV: /^\d{11}$/,
  MT: /^\d{8}$/,
  NL: /^\d{9}B\d{2}$/,
  PL: /^\d{10}$/,
  PT: /^\d{9}$/,
  RO: /^\d{2,10}$/,
  SE: /^\d{10}01$/,
  SI: /^\d{8}$/,
  SK: /^\d{10}$/,
};

/** VAT prefix of an EU member state by its ISO country code (GR -> EL), or null outside the EU. */
export function euVatPrefix(country: string): string | null {
  const c = country.toUpperCase();
  const prefix = c === "GR" ? "EL" : c;
  return prefix in FORMATS ? prefix : null;
}

export const isEuCountry = (country: string | null | undefined) => !!country && euVatPrefix(country) !== null;

/** Upper case without spaces, dots or dashes; an EU number gets its country prefix if it was left off. */
export function normaliseVat(country: string, raw: string): string {
  const v = raw.toUpperCase().replace(/[\s.-]/g, "");
  const prefix = euVatPrefix(country);
  if (prefix && !v.startsWith(prefix) && /^[0-9]/.test(v)) return prefix + v;
  return v;
}

/**
 * Why a VAT number is not in its country's format, or null when it is. Only EU formats are known; elsewhere
 * any 4-20 letters and digits pass. A format check, not a VIES lookup: it catches typos, not fake numbers.
 */
export function vatFormatError(country: string, vat: string): string | null {
  const prefix = euVatPrefix(country);
  if (!prefix) return /^[A-Z0-9]{4,20}$/.test(vat) ? null : "Enter 4 to 20 letters and digits";
  if (!vat.startsWith(prefix)) return `${country.toUpperCase()} VAT numbers start with ${prefix}`;
  return FORMATS[prefix]!.test(vat.slice(2)) ? null : `Not the format of ${country.toUpperCase()} VAT numbers (${prefix} followed by its digits)`;
}
