/**
 * User text must not carry control characters: PostgreSQL text cannot store NUL (the insert fails with a
 * 500), and the others only ever serve to confuse logs and exports. Multi-line fields may keep tab and
 * line breaks.
 */
const SINGLE_LINE = /[\u0000-\u001f\u007f]/;
const MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export const isCleanText = (v: string, multiline = false) => !(multiline ? MULTI_LINE : SINGLE_LINE).test(v);
export const CONTROL_MESSAGE = "must not contain control characters";
