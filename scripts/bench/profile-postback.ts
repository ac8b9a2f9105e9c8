/** Dev aid: start the app with --cpu-prof, load /api/postback, stop; the profile lands in PROF_DIR. */
import { randomBytes } from "node:crypto";
import { measure } from "./load";
import { freePort, listenerPid, pinGroup, pinSelf, startServer, stopServer, waitReady } from "./procs";
import { createBenchDb, seed } from "./seed";
import { postbackTarget, redirectTarget } from "./targets";

async function main() {
  pinSelf(1);
  const db = await createBenchDb();
  try {
    const seeded = await seed(db.url, 50);
    const port = await freePort();
    const dir = process.env.PROF_DIR ?? "/tmp/prof";
    const app = startServer("touchpoint", process.execPath, ["--cpu-prof", `--cpu-prof-dir=${dir}`, "--import", "tsx", "scripts/start.ts"], {
      ...process.env,
      DATABASE_URL: db.url,
      DEMO_SEED: "false",
      NEXTAUTH_SECRET: randomBytes(24).toString("hex"),
      PORT: String(port),
      ...(process.env.PROF_JOBS ? { JOBS: process.env.PROF_JOBS } : {}),
    });
    await waitReady(app, `http://127.0.0.1:${port}/api/health`, 300_000);
    pinGroup(app.pid, 0);
    const url = `http://127.0.0.1:${port}`;
    const pid = listenerPid(port) ?? app.pid;
    await measure(redirectTarget("clicks", { url, pid }, seeded.codes), { latency: false, seconds: 5 });
    const rows = await db.sql<{ id: string }[]>`select id from clicks limit 3000`;
    const pb = postbackTarget({ url, pid }, seeded.token, rows.map((r) => r.id));
    const m = await measure(pb.target, { latency: false, seconds: Number(process.env.PROF_SECONDS ?? 15) });
    console.log(`postback ${Math.round(m.rps)} req/s, errors ${m.errors}`);
    const [done] = await db.sql<{ n: number; total: number }[]>`select count(*) filter (where processed_at is not null)::int n, count(*)::int total from outbox_events`;
    console.log(`outbox ${done?.n}/${done?.total}`);
    await stopServer(app);
  } finally {
    await db.drop();
  }
}
main().then(() => process.exit(0), (e: unknown) => { console.error(e); process.exit(1); });
