/** Dev aid: the postback handler in-process (no Next), N requests at concurrency C; PROF with node --cpu-prof. */
import { openDb } from "@/db/client";
import { setDb } from "@/server/db";
import { handlePostback } from "@/server/conversions/handle-postback";
import { createBenchDb, seed } from "./seed";

async function main() {
  const bench = await createBenchDb();
  try {
    const seeded = await seed(bench.url, 20);
    const handle = await openDb({ url: bench.url, dataDir: "unused", max: 10 });
    setDb(handle.db);
    const { newId } = await import("@/db/ids");
    const [link] = await bench.sql<{ id: string; partner_id: string }[]>`select id, partner_id from links limit 1`;
    const clickIds: string[] = [];
    for (let i = 0; i < 3000; i++) clickIds.push(newId("click"));
    await bench.sql`insert into clicks ${bench.sql(clickIds.map((id) => ({ id, link_id: link!.id, partner_id: link!.partner_id, offer_id: seeded.offerId, ip: "203.0.113.1", user_agent: "x", visitor_id: "v" })))}`;
    const N = Number(process.env.N ?? 3000);
    const C = Number(process.env.C ?? 50);
    let n = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: C }, async () => {
        while (n < N) {
          const i = n++;
          const q = new URLSearchParams({ token: seeded.token, click_id: clickIds[i % clickIds.length]!, event: "ftd", txn_id: `t-${i}`, amount: "10.00", currency: "USD" });
          const res = await handlePostback(new Request(`http://localhost/api/postback?${q}`));
          if (res.status !== 200) throw new Error(`${res.status} ${await res.text()}`);
        }
      }),
    );
    const s = (performance.now() - t0) / 1000;
    console.log(`${N} postbacks in ${s.toFixed(2)} s: ${Math.round(N / s)} req/s`);
    const [done] = await bench.sql<{ n: number }[]>`select count(*) filter (where processed_at is not null)::int n from outbox_events`;
    console.log(`outbox processed at end: ${done?.n}`);
    await handle.close();
  } finally {
    await bench.drop();
  }
}
main().then(() => process.exit(0), (e: unknown) => { console.error(e); process.exit(1); });
