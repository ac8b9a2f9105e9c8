import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { BlockList, isIP } from "node:net";
import { eq, or } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { programs } from "@/db/schema";
import { ttlCache } from "@/server/cache/ttl-cache";
import { addressList } from "@/server/net/client-ip";

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

type ProgramAuth = {
  id: string;
  tokenHash: string;
  /** A replaced token, accepted until `previousExpiresAt` (a grace period the admin picked). */
  previousTokenHash: string | null;
  previousExpiresAt: Date | null;
  signingSecrets: string[];
  allowlist: BlockList | null;
};

// Postback authentication data, cached like the redirect's link lookup: a hit costs no round trip.
// Changes made through the app call invalidateProgramAuth(); other processes see them within 10 s.
const HIT_TTL_MS = 10_000;
const MISS_TTL_MS = 2_000;
const cache = ttlCache<ProgramAuth | null>({ maxEntries: 10_000 });

export function invalidateProgramAuth(db: object): void {
  cache.invalidate(db);
}

function compileAllowlist(entries: string[]): BlockList | null {
  return entries.length === 0 ? null : addressList(entries);
}

async function findProgram(db: DbOrTx, by: "id" | "token", key: string): Promise<ProgramAuth | null> {
  const cacheKey = `${by}:${key}`;
  const hit = cache.get(db, cacheKey);
  if (hit) return hit.value;
  const [row] = await db
    .select({
      id: programs.id,
      tokenHash: programs.postbackTokenHash,
      previousTokenHash: programs.previousPostbackTokenHash,
      previousExpiresAt: programs.previousPostbackTokenExpiresAt,
      signingSecrets: programs.signingSecrets,
      allowlist: programs.postbackIpAllowlist,
    })
    .from(programs)
    .where(by === "id" ? eq(programs.id, key) : or(eq(programs.postbackTokenHash, key), eq(programs.previousPostbackTokenHash, key)));
  const found = row ? { ...row, allowlist: compileAllowlist(row.allowlist) } : null;
  cache.set(db, cacheKey, found, found ? HIT_TTL_MS : MISS_TTL_MS);
  return found;
}

function ipAllowed(ip: string | null | undefined, allowlist: BlockList | null): boolean {
  if (!allowlist) return true;
  if (!ip || !isIP(ip)) return false;
  return allowlist.check(ip, isIP(ip) === 6 ? "ipv6" : "ipv4");
}

/** Which program sent this postback: by its secret token, or by an HMAC signature with the program header. */
export async function authenticateProgram(db: DbOrTx, auth: PostbackAuth): Promise<AuthResult> {
  let program: ProgramAuth | null;
  if (auth.signature) {
    if (!auth.programId) return { ok: false, status: 401, message: `a signed postback must name its program in the ${PROGRAM_HEADER} header` };
    program = await findProgram(db, "id", auth.programId.slice(0, 64));
    const check = program ? verifySignature(auth.signature, auth.rawBody ?? "", program.signingSecrets, auth.now) : { ok: false as const, message: "signature does not match" };
    if (!program || !check.ok) return { ok: false, status: 401, message: check.ok ? "signature does not match" : check.message };
  } else if (auth.token) {
    const hash = hashToken(auth.token);
    program = await findProgram(db, "token", hash);
    // The expiry is checked here, not in SQL, so a cached entry cannot outlive the grace period.
    const current = program !== null && safeEqual(program.tokenHash, hash);
    const previous = program?.previousTokenHash != null && program.previousExpiresAt !== null && safeEqual(program.previousTokenHash, hash) && program.previousExpiresAt.getTime() > (auth.now ?? Date.now());
    if (!program || !(current || previous)) return { ok: false, status: 401, message: "token is not valid for any program" };
  } else {
    return { ok: false, status: 401, message: `token is required (or sign the request: ${SIGNATURE_HEADER} and ${PROGRAM_HEADER} headers)` };
  }
  if (!ipAllowed(auth.ip, program.allowlist)) {
    return { ok: false, status: 403, message: `postbacks from ${auth.ip ?? "this address"} are not allowed for this program` };
  }
  return { ok: true, programId: program.id };
}
