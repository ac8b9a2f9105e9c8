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
 * Fills `{macro}` placeholders of a URL template with the names in `known`. Every value is URL-encoded, so
 * a sub-ID such as `x&payout=9999` stays one parameter value. Unknown placeholders are left as they are.
 */
export function fillTemplate(template: string, known: ReadonlySet<string>, values: Record<string, string | null | undefined>): string {
  return template.replace(/\{([a-z0-9_]+)\}/g, (whole, name: string) => (known.has(name) ? encodeURIComponent(values[name] ?? "") : whole));
}

/** Landing page templates (set by the operator). */
export function fillMacros(template: string, values: Partial<Record<ClickMacro, string | null>>): string {
  return fillTemplate(template, KNOWN, values);
}
