/**
 * User text must not carry control characters: PostgreSQL text cannot store NUL (the insert fails with a
 * 500), and the others only ever serve to confuse logs and exports. Multi-line fields may keep tab and
 * line breaks. Nor may it carry a lone UTF-16 surrogate (JSON's "\ud800"): it is no character at all, and
 * PostgreSQL refuses it in jsonb, which was a 500 too. A surrogate pair (an emoji) is one character and fine.
 */
const SINGLE_LINE = /[\u0000-\u001f\u007f]/;
const MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// With the u flag a class of surrogates matches only unpaired ones: a pair reads as one code point.
const LONE_SURROGATE = /[\ud800-\udfff]/u;

export const isCleanText = (v: string, multiline = false) => !(multiline ? MULTI_LINE : SINGLE_LINE).test(v) && !LONE_SURROGATE.test(v);
export const CONTROL_MESSAGE = "must not contain control characters or unpaired UTF-16 surrogates";

/**
 * A spreadsheet opens a cell that starts with = + - @ (or a tab or carriage return) as a formula: a partner
 * who names themselves `=HYPERLINK(...)` could run one on the operator's machine. Such text cells get a leading
 * apostrophe (OWASP's advice); amounts are written by us as plain decimals and are left as they are.
 */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
