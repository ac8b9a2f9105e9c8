import { randomBytes } from "node:crypto";
import { asc, eq, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { isTeamRole, TEAM_ROLES, users, type TeamRole } from "@/db/schema";
import { issueToken } from "@/server/auth/account-tokens";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { assignableRoles } from "@/server/auth/permissions";
import { config } from "@/server/config";
import { DomainError, isUniqueViolation } from "@/server/errors";
import { dispatchOutbox } from "@/server/outbox/dispatch";
import { queueMail } from "@/server/mail/queue-mail";

export const INVITE_TTL_MS = 7 * 86_400_000;
type Actor = { id: string; name: string; role: TeamRole };

export async function listMembers(db: Db) {
  return db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, status: users.status, twoFactor: sql<boolean>`${users.totpEnabledAt} is not null`, createdAt: users.createdAt })
    .from(users)
    .where(ne(users.role, "partner"))
    .orderBy(sql`array_position(array[${sql.join(TEAM_ROLES.map((r) => sql`${r}`), sql`, `)}]::text[], ${users.role})`, asc(users.createdAt));
}

/** A new member with no password yet, and an invite e-mail whose link lets them set one. */
export async function inviteMember(db: Db, actor: Actor, input: { email: string; name: string; role: TeamRole }) {
  if (!assignableRoles(actor.role).includes(input.role)) throw new DomainError("FORBIDDEN", `You cannot invite someone as ${input.role}.`, "role");
  const email = input.email.trim().toLowerCase();
  const queued = await db.transaction(async (tx) => {
    const id = (await tx.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]?.id;
    if (id) throw new DomainError("CONFLICT", "This address already has an account.", "email");
    const [row] = await tx
      .insert(users)
      .values({ email, name: input.name, role: input.role, status: "invited", invitedBy: actor.id, passwordHash: await hashPassword(randomBytes(24).toString("hex")) })
      .returning({ id: users.id })
      .catch((err: unknown) => {
        if (isUniqueViolation(err)) throw new DomainError("CONFLICT", "This address already has an account.", "email");
        throw err;
      });
    if (!row) throw new Error("insert returned nothing");
    const token = await issueToken(tx, row.id, "invite", INVITE_TTL_MS);
    const mail = await queueMail(tx, email, "team_invite", { inviterName: actor.name, role: input.role, link: `${config().appUrl}/invite?token=${token}` });
    return { userId: row.id, outboxId: mail.outboxId };
  });
  dispatchOutbox(db, queued.outboxId);
  return { userId: queued.userId };
}

/** The target, checked: a team member other than the actor, whose role the actor may manage. The owner is nobody's to change. */
async function managed(db: DbOrTx, actor: Actor, userId: string) {
  const [target] = await db.select({ id: users.id, role: users.role, status: users.status }).from(users).where(eq(users.id, userId)).for("update");
  if (!target || !isTeamRole(target.role)) throw new DomainError("NOT_FOUND", "Team member not found");
  if (target.id === actor.id) throw new DomainError("FORBIDDEN", "You cannot change your own role or access.");
  if (target.role === "owner") throw new DomainError("FORBIDDEN", "The owner cannot be demoted or removed.");
  if (!assignableRoles(actor.role).includes(target.role)) throw new DomainError("FORBIDDEN", `Only the owner can change a member who is ${target.role}.`);
  return target;
}

/** A role change ends the member's sessions, so the new role applies from their next request. */
export async function changeRole(db: Db, actor: Actor, input: { userId: string; role: TeamRole }) {
  if (!assignableRoles(actor.role).includes(input.role)) throw new DomainError("FORBIDDEN", `You cannot make someone ${input.role}.`, "role");
  return db.transaction(async (tx) => {
    const target = await managed(tx, actor, input.userId);
    if (target.role === input.role) return { userId: target.id, role: input.role };
    await tx.update(users).set({ role: input.role, sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, target.id));
    return { userId: target.id, role: input.role };
  });
}

export async function setMemberActive(db: Db, actor: Actor, input: { userId: string; active: boolean }) {
  return db.transaction(async (tx) => {
    const target = await managed(tx, actor, input.userId);
    if (target.status === "invited" && input.active) throw new DomainError("BAD_REQUEST", "This member has not accepted the invite yet.");
    await tx
      .update(users)
      .set({ status: input.active ? "active" : "deactivated", sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, target.id));
    return { userId: target.id, status: input.active ? "active" : "deactivated" };
  });
}

/** Ends every session of this user, the current one included. */
export async function signOutEverywhere(db: Db, userId: string) {
  await db.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, userId));
  return { userId };
}

/** Changing one's password ends every other session (and this one: the client signs in again). */
export async function changePassword(db: Db, userId: string, input: { current: string; password: string }) {
  const [user] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!user || !(await verifyPassword(user.hash, input.current))) throw new DomainError("BAD_REQUEST", "That is not your current password.", "current");
  await db.update(users).set({ passwordHash: await hashPassword(input.password), sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, userId));
  return { userId };
}
