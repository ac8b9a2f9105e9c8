const known = new Set(Intl.supportedValuesOf("currency"));

export function isKnownCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && known.has(code);
}

const digitsCache = new Map<string, number>();

/** Digits after the decimal point in the currency's minor unit (USD 2, JPY 0, BHD 3). */
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    // Building an Intl.NumberFormat costs ~90 µs; the postback path asks once per request.
    digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    if (known.has(currency)) digitsCache.set(currency, digits);
  }
  return digits;
}
