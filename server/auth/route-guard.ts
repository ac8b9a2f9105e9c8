import { getDb } from "@/server/db";
import { missingRequiredTwoFactor } from "@/server/auth/two-factor";
import { can, type Permission } from "./permissions";
import { getSessionUser } from "./session";
import type { SessionUser } from "./authenticate";

/**
 * The checks of an admin procedure, for a route handler (a CSV download): a live session, a role with the
 * permission (read from the database), and two-factor when the owner requires it. A refusal comes as the response to send.
 */
export async function memberFor(permission: Permission, kind: "query" | "mutation" = "query"): Promise<{ user: SessionUser; refused: null } | { user: null; refused: Response }> {
  const user = await getSessionUser();
  if (!user) return { user: null, refused: Response.json({ error: "Sign in first." }, { status: 401 }) };
  if (!can(user.role, permission, kind)) return { user: null, refused: Response.json({ error: "You do not have access to this." }, { status: 403 }) };
  if (await missingRequiredTwoFactor(await getDb(), user.id)) return { user: null, refused: Response.json({ error: "Set up two-factor authentication first." }, { status: 403 }) };
  return { user, refused: null };
}
