import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { BlockList, isIP } from "node:net";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { programs } from "@/db/schema";

export const SIGNATURE_HEADER = "x-touchpoint-signature";
export const PROGRAM_HEADER = "x-touchpoint-program";
const MAX_SKEW_SECONDS = 300;

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

const safeEqual = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Checks `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` against any live secret (two may be
 * live during a rotation). Refused when the timestamp is more than 300 s off in either direction, so a
 * captured request cannot be replayed later.
 */
export function verifySignature(header: string, rawBody: string, secrets: string[], now = Date.now()): { ok: true } | { ok: false; message: string } {
  const parts = Object.fromEntries(header.split(",").map((p) => p.trim().split("=", 2) as [string, string]));
  const t = Number(parts.t);
  const v1 = parts.v1 ?? "";
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(v1)) return { ok: false, message: "signature header must look like t=<unix seconds>,v1=<hex sha256 hmac>" };
  if (Math.abs(now / 1000 - t) > MAX_SKEW_SECONDS) return { ok: false, message: "signature timestamp is more than 300 seconds off" };
  const valid = secrets.some((s) => safeEqual(createHmac("sha256", s).update(`${t}.${rawBody}`).digest("hex"), v1));
  return valid ? { ok: true } : { ok: false, message: "signature does not match" };
}

export type PostbackAuth = {
  token?: string;
  signature?: string | null;
  programId?: string | null;
  rawBody?: string;
  ip?: string | null;
  now?: number;
};

type AuthResult = { ok: true; programId: string } | { ok: false; status: 401 | 403; message: string };

function ipAllowed(ip: string | null | undefined, allowlist: string[]): boolean {
  if (allowlist.length === 0) return true;
  if (!ip || !isIP(ip)) return false;
  const list = new BlockList();
  for (const entry of allowlist) {
    const [addr = "", bits] = entry.split("/");
    const type = isIP(addr) === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(addr, type);
    else list.addSubnet(addr, Number(bits), type);
  }
  return list.check(ip, isIP(ip) === 6 ? "ipv6" : "ipv4");
}

/** Which program sent this postback: by its secret token, or by an HMAC signature with the program header. */
export async function authenticateProgram(db: DbOrTx, auth: PostbackAuth): Promise<AuthResult> {
  let program: typeof programs.$inferSelect | undefined;
  if (auth.signature) {
    if (!auth.programId) return { ok: false, status: 401, message: `a signed postback must name its program in the ${PROGRAM_HEADER} header` };
    [program] = await db.select().from(programs).where(eq(programs.id, auth.programId.slice(0, 64)));
    const check = program ? verifySignature(auth.signature, auth.rawBody ?? "", program.signingSecrets, auth.now) : { ok: false as const, message: "signature does not match" };
    if (!program || !check.ok) return { ok: false, status: 401, message: check.ok ? "signature does not match" : check.message };
  } else if (auth.token) {
    const hash = hashToken(auth.token);
    [program] = await db.select().from(programs).where(eq(programs.postbackTokenHash, hash));
    if (!program || !safeEqual(program.postbackTokenHash, hash)) return { ok: false, status: 401, message: "token is not valid for any program" };
  } else {
    return { ok: false, status: 401, message: `token is required (or sign the request: ${SIGNATURE_HEADER} and ${PROGRAM_HEADER} headers)` };
  }
  if (!ipAllowed(auth.ip, program.postbackIpAllowlist)) {
    return { ok: false, status: 403, message: `postbacks from ${auth.ip ?? "this address"} are not allowed for this program` };
  }
  return { ok: true, programId: program.id };
}
