/**
 * The benchmark's "baseline": the redirect's database work (one indexed read of the link joined to its
 * offer, one insert into `clicks` with the same columns as server/tracking/record-click.ts, a 302) on
 * plain node:http + postgres.js, without Next, drizzle or our routing. The gap between it and `ours` is
 * what the framework costs; the gap between it and the floor is what the database costs.
 *
 * Run: DATABASE_URL=... PORT=... node --import tsx scripts/bench/baseline-server.ts
 */
import { createServer } from "node:http";
import postgres from "postgres";
import { newId } from "@/db/ids";
import { fillMacros } from "@/server/tracking/macros";

const url = process.env.DATABASE_URL;
const port = Number(process.env.PORT);
if (!url || !port) throw new Error("DATABASE_URL and PORT are required");

// Same pool size as the app's openDb() default, so both sides get the same database concurrency.
const sql = postgres(url, { max: 10, onnotice: () => {} });

const CODE = /^\/r\/([A-Za-z0-9_-]{1,64})$/;
const clip = (v: string | null | undefined, max: number) => (v == null || v === "" ? null : v.slice(0, max));

type Target = { link_id: string; partner_id: string; offer_id: string; landing_url: string; window_days: number };

async function redirect(code: string, q: URLSearchParams, ip: string | null, ua: string | null, ref: string | null) {
  const [t] = await sql<Target[]>`
    select l.id as link_id, l.partner_id, l.offer_id, o.landing_url, o.attribution_window_days as window_days
    from links l join offers o on o.id = l.offer_id
    where l.code = ${code} and l.status = 'active' and o.status = 'active' limit 1`;
  if (!t) return undefined;
  const now = new Date();
  const id = newId("click", now.getTime());
  const subs = [1, 2, 3, 4, 5].map((i) => clip(q.get(`sub${i}`), 255));
  await sql`
    insert into clicks (id, link_id, partner_id, offer_id, ip, user_agent, referrer, sub1, sub2, sub3, sub4, sub5, created_at)
    values (${id}, ${t.link_id}, ${t.partner_id}, ${t.offer_id}, ${ip}, ${clip(ua, 1024)}, ${clip(ref, 1024)},
            ${subs[0] ?? null}, ${subs[1] ?? null}, ${subs[2] ?? null}, ${subs[3] ?? null}, ${subs[4] ?? null}, ${now})`;
  const location = fillMacros(t.landing_url, { click_id: id, sub1: subs[0], sub2: subs[1], sub3: subs[2], sub4: subs[3], sub5: subs[4] });
  return { id, location, maxAge: t.window_days * 86_400 };
}

const server = createServer((req, res) => {
  const u = new URL(req.url ?? "/", "http://localhost");
  if (u.pathname === "/api/health") {
    res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    return;
  }
  const m = CODE.exec(u.pathname);
  if (!m?.[1]) {
    res.writeHead(404).end();
    return;
  }
  const ip = (req.socket.remoteAddress ?? "").replace(/^::ffff:/, "") || null;
  redirect(m[1], u.searchParams, ip, req.headers["user-agent"] ?? null, req.headers.referer ?? null).then(
    (r) => {
      if (!r) return void res.writeHead(404).end();
      res
        .writeHead(302, {
          location: r.location,
          "set-cookie": `tp_click=${r.id}; Path=/; Max-Age=${r.maxAge}; HttpOnly; SameSite=Lax`,
          "cache-control": "no-store",
        })
        .end();
    },
    (err: unknown) => {
      console.error(err);
      res.writeHead(500).end();
    },
  );
});

server.listen(port, "127.0.0.1");
const stop = () => server.close(() => void sql.end({ timeout: 2 }).finally(() => process.exit(0)));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
