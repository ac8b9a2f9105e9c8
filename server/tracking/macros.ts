export const CLICK_MACROS = [
  "click_id",
  "partner_id",
  "offer_id",
  "link_id",
  "visitor_id",
  "sub1",
  "sub2",
  "sub3",
  "sub4",
  "sub5",
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "utm_term",
  "utm_content",
] as const;
export type ClickMacro = (typeof CLICK_MACROS)[number];

const KNOWN = new Set<string>(CLICK_MACROS);

/**
 * Fills `{macro}` placeholders of an operator-defined URL template. Every value is URL-encoded, so a
 * sub-ID such as `x&payout=9999` stays one parameter value. Unknown placeholders are left as they are.
 */
export function fillMacros(template: string, values: Partial<Record<ClickMacro, string | null>>): string {
  return template.replace(/\{([a-z0-9_]+)\}/g, (whole, name: string) =>
    KNOWN.has(name) ? encodeURIComponent(values[name as ClickMacro] ?? "") : whole,
  );
}
