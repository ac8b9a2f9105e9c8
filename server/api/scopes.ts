/** The resources an API key can be given, each readable and (where the API writes it) writable. */
export const API_RESOURCES = ["programs", "offers", "partners", "links", "conversions", "commissions", "payouts", "reports", "clicks", "coupons", "creatives", "webhooks"] as const;
export type ApiResource = (typeof API_RESOURCES)[number];

/** Resources the API only reads. */
const READ_ONLY: readonly ApiResource[] = ["programs", "reports", "clicks"];

export const API_SCOPES = API_RESOURCES.flatMap((r) => (READ_ONLY.includes(r) ? [`${r}:read`] : [`${r}:read`, `${r}:write`])) as ApiScope[];
export type ApiScope = `${ApiResource}:${"read" | "write"}`;

/** A write scope implies reading the same resource (a key that may approve commissions may list them). */
export function hasScope(granted: readonly string[], needed: ApiScope): boolean {
  if (granted.includes(needed)) return true;
  const [resource, access] = needed.split(":");
  return access === "read" && granted.includes(`${resource}:write`);
}
