import { randomFillSync } from "node:crypto";
import { encodeTime, monotonicFactory, ulid as plainUlid } from "ulid";

/** Prefixes of every id kind. Ids are `<prefix>_<ulid>`: sortable by creation time, opaque, importable. */
export const ID_PREFIXES = {
  user: "usr",
  partner: "prt",
  program: "prg",
  offer: "ofr",
  link: "lnk",
  click: "clk",
  conversion: "cnv",
  commission: "com",
  ledgerEntry: "led",
  payoutBatch: "pay",
  outboxEvent: "evt",
  loginAttempt: "lat",
  visitor: "vis",
  coupon: "cpn",
  partnerPostback: "ppb",
  postbackDelivery: "pbd",
  attribution: "atr",
  modelFit: "mfit",
  attributionRun: "arun",
  plan: "pln",
  planVersion: "plv",
  planAssignment: "pla",
  ngrSettlement: "ngs",
  kpiSettlement: "kps",
  notification: "ntf",
  fraudBlock: "fbl",
  fraudCheck: "fck",
  fraudAppeal: "fap",
  partnerEvent: "pev",
  partnerSponsor: "psp",
  partnerNote: "pnt",
  offerAccessRequest: "oar",
  setupToken: "stp",
  reportView: "rpv",
  accountToken: "tok",
  auditEntry: "aud",
  mailMessage: "msg",
  partnerGroup: "grp",
  signupQuestion: "sqn",
  termsVersion: "trm",
  termsAcceptance: "tac",
  partnerInvite: "inv",
  creative: "crv",
  announcement: "ann",
  webhookEndpoint: "wep",
  webhookMessage: "wmsg",
  documentRequirement: "drq",
  partnerDocument: "doc",
  partnerInvoice: "sbi",
  apiKey: "key",
  partnerToken: "ptk",
  import: "imp",
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

// ulid draws one random byte per character through crypto.getRandomValues (16 native calls per id);
// the hot paths make several ids per request, so bytes come from a pooled crypto-random buffer instead.
const pool = new Uint8Array(4096);
let used = pool.length;
function pooledPrng(): number {
  if (used >= pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  return pool[used++]! / 256;
}

const monotonic = monotonicFactory(pooledPrng);

/**
 * An id whose time part is `at` (default now). Ids made now are strictly increasing within the process;
 * an id for another instant (imports, backfills) keeps that instant.
 */
export function newId(kind: IdKind, at: number = Date.now()): string {
  const now = Date.now();
  // Only ids for "now" go through the monotonic generator: a far-off instant must not move its clock.
  const raw = Math.abs(at - now) > 1000 ? plainUlid(at, pooledPrng) : monotonic(Math.max(at, now));
  return `${ID_PREFIXES[kind]}_${raw.toLowerCase()}`;
}

export function hasPrefix(id: string, kind: IdKind): boolean {
  return new RegExp(`^${ID_PREFIXES[kind]}_[0-9a-hjkmnp-tv-z]{26}$`).test(id);
}

/** The smallest id of a kind made at `at`: ids sort by time, so `id > idFloor(kind, t)` means "made at t or later". */
export function idFloor(kind: IdKind, at: number): string {
  return `${ID_PREFIXES[kind]}_${encodeTime(at, 10).toLowerCase()}${"0".repeat(16)}`;
}
