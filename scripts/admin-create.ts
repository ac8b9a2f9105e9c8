/**
 * npm run admin:create -- --email you@company.com --name "Your Name"
 * The password is read from ADMIN_PASSWORD or asked for. With the embedded database, stop the server
 * first: PGlite allows one process per data directory (a lock file refuses a second one).
 */
import path from "node:path";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { migrateDb, openDb } from "../db/client";
import { users } from "../db/schema";
import { createUser } from "../server/auth/create-user";
import { DomainError } from "../server/errors";

async function main() {
  const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });
  if (!values.email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email)) throw new DomainError("BAD_REQUEST", "--email must be an email address");
  let password = process.env.ADMIN_PASSWORD;
  if (!password) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    password = await rl.question("Password (at least 10 characters): ");
    rl.close();
  }
  if (password.length < 10) throw new DomainError("BAD_REQUEST", "the password must have at least 10 characters");
  const handle = await openDb({ url: process.env.DATABASE_URL || undefined, dataDir: path.resolve(process.env.DATA_DIR || "./data", "pglite") });
  try {
    await migrateDb(handle);
    // The first team member is the owner (one per install); later ones are admins.
    const [owner] = await handle.db.select({ id: users.id }).from(users).where(eq(users.role, "owner")).limit(1);
    const role = owner ? "admin" : "owner";
    await createUser(handle.db, { email: values.email, name: values.name ?? values.email, password, role });
    console.log(`${role === "owner" ? "Owner" : "Admin"} ${values.email.toLowerCase()} created. Sign in at /login.`);
  } finally {
    await handle.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
