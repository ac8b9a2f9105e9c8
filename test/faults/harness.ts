import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { migrateDb, openDb, type DbHandle } from "@/db/client";
import { buildState } from "@/scripts/build-freshness";
import { linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";

/**
 * The fault tests' harness: a fresh PostgreSQL database, the REAL server (`scripts/start.ts`, the production
 * build in .next) as a child process in its own process group, and small HTTP load clients.
 */
export const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const PG = new URL(PG_ADMIN_URL);
/** A browser's user agent: bots' clicks are stored too, but a real visitor is what the load stands for. */
const UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36";

export function requireBuild(): void {
  const state = buildState(ROOT);
  if (state === "missing") throw new Error("no production build in .next: run `next build` first (npm run build)");
  // scripts/start.ts would rebuild a stale build inside the test, for minutes: refuse instead.
  if (state === "stale") throw new Error("the build in .next is older than the sources: run `next build` first (npm run build)");
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export type Fixture = { name: string; url: string; direct: DbHandle; token: string; code: string; drop: () => Promise<void> };

/** A new database on the local PostgreSQL, migrated, with a program (postback token), an offer and a partner's link. */
export async function createDatabase(label: string): Promise<Fixture> {
  const { default: postgres } = await import("postgres");
  const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {}, connect_timeout: 3 });
  try {
    await admin`select 1`;
  } catch (err) {
    await admin.end({ timeout: 1 });
    throw new Error(`the fault tests need PostgreSQL at ${PG.host} (TEST_PG_URL): ${err instanceof Error ? err.message : String(err)}`);
  }
  const name = `touchpoint_faults_${label}_${randomBytes(4).toString("hex")}`;
  await admin.unsafe(`create database ${name}`);
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const direct = await openDb({ url, dataDir: "unused", max: 4 });
  await migrateDb(direct);
  const owner = await makeAdmin(direct.db);
  const { token, offerId } = await makeProgram(direct.db);
  const { partnerId } = await makePartner(direct.db, owner);
  const code = await linkCode(direct.db, partnerId, offerId);
  return {
    name,
    url,
    direct,
    token,
    code,
    drop: async () => {
      await direct.close().catch(() => {});
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/** The URL of database `name` on the local PostgreSQL, reached through `port` on loopback (a TCP proxy). */
export function viaPort(name: string, port: number): string {
  const u = new URL(PG_ADMIN_URL);
  u.host = `127.0.0.1:${port}`;
  u.pathname = `/${name}`;
  return u.toString();
}

export type Server = {
  port: number;
  base: string;
  pid: () => number;
  /** Starts (or restarts) the process and resolves when it answers. Returns the milliseconds it took. */
  start: () => Promise<number>;
  kill: (signal: NodeJS.Signals) => Promise<void>;
  /** Resident memory of the server process in bytes (Linux /proc). */
  rss: () => number;
  logTail: (lines?: number) => string;
};

/**
 * `npm start` in a child process: scripts/start.ts serves the built app from a child of its own (with the
 * production heap limits), with migrations and the sweeper (the outbox runner) started inside it. Its own process
 * group, so SIGKILL takes all of it.
 */
export function server(opts: { port: number; databaseUrl: string; label: string }): Server {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `touchpoint-faults-${opts.label}-`));
  const logFile = path.join(dataDir, "server.log");
  const base = `http://127.0.0.1:${opts.port}`;
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  const env: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(process.env)) {
    // Local jobs (the in-process runner), not a configured Inngest; no vitest or test settings.
    if (k.startsWith("INNGEST_") || k.startsWith("VITEST") || k === "NODE_ENV" || k === "TEST") continue;
    env[k] = v;
  }
  Object.assign(env, {
    PORT: String(opts.port),
    HOST: "127.0.0.1",
    APP_URL: base,
    NEXTAUTH_URL: base,
    DATABASE_URL: opts.databaseUrl,
    DATA_DIR: dataDir,
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    DEMO_SEED: "false",
    NEXT_TELEMETRY_DISABLED: "1",
  });

  const start = async () => {
    const began = Date.now();
    const out = fs.openSync(logFile, "a");
    fs.writeSync(out, `\n--- start ${new Date().toISOString()}\n`);
    const proc = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "start.ts")], {
      cwd: ROOT,
      env: env as NodeJS.ProcessEnv,
      detached: true,
      stdio: ["ignore", out, out],
    });
    fs.closeSync(out);
    child = proc;
    exited = new Promise((resolve) => proc.once("exit", () => resolve()));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`the server exited at start:\n${logTail()}`);
      // /api/health touches no database; requests wait for instrumentation (migrations, sweeper) anyway.
      const ok = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2_000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return Date.now() - began;
      await sleep(100);
    }
    throw new Error(`the server did not answer within 60 s:\n${logTail()}`);
  };

  const kill = async (signal: NodeJS.Signals) => {
    const proc = child;
    if (!proc?.pid || proc.exitCode !== null || proc.signalCode !== null) return;
    try {
      process.kill(-proc.pid, signal);
    } catch {
      // already gone
    }
    await exited;
  };

  const logTail = (lines = 40) => {
    const text = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : "";
    return text.split("\n").slice(-lines).join("\n");
  };

  return {
    port: opts.port,
    base,
    pid: () => child?.pid ?? 0,
    start,
    kill,
    rss: () => groupRss(child?.pid ?? 0),
    logTail,
  };
}

/**
 * Resident memory of every process in a process group, in bytes: `npm start` serves from a child process (it
 * sets the child's heap limits), so the group's total is what the server costs.
 */
function groupRss(pgid: number): number {
  let bytes = 0;
  let found = 0;
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid pgrp ..."; comm may contain spaces, so split after ")".
      const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(")").pop()?.trim().split(" ") ?? [];
      if (Number(fields[2]) !== pgid) continue;
      const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? NaN);
      if (Number.isFinite(kb)) {
        bytes += kb * 1024;
        found++;
      }
    } catch {
      // exited while we looked
    }
  }
  if (found === 0) throw new Error(`no process in group ${pgid}`);
  return bytes;
}

export type Answer = { status: number; ms: number; retryAfter: string | null; location: string | null; body: string };

/** One request; a network error (the server is down) is status 0, a request over `timeoutMs` is status -1. */
export async function hit(url: string, timeoutMs = 20_000): Promise<Answer> {
  const began = Date.now();
  try {
    const r = await fetch(url, { redirect: "manual", headers: { "user-agent": UA }, signal: AbortSignal.timeout(timeoutMs) });
    const body = await r.text();
    return { status: r.status, ms: Date.now() - began, retryAfter: r.headers.get("retry-after"), location: r.headers.get("location"), body };
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
    return { status: timedOut ? -1 : 0, ms: Date.now() - began, retryAfter: null, location: null, body: "" };
  }
}

/** The click id a 302 hands to the landing page (the test offer's landing URL carries it as `cid`). */
export function clickIdOf(location: string | null): string | null {
  if (!location) return null;
  const id = new URL(location).searchParams.get("cid");
  return id ? id : null;
}

export function postbackUrl(base: string, token: string, clickId: string, txnId: string): string {
  return `${base}/api/postback?${new URLSearchParams({ token, click_id: clickId, event: "ftd", txn_id: txnId, amount: "10.00", currency: "USD" })}`;
}

/** Runs `clients` loops of `step` until `stop()` says so; each loop waits `pauseMs` between its requests. */
export async function load(clients: number, pauseMs: number, step: (client: number) => Promise<void>, stop: () => boolean): Promise<void> {
  await Promise.all(
    Array.from({ length: clients }, async (_, i) => {
      while (!stop()) {
        await step(i);
        await sleep(pauseMs);
      }
    }),
  );
}

export const fmtMb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
