import type { UserRole } from "@/db/schema";

/** Roles to permissions, in one place. New roles (finance, support) are added here, not in routers. */
export const PERMISSIONS = {
  admin: ["partners:review", "commissions:review", "payouts:manage", "program:read", "program:manage", "coupons:manage", "attribution:read", "attribution:manage", "fraud:review", "fraud:manage"],
  partner: ["portal:use"],
} as const satisfies Record<UserRole, readonly string[]>;

export type Permission = (typeof PERMISSIONS)[UserRole][number];

export function can(role: UserRole, permission: Permission): boolean {
  return (PERMISSIONS[role] as readonly string[]).includes(permission);
}
