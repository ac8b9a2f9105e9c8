import fs from "node:fs";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite has no file locking: two processes on one data directory silently lose writes. This pid file
 * makes a second opener (a script while the server runs) fail loudly instead.
 */
export function lockDataDir(dir: string): void {
  const file = `${dir}.lock`;
  try {
    const pid = Number(fs.readFileSync(file, "utf8"));
    if (pid && pid !== process.pid && alive(pid)) {
      throw new Error(`the embedded database at ${dir} is in use by process ${pid}; stop it first (PGlite allows one process)`);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  fs.writeFileSync(file, String(process.pid));
  process.once("exit", () => {
    try {
      if (fs.readFileSync(file, "utf8") === String(process.pid)) fs.unlinkSync(file);
    } catch {
      // already gone
    }
  });
}
