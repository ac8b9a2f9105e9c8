import fs from "node:fs";
import path from "node:path";
import { isEmpty, seedDemo, type DemoLogins } from "@/db/seed/demo";
import { config } from "./config";
import { getDb } from "./db";
import { startSweeper } from "./jobs/sweeper";

function loginsFile() {
  return path.resolve(config().dataDir, "demo-logins.json");
}

function printBanner(logins: DemoLogins | null) {
  const c = config();
  const lines = [
    "",
    `  Touchpoint is running at ${c.appUrl}`,
    `  database: ${c.databaseUrl ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite in ${path.resolve(c.dataDir, "pglite")}`}`,
    `  background jobs: ${c.jobs === "inngest" ? "Inngest" : "in-process runner"}`,
  ];
  if (logins) {
    lines.push(
      "",
      "  Demo logins (password for all: " + logins.password + ")",
      `    admin:    ${logins.admin}   -> ${c.appUrl}/admin`,
      `    partners: ${logins.partners.join(", ")}   -> ${c.appUrl}/portal`,
      `    pending applicant: ${logins.pending}`,
      `  Demo tracking link: ${c.appUrl}/r/demo`,
      `  Postback: ${c.appUrl}/api/postback?token=${logins.postbackToken}&click_id=<click id>&event=ftd&txn_id=<unique id>&amount=100.00&currency=USD`,
    );
  }
  console.log(lines.join("\n") + "\n");
}

/** Runs once when the server process starts: migrate, seed the demo on an empty database, start the sweeper. */
export async function boot(): Promise<void> {
  const c = config();
  const db = await getDb();
  let logins: DemoLogins | null = null;
  if (c.demoSeed && (await isEmpty(db))) {
    logins = await seedDemo(db, { password: c.demoPassword });
    fs.mkdirSync(c.dataDir, { recursive: true });
    fs.writeFileSync(loginsFile(), JSON.stringify(logins, null, 2), { mode: 0o600 });
  } else if (fs.existsSync(loginsFile())) {
    logins = JSON.parse(fs.readFileSync(loginsFile(), "utf8")) as DemoLogins;
  }
  startSweeper(db);
  printBanner(logins);
}
