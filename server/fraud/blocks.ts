import { and, desc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { fraudBlocks, partners, programs, type FraudBlockKind } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { parseCidr, unmapIp } from "./rules/cidr";
import { ipVersion } from "@/server/net/cidr-parse";
import type { FraudConfig } from "./rules/config";

export type BlockInput = { programId: string; kind: FraudBlockKind; value: string; partnerId?: string | null; reason: string; actorId: string | null };

/** The stored spelling: one address or range has one value, so a second block of it is found, not added. */
export function normaliseBlockValue(kind: FraudBlockKind, raw: string): string {
  const value = raw.trim();
  if (kind === "sub_id") {
    if (value.length < 1 || value.length > 128) throw new DomainError("BAD_REQUEST", "A sub-ID has 1 to 128 characters", "value");
    return value;
  }
  if (kind === "ip") {
    const ip = unmapIp(value);
    if (ipVersion(ip) === 0) throw new DomainError("BAD_REQUEST", "Enter an IP address such as 203.0.113.7 or 2001:db8::1", "value");
    return ip.toLowerCase();
  }
  const cidr = parseCidr(value);
  if (!cidr) throw new DomainError("BAD_REQUEST", "Enter a range such as 203.0.113.0/24 or 2001:db8::/32", "value");
  return `${cidr.address.toLowerCase()}/${cidr.prefix}`;
}

/** Adds a block, or returns the live block that already says the same. */
export async function addBlock(db: DbOrTx, input: BlockInput) {
  const value = normaliseBlockValue(input.kind, input.value);
  const partnerId = input.kind === "sub_id" ? (input.partnerId ?? null) : null;
  if (input.kind === "sub_id" && !partnerId) throw new DomainError("BAD_REQUEST", "A sub-ID block names the partner whose sub-ID it is", "partnerId");
  const [program] = await db.select({ id: programs.id }).from(programs).where(eq(programs.id, input.programId));
  if (!program) throw new DomainError("NOT_FOUND", "Program not found");
  if (partnerId) {
    const [partner] = await db.select({ id: partners.id }).from(partners).where(eq(partners.id, partnerId));
    if (!partner) throw new DomainError("NOT_FOUND", "Partner not found", "partnerId");
  }
  const live = await db
    .select()
    .from(fraudBlocks)
    .where(and(eq(fraudBlocks.programId, input.programId), eq(fraudBlocks.kind, input.kind), eq(fraudBlocks.value, value), isNull(fraudBlocks.revokedAt)));
  const existing = live.find((b) => b.partnerId === partnerId);
  if (existing) return { block: existing, created: false };
  const [block] = await db.insert(fraudBlocks).values({ programId: input.programId, kind: input.kind, value, partnerId, reason: input.reason.trim(), createdBy: input.actorId }).returning();
  return { block: block!, created: true };
}

/** Lifts a block. The row stays, with who lifted it and when. */
export async function revokeBlock(db: DbOrTx, input: { blockId: string; actorId: string | null; now?: Date }) {
  const [row] = await db
    .update(fraudBlocks)
    .set({ revokedAt: input.now ?? new Date(), revokedBy: input.actorId })
    .where(and(eq(fraudBlocks.id, input.blockId), isNull(fraudBlocks.revokedAt)))
    .returning({ id: fraudBlocks.id });
  if (!row) throw new DomainError("NOT_FOUND", "No live block with this id");
  return { revoked: row.id };
}

export async function listBlocks(db: DbOrTx, programId: string) {
  return db
    .select({ block: fraudBlocks, partnerName: partners.name })
    .from(fraudBlocks)
    .leftJoin(partners, eq(partners.id, fraudBlocks.partnerId))
    .where(eq(fraudBlocks.programId, programId))
    .orderBy(desc(fraudBlocks.createdAt))
    .limit(500);
}

export type LiveBlocks = { cidrs: string[]; subIds: Map<string, string[]> };

/** The program's live blocks, ready to merge into a config. */
export async function liveBlocks(db: DbOrTx, programId: string): Promise<LiveBlocks> {
  const rows = await db
    .select({ kind: fraudBlocks.kind, value: fraudBlocks.value, partnerId: fraudBlocks.partnerId })
    .from(fraudBlocks)
    .where(and(eq(fraudBlocks.programId, programId), isNull(fraudBlocks.revokedAt)));
  const subIds = new Map<string, string[]>();
  for (const r of rows) if (r.kind === "sub_id" && r.partnerId) subIds.set(r.partnerId, [...(subIds.get(r.partnerId) ?? []), r.value]);
  return { cidrs: rows.filter((r) => r.kind !== "sub_id").map((r) => r.value), subIds };
}

const cidrCache = new WeakMap<FraudConfig, Map<string, string[]>>();

/**
 * The config a partner's traffic is judged by: the block list joins the `blocked_range` rule's own ranges,
 * and the partner's blocked sub-IDs join its sub-IDs. Another partner's sub-ID blocks never apply. The range
 * list keeps its identity per (config, ranges) so the rule's compiled-range cache is hit across clicks.
 */
export function withBlocks(config: FraudConfig, blocks: LiveBlocks, partnerId: string): FraudConfig {
  const rule = config.rules.blocked_range;
  const key = blocks.cidrs.join(",");
  let byKey = cidrCache.get(config);
  if (!byKey) cidrCache.set(config, (byKey = new Map()));
  let cidrs = byKey.get(key);
  if (!cidrs) byKey.set(key, (cidrs = [...rule.cidrs, ...blocks.cidrs]));
  const subIds = [...rule.subIds, ...(blocks.subIds.get(partnerId) ?? [])];
  return { ...config, rules: { ...config.rules, blocked_range: { ...rule, cidrs, subIds } } };
}
