import { getServerSession } from "next-auth";
import { getDb } from "@/server/db";
import { loadLiveUser } from "./live-user";
import { authOptions } from "./options";

/** The signed-in user for a server component or route handler, or null. Read from the database, not the
 * token: a deactivated account or an ended session (its version moved on) is signed out here. */
export async function getSessionUser() {
  const session = await getServerSession(authOptions());
  if (!session?.user) return null;
  return loadLiveUser(await getDb(), session.user);
}
