import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { partners, users } from "@/db/schema";
import type { SessionUser } from "./authenticate";

/**
 * The session's user as the database has them now, or null when the session has ended: the account was
 * deactivated, or its session version moved on (password or role change, "sign out everywhere").
 * The role comes from here, never from the token. A token without a version counts as version 0.
 */
export async function loadLiveUser(db: DbOrTx, session: SessionUser): Promise<SessionUser | null> {
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, status: users.status, sessionVersion: users.sessionVersion, partnerId: partners.id })
    .from(users)
    .leftJoin(partners, eq(partners.userId, users.id))
    .where(eq(users.id, session.id));
  if (!row || row.status !== "active" || row.sessionVersion !== (session.sessionVersion ?? 0)) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role, partnerId: row.partnerId, sessionVersion: row.sessionVersion };
}
