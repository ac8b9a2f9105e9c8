export const CLICK_MACROS = ["click_id", "sub1", "sub2", "sub3", "sub4", "sub5"] as const;
export type ClickMacro = (typeof CLICK_MACROS)[number];

/**
 * Fills `{macro}` placeholders of an operator-defined URL template. Every value is URL-encoded, so a
 * sub-ID such as `x&payout=9999` stays one parameter value. Unknown placeholders are left as they are.
 */
export function fillMacros(template: string, values: Partial<Record<ClickMacro, string | null>>): string {
  return template.replace(/\{(click_id|sub[1-5])\}/g, (_, name: ClickMacro) => encodeURIComponent(values[name] ?? ""));
}
