import { and, desc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { newId } from "@/db/ids";
import { apiKeys, partnerTokens, programs, users } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { API_KEY_PREFIX, newSecret, PARTNER_TOKEN_PREFIX } from "./credentials";
import type { CreateApiKeyInput, CreatePartnerTokenInput } from "./schemas";
import { DAY_MS } from "@/server/time/days";


export type SecretStatus = "live" | "expired" | "revoked";
const statusOf = (r: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): SecretStatus => (r.revokedAt ? "revoked" : r.expiresAt && r.expiresAt <= now ? "expired" : "live");
const expiry = (days: number | null, now: Date) => (days ? new Date(now.getTime() + days * DAY_MS) : null);

/** A new API key. The secret is in this answer only: the database keeps its SHA-256. */
export async function createApiKey(db: DbOrTx, input: CreateApiKeyInput & { actorId: string; now?: Date }) {
  const now = input.now ?? new Date();
  if (input.programId) {
    const [program] = await db.select({ id: programs.id }).from(programs).where(eq(programs.id, input.programId));
    if (!program) throw new DomainError("BAD_REQUEST", "Pick a program", "programId");
  }
  const { secret, prefix, hash } = newSecret(API_KEY_PREFIX);
  const id = newId("apiKey");
  await db.insert(apiKeys).values({ id, name: input.name, programId: input.programId, prefix, secretHash: hash, scopes: [...new Set(input.scopes)], createdBy: input.actorId, expiresAt: expiry(input.expiresInDays, now), createdAt: now });
  return { id, prefix, secret };
}

export async function listApiKeys(db: DbOrTx, now = new Date()) {
  const rows = await db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      programId: apiKeys.programId,
      programName: programs.name,
      scopes: apiKeys.scopes,
      createdByName: users.name,
      lastUsedAt: apiKeys.lastUsedAt,
      expiresAt: apiKeys.expiresAt,
      revokedAt: apiKeys.revokedAt,
      createdAt: apiKeys.createdAt,
    })
    .from(apiKeys)
    .leftJoin(programs, eq(programs.id, apiKeys.programId))
    .innerJoin(users, eq(users.id, apiKeys.createdBy))
    .orderBy(desc(apiKeys.id))
    .limit(200);
  return rows.map((r) => ({ ...r, status: statusOf(r, now) }));
}

/** Revoking is immediate (every request looks the key up) and final. */
export async function revokeApiKey(db: DbOrTx, input: { id: string; now?: Date }) {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: input.now ?? new Date() })
    .where(and(eq(apiKeys.id, input.id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  if (!row) throw new DomainError("NOT_FOUND", "No live key with this id");
  return { id: row.id };
}

/** A partner's personal token; like an API key, shown once and kept hashed. */
export async function createPartnerToken(db: DbOrTx, partnerId: string, input: CreatePartnerTokenInput & { now?: Date }) {
  const now = input.now ?? new Date();
  const live = await db.$count(partnerTokens, and(eq(partnerTokens.partnerId, partnerId), isNull(partnerTokens.revokedAt)));
  if (live >= 20) throw new DomainError("BAD_REQUEST", "You have 20 live tokens: revoke one first", "name");
  const { secret, prefix, hash } = newSecret(PARTNER_TOKEN_PREFIX);
  const id = newId("partnerToken");
  await db.insert(partnerTokens).values({ id, partnerId, name: input.name, prefix, secretHash: hash, expiresAt: expiry(input.expiresInDays, now), createdAt: now });
  return { id, prefix, secret };
}

/** The partner's own tokens: the partner id is the WHERE, from the session. */
export async function listPartnerTokens(db: DbOrTx, partnerId: string, now = new Date()) {
  const rows = await db
    .select({ id: partnerTokens.id, name: partnerTokens.name, prefix: partnerTokens.prefix, lastUsedAt: partnerTokens.lastUsedAt, expiresAt: partnerTokens.expiresAt, revokedAt: partnerTokens.revokedAt, createdAt: partnerTokens.createdAt })
    .from(partnerTokens)
    .where(eq(partnerTokens.partnerId, partnerId))
    .orderBy(desc(partnerTokens.id))
    .limit(100);
  return rows.map((r) => ({ ...r, status: statusOf(r, now) }));
}

export async function revokePartnerToken(db: DbOrTx, partnerId: string, input: { id: string; now?: Date }) {
  const [row] = await db
    .update(partnerTokens)
    .set({ revokedAt: input.now ?? new Date() })
    .where(and(eq(partnerTokens.id, input.id), eq(partnerTokens.partnerId, partnerId), isNull(partnerTokens.revokedAt)))
    .returning({ id: partnerTokens.id });
  if (!row) throw new DomainError("NOT_FOUND", "No live token with this id");
  return { id: row.id };
}
