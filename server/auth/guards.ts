import "server-only";
import { eq } from "drizzle-orm";
import { redirect } from "next/navigation";
import { isTeamRole, partners } from "@/db/schema";
import { getDb } from "@/server/db";
import { getSessionUser } from "./session";

/** Page guards for layouts. Data is still authorized again by each procedure it goes through. */
export async function requireAdmin() {
  const user = await getSessionUser();
  if (!user || !isTeamRole(user.role)) redirect("/login");
  return { ...user, role: user.role };
}

export async function requireApprovedPartner() {
  const user = await getSessionUser();
  if (!user || user.role !== "partner") redirect("/login");
  const [partner] = await (await getDb()).select({ status: partners.status }).from(partners).where(eq(partners.userId, user.id));
  if (partner?.status !== "approved") redirect("/login");
  return user;
}
