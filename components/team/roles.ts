/** How each role is named on the pages. */
export const ROLE_LABELS: Record<string, string> = {
  owner: "Owner",
  admin: "Admin",
  manager: "Affiliate manager",
  finance: "Finance",
  support: "Support",
  viewer: "Viewer",
};
