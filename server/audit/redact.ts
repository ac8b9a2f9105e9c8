/** Keys whose values never reach the audit log: passwords, secrets, tokens, one-time codes. */
// "current": the change-password form's current password
const SECRET_KEY = /pass(word)?|secret|token|otp|totp|recovery|signature|hash|apikey|^current$/i;
const MAX_JSON = 8_000;
/** Uploaded files (an import's CSV holds e-mails and bank details): the log keeps their size only. */
const FILE_KEY = /^csv$/;

/** A copy of `value` with secret fields replaced, Dates as ISO strings and bigints as strings. */
export function redact(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== "object") return value;
  if (depth > 6) return "[nested]";
  if (Array.isArray(value)) return value.slice(0, 200).map((v) => redact(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? "[redacted]" : FILE_KEY.test(k) && typeof v === "string" ? `[file, ${v.length} characters]` : redact(v, depth + 1)]),
  );
}

/** Redacted and bounded: a huge result is summarised rather than copied into every audit row. */
export function forAudit(value: unknown): unknown {
  const clean = redact(value);
  const json = JSON.stringify(clean ?? null);
  return json.length > MAX_JSON ? { truncated: true, size: json.length } : clean;
}
