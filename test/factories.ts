import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { newId } from "@/db/ids";
import { links, offers, programs } from "@/db/schema";
import { createUser } from "@/server/auth/create-user";
import type { SessionUser } from "@/server/auth/authenticate";
import { hashToken } from "@/server/conversions/record-postback";
import { applyPartner } from "@/server/partners/apply-partner";
import { reviewPartner } from "@/server/partners/review-partner";
import { recordClick } from "@/server/tracking/record-click";

const uid = () => randomBytes(4).toString("hex");
export const PASSWORD = "correct horse battery";

export async function makeAdmin(db: Db): Promise<SessionUser> {
  const email = `admin-${uid()}@test.example`;
  const id = await createUser(db, { email, name: "Admin", password: PASSWORD, role: "admin" });
  return { id, email, name: "Admin", role: "admin", partnerId: null };
}

export async function makeProgram(db: Db, offer: Partial<typeof offers.$inferInsert> = {}) {
  const token = randomBytes(16).toString("hex");
  const programId = newId("program");
  await db.insert(programs).values({ id: programId, name: `Program ${uid()}`, defaultCurrency: "USD", postbackToken: token, postbackTokenHash: hashToken(token) });
  const offerId = newId("offer");
  await db.insert(offers).values({
    id: offerId,
    programId,
    name: `Offer ${uid()}`,
    landingUrl: "https://lp.example.com/?cid={click_id}&s1={sub1}",
    commissionEvent: "ftd",
    cpaAmount: 20_000,
    currency: "USD",
    ...offer,
  });
  return { programId, offerId, token };
}

/** An approved partner with links to every active offer. */
export async function makePartner(db: Db, admin: SessionUser, status: "approved" | "pending" = "approved") {
  const email = `partner-${uid()}@test.example`;
  const { partnerId } = await applyPartner(db, { name: `Partner ${uid()}`, email, password: PASSWORD });
  if (status === "approved") await reviewPartner(db, { partnerId, decision: "approve", actorId: admin.id });
  const [user] = await db.query.users.findMany({ where: (u, { eq: e }) => e(u.email, email) });
  if (!user) throw new Error("user missing");
  const session: SessionUser = { id: user.id, email, name: user.name, role: "partner", partnerId };
  return { partnerId, email, session };
}

export async function linkCode(db: Db, partnerId: string, offerId: string): Promise<string> {
  const [link] = await db.select().from(links).where(and(eq(links.partnerId, partnerId), eq(links.offerId, offerId)));
  if (!link) throw new Error("partner has no link to this offer");
  return link.code;
}

export async function click(db: Db, code: string, now?: Date) {
  const r = await recordClick(db, { code, ip: "198.51.100.1", userAgent: "test", referrer: null, subs: ["s1"], now });
  if (!r.found) throw new Error(`link ${code} not found`);
  return r.clickId;
}
