/** Dev aid: the click handler in-process (no Next), N requests at concurrency C; profile with node --cpu-prof. */
import { openDb } from "@/db/client";
import { setDb } from "@/server/db";
import { handleClick } from "@/server/tracking/handle-click";
import { createBenchDb, seed } from "./seed";

async function main() {
  const bench = await createBenchDb();
  try {
    const seeded = await seed(bench.url, 20);
    const handle = await openDb({ url: bench.url, dataDir: "unused", max: 10 });
    setDb(handle.db);
    const N = Number(process.env.N ?? 20000);
    const C = Number(process.env.C ?? 50);
    let n = 0;
    const run = async (count: number) => {
      const stop = n + count;
      await Promise.all(
        Array.from({ length: C }, async () => {
          while (n < stop) {
            const i = n++;
            const code = seeded.codes[i % seeded.codes.length]!;
            const res = await handleClick(new Request(`http://localhost/r/${code}?sub1=a${i}&sub2=b&utm_source=x`, { headers: { "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1" } }), code);
            if (res.status !== 302) throw new Error(String(res.status));
          }
        }),
      );
    };
    await run(2000);
    const t0 = performance.now();
    await run(N);
    const s = (performance.now() - t0) / 1000;
    console.log(`${N} redirects in ${s.toFixed(2)} s: ${Math.round(N / s)} req/s`);
    await handle.close();
  } finally {
    await bench.drop();
  }
}
main().then(() => process.exit(0), (e: unknown) => { console.error(e); process.exit(1); });
