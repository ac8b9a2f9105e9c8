import type { TeamRole, UserRole } from "@/db/schema";

/** Everything an owner or admin may do. */
const ALL = [
  "partners:review",
  "commissions:review",
  "payouts:manage",
  "program:read",
  "program:manage",
  "coupons:manage",
  "attribution:read",
  "attribution:manage",
  "fraud:review",
  "fraud:manage",
  "reports:read",
  "team:manage",
  "audit:read",
  "mailbox:read",
  "webhooks:manage",
  "documents:read",
  "documents:review",
  "api_keys:manage",
  "imports:manage",
  "account:self",
] as const;

/**
 * Roles to permissions, in one place; routers name a permission, never a role.
 * `read:all` lets a role call every admin *query* (not mutation) except the SENSITIVE ones below, so the
 * read-only roles can open every page other developers add without each one being listed here.
 */
export const PERMISSIONS = {
  owner: [...ALL, "team:owner"],
  admin: ALL,
  // sees and acts on the partners assigned to them only (see partnerScope)
  manager: ["partners:review", "commissions:review", "program:read", "attribution:read", "account:self"],
  // approves and pays; reads everything; cannot edit plans, programs or settings
  finance: ["read:all", "commissions:review", "payouts:manage", "account:self"],
  // reads everything; answers applicants; changes nothing that moves money
  support: ["read:all", "partners:review", "documents:read", "documents:review", "account:self"],
  viewer: ["read:all", "account:self"],
  partner: ["portal:use"],
} as const satisfies Record<UserRole, readonly string[]>;

export type Permission = (typeof PERMISSIONS)[UserRole][number];

/** Never granted by `read:all`: the dev mailbox holds other people's reset and invite links; documents are
 * identity papers; the API key list says which keys exist and what they may do. */
const SENSITIVE: readonly Permission[] = ["mailbox:read", "documents:read", "documents:review", "api_keys:manage"];

export function can(role: UserRole, permission: Permission, kind: "query" | "mutation" | "subscription" = "mutation"): boolean {
  const granted = PERMISSIONS[role] as readonly string[];
  if (granted.includes(permission)) return true;
  return kind === "query" && granted.includes("read:all") && !SENSITIVE.includes(permission);
}

/** The manager whose partners a team member is limited to (null: every partner). */
export function partnerScope(user: { id: string; role: UserRole }): string | null {
  return user.role === "manager" ? user.id : null;
}

/** Roles a member may give others. Nobody is made owner this way, and only the owner makes admins. */
export function assignableRoles(actorRole: TeamRole): TeamRole[] {
  if (actorRole === "owner") return ["admin", "manager", "finance", "support", "viewer"];
  if (actorRole === "admin") return ["manager", "finance", "support", "viewer"];
  return [];
}
