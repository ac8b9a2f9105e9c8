import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { newId } from "@/db/ids";
import { partnerNotes, partners, users } from "@/db/schema";
import { can } from "@/server/auth/permissions";
import { DomainError } from "@/server/errors";

/** Adds an internal note to a partner (never shown to the partner). */
export async function addPartnerNote(db: DbOrTx, input: { partnerId: string; body: string; actorId: string }) {
  const [partner] = await db.select({ id: partners.id }).from(partners).where(eq(partners.id, input.partnerId));
  if (!partner) throw new DomainError("NOT_FOUND", "Partner not found");
  const id = newId("partnerNote");
  await db.insert(partnerNotes).values({ id, partnerId: partner.id, body: input.body.trim(), authorId: input.actorId });
  return { noteId: id };
}

/** Users who may manage partners: every user whose role can review partners. */
export async function listManagers(db: DbOrTx) {
  const rows = await db.select({ id: users.id, name: users.name, email: users.email, role: users.role }).from(users).orderBy(users.name);
  return rows.filter((u) => can(u.role, "partners:review")).map((u) => ({ id: u.id, name: u.name, email: u.email }));
}

/** Assigns (or clears) the admin who looks after a partner. */
export async function assignManager(db: DbOrTx, input: { partnerId: string; managerUserId: string | null }) {
  if (input.managerUserId) {
    const [user] = await db.select({ role: users.role }).from(users).where(eq(users.id, input.managerUserId));
    if (!user || !can(user.role, "partners:review")) throw new DomainError("BAD_REQUEST", "Pick a user of the admin team", "managerUserId");
  }
  const [row] = await db.update(partners).set({ managerUserId: input.managerUserId }).where(eq(partners.id, input.partnerId)).returning({ id: partners.id });
  if (!row) throw new DomainError("NOT_FOUND", "Partner not found");
  return { partnerId: row.id, managerUserId: input.managerUserId };
}
