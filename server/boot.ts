import fs from "node:fs";
import path from "node:path";
import { ensureClickPartitions } from "@/db/click-partitions";
import { isEmpty, seedDemo, type DemoLogins } from "@/db/seed/demo";
import { config } from "./config";
import { getDb } from "./db";
import { issueSetupToken } from "./setup/issue-setup-token";
import { warmAsnTable } from "./fraud/asn";
import { startSweeper } from "./jobs/sweeper";

function loginsFile() {
  return path.resolve(config().dataDir, "demo-logins.json");
}

function printBanner(logins: DemoLogins | null, setup: { link: string; expiresAt: Date } | null) {
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
      "  The demo offers hold commissions (casino 30 days, FX 14 days) before they can be approved: to approve a",
      "  test conversion at once, set its offer's hold to 0 days first (Admin -> Plans -> the offer's rules).",
    );
  }
  if (setup) {
    lines.push(
      "",
      "  No admin yet. Open this one-time link to create the owner account",
      `  (it works once, until ${setup.expiresAt.toISOString()}; a restart prints a new one):`,
      "",
      `    ${setup.link}`,
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
    // the demo's past months of clicks went to the default partition: give them their months now
    await ensureClickPartitions(db);
    fs.mkdirSync(c.dataDir, { recursive: true });
    fs.writeFileSync(loginsFile(), JSON.stringify(logins, null, 2), { mode: 0o600 });
  } else if (fs.existsSync(loginsFile())) {
    logins = JSON.parse(fs.readFileSync(loginsFile(), "utf8")) as DemoLogins;
  }
  // A fresh install without the demo: the first start prints a setup link instead of shipping a default login.
  const issued = await issueSetupToken(db);
  const setup = issued ? { link: `${c.appUrl}/setup?token=${issued.token}`, expiresAt: issued.expiresAt } : null;
  if (setup && c.setupLinkFile) fs.writeFileSync(c.setupLinkFile, setup.link, { mode: 0o600 });
  startSweeper(db);
  printBanner(logins, setup);
  // the fraud checks' ASN feed (~0.6 s to read): now, once, instead of inside the first check under load
  setTimeout(warmAsnTable, 0).unref();
}
