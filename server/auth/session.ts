import { getServerSession } from "next-auth";
import { authOptions } from "./options";

/** The signed-in user for a server component or route handler, or null. */
export async function getSessionUser() {
  const session = await getServerSession(authOptions());
  return session?.user ?? null;
}
