import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { newId } from "@/db/ids";
import { partnerInvites, partners, users } from "@/db/schema";
import { config } from "@/server/config";
import { DomainError } from "@/server/errors";
import type { CreateInviteInput } from "./schemas";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
export const INVITE_USED_MESSAGE = "This invitation has expired or was already used. Ask the program team for a new one.";

/** A single-use sign-up link that expires; it works even when the program takes partners by invitation only. */
export async function createInvite(db: DbOrTx, input: CreateInviteInput & { actorId: string | null }, now = new Date()) {
  const token = randomBytes(24).toString("base64url");
  const id = newId("partnerInvite");
  const expiresAt = new Date(now.getTime() + input.expiresInDays * 86_400_000);
  await db.insert(partnerInvites).values({ id, tokenHash: hashToken(token), note: input.note || null, approve: input.approve, expiresAt, createdBy: input.actorId });
  // the key names a token so the audit log redacts the URL
  return { inviteId: id, inviteTokenUrl: `${config().appUrl}/signup?invite=${token}`, expiresAt };
}

/** The invitation behind a token if it can still be used (the sign-up page shows the form for it). */
export async function findUsableInvite(db: DbOrTx, token: string, now = new Date()) {
  const [row] = await db
    .select({ id: partnerInvites.id, approve: partnerInvites.approve, expiresAt: partnerInvites.expiresAt })
    .from(partnerInvites)
    .where(and(eq(partnerInvites.tokenHash, hashToken(token)), isNull(partnerInvites.usedAt), gt(partnerInvites.expiresAt, now)));
  return row ?? null;
}

/** Spends an invitation inside the sign-up's transaction: the statement that checks it marks it used. */
export async function spendInvite(tx: DbOrTx, token: string, partnerId: string, now = new Date()) {
  const [row] = await tx
    .update(partnerInvites)
    .set({ usedAt: now, usedByPartnerId: partnerId })
    .where(and(eq(partnerInvites.tokenHash, hashToken(token)), isNull(partnerInvites.usedAt), gt(partnerInvites.expiresAt, now)))
    .returning({ id: partnerInvites.id, approve: partnerInvites.approve });
  if (!row) throw new DomainError("BAD_REQUEST", INVITE_USED_MESSAGE, "inviteToken");
  return row;
}

/** Ends an unused invitation now. */
export async function revokeInvite(db: DbOrTx, inviteId: string, now = new Date()) {
  const [row] = await db.update(partnerInvites).set({ expiresAt: now }).where(and(eq(partnerInvites.id, inviteId), isNull(partnerInvites.usedAt))).returning({ id: partnerInvites.id });
  if (!row) throw new DomainError("NOT_FOUND", "This invitation was already used or does not exist");
  return { inviteId: row.id };
}

/** The newest invitations with their state (the link itself is shown once, when made). */
export async function listInvites(db: DbOrTx, now = new Date()) {
  const rows = await db
    .select({ id: partnerInvites.id, note: partnerInvites.note, approve: partnerInvites.approve, expiresAt: partnerInvites.expiresAt, usedAt: partnerInvites.usedAt, createdAt: partnerInvites.createdAt, createdBy: users.name, partnerId: partners.id, partnerName: partners.name })
    .from(partnerInvites)
    .leftJoin(users, eq(users.id, partnerInvites.createdBy))
    .leftJoin(partners, eq(partners.id, partnerInvites.usedByPartnerId))
    .orderBy(desc(partnerInvites.createdAt), desc(partnerInvites.id))
    .limit(50);
  return rows.map((r) => ({ ...r, state: r.usedAt ? ("used" as const) : r.expiresAt <= now ? ("expired" as const) : ("open" as const) }));
}
