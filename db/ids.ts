import { monotonicFactory } from "ulid";

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
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

const ulid = monotonicFactory();

export function newId(kind: IdKind, now: number = Date.now()): string {
  return `${ID_PREFIXES[kind]}_${ulid(now).toLowerCase()}`;
}

export function hasPrefix(id: string, kind: IdKind): boolean {
  return new RegExp(`^${ID_PREFIXES[kind]}_[0-9a-hjkmnp-tv-z]{26}$`).test(id);
}
