/**
 * Child processes of the benchmark: servers started in their own process group (so one signal stops a
 * wrapper and everything it spawned), pinned to a CPU, plus the /proc readings used for peak RSS.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";

export const hasTaskset = spawnSync("sh", ["-c", "command -v taskset"]).status === 0;

export type Server = { name: string; child: ChildProcess; pid: number; output: () => string };

const running = new Set<Server>();

/**
 * Starts `cmd args` detached (its own session and process group). It is pinned later, with pinGroup(),
 * once it answers: start.ts may first rebuild the app, and that should use every core.
 */
export function startServer(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv): Server {
  const [file, argv] = [cmd, args];
  const child = spawn(file, argv, { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  // Keep the tail of the output: shown when the server fails to come up, silent otherwise.
  let log = "";
  const keep = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-8000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  if (!child.pid) throw new Error(`${name}: could not spawn ${file}`);
  const server = { name, child, pid: child.pid, output: () => log };
  running.add(server);
  return server;
}

const alive = (s: Server) => s.child.exitCode === null && s.child.signalCode === null;

/** True while any process of the group is left (signal 0 only checks; the wrapper may exit first). */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the whole group (our serve.ts closes the database on it), SIGKILL after 5 s. */
export async function stopServer(s: Server): Promise<void> {
  running.delete(s);
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-s.pid, sig);
    } catch {
      // the group is already gone
    }
  };
  signal("SIGTERM");
  const deadline = Date.now() + 5000;
  while (groupAlive(s.pid) && Date.now() < deadline) await sleep(100);
  if (groupAlive(s.pid)) signal("SIGKILL");
}

export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map(stopServer));
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A port the kernel just handed out, so nothing else is listening on it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers 200. Fails early when the server exits (a build or config error). */
export async function waitReady(s: Server, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive(s)) throw new Error(`${s.name} exited before answering ${url}:\n${s.output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`${s.name} did not answer ${url} within ${timeoutMs / 1000} s:\n${s.output()}`);
}

/** The pid of the process that holds the listening socket on `port` (the tsx/npx wrappers do not). */
export function listenerPid(port: number): number | undefined {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, "0")}`;
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, "utf8").split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      // cols: sl local remote state ... inode (10th); state 0A is LISTEN
      if (cols[1]?.endsWith(hex) && cols[3] === "0A" && cols[9]) inodes.add(`socket:[${cols[9]}]`);
    }
  }
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
        if (inodes.has(fs.readlinkSync(`/proc/${pid}/fd/${fd}`))) return Number(pid);
      }
    } catch {
      // another user's process, or it exited while we looked
    }
  }
  return undefined;
}

/** Resident set size of one process in MB (0 when it is gone). */
export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** The CPUs a process may run on, as the kernel reports them ("0", "0-1"...). */
export function cpusAllowed(pid: number): string {
  try {
    return /Cpus_allowed_list:\s+(\S+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? "?";
  } catch {
    return "?";
  }
}

/** Samples RSS every 200 ms until stopped; returns the peak in MB. */
export function sampleRss(pid: number): () => number {
  let peak = rssMb(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 200);
  return () => {
    clearInterval(timer);
    return Math.max(peak, rssMb(pid));
  };
}

/** CPU time (user + system) of a process, in clock ticks (100 a second on Linux); 0 once it has exited. */
function cpuTicks(pid: string): number {
  try {
    // after "(comm) ": state is field 0, utime field 11, stime field 12
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(")").pop()?.trim().split(" ") ?? [];
    return Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  } catch {
    return 0;
  }
}

/** CPU time of every PostgreSQL process on this machine (the server and its backends), in clock ticks. */
function postgresTicks(): number {
  let n = 0;
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/comm`, "utf8").startsWith("postgres")) n += cpuTicks(pid);
    } catch {
      // exited while we looked
    }
  }
  return n;
}

/**
 * Starts counting the CPU time `pid` and PostgreSQL use; the returned function gives each as a share of one
 * core over the time since (1 = a whole core). A backend that exits in between takes its time with it, so the
 * PostgreSQL figure is a floor; the app's pool keeps its connections, so for a run under load it is close.
 */
export function sampleCpu(pid: number): () => { app: number; postgres: number } {
  const t0 = Date.now();
  const app0 = cpuTicks(String(pid));
  const pg0 = postgresTicks();
  return () => {
    const seconds = Math.max(0.001, (Date.now() - t0) / 1000);
    return { app: (cpuTicks(String(pid)) - app0) / 100 / seconds, postgres: (postgresTicks() - pg0) / 100 / seconds };
  };
}

/** Pins a process and all its threads (-a; threads it creates later inherit the mask) to `cpu`. */
function pin(pid: number, cpu: number): boolean {
  return hasTaskset && spawnSync("taskset", ["-a", "-p", "-c", String(cpu), String(pid)]).status === 0;
}

/** Pins this process, the load generator, so it does not steal the server's core. */
export const pinSelf = (cpu: number) => pin(process.pid, cpu);

/** Pins every process of a server's group (npx, tsx and the node process that serves). */
export function pinGroup(pgid: number, cpu: number): void {
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid pgrp ..."; comm may contain spaces, so split after ")".
      const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(")").pop()?.trim().split(" ") ?? [];
      if (Number(fields[2]) === pgid) pin(Number(pid), cpu);
    } catch {
      // exited while we looked
    }
  }
}
