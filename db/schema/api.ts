import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { partners } from "./partners";
import { programs } from "./programs";
import { users } from "./users";

/**
 * A secret that lets an operator's back office call /api/v1. Only the SHA-256 of the secret is kept; the
 * prefix (`tp_live_ab12cd34`) is shown so people can tell their keys apart. `programId` null: every program.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: id("apiKey"),
    programId: text().references(() => programs.id),
    name: text().notNull(),
    prefix: text().notNull(),
    secretHash: text().notNull(),
    /** "partners:read", "commissions:write", ... (server/api/scopes.ts). */
    scopes: text().array().notNull().default([]),
    createdBy: text()
      .notNull()
      .references(() => users.id),
    lastUsedAt: timestamp({ withTimezone: true, mode: "date" }),
    expiresAt: timestamp({ withTimezone: true, mode: "date" }),
    revokedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    // every API request looks its key up by the secret's hash
    uniqueIndex("api_keys_secret_hash_uq").on(t.secretHash),
    // the settings page lists keys newest first
    index("api_keys_created_idx").on(t.createdAt),
    index("api_keys_program_idx").on(t.programId),
    index("api_keys_created_by_idx").on(t.createdBy),
  ],
);

/** A partner's personal token for the read-only partner API: their own numbers only. Stored hashed like API keys. */
export const partnerTokens = pgTable(
  "partner_tokens",
  {
    id: id("partnerToken"),
    partnerId: text()
      .notNull()
      .references(() => partners.id),
    name: text().notNull(),
    prefix: text().notNull(),
    secretHash: text().notNull(),
    lastUsedAt: timestamp({ withTimezone: true, mode: "date" }),
    expiresAt: timestamp({ withTimezone: true, mode: "date" }),
    revokedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    // every partner API request looks its token up by the secret's hash
    uniqueIndex("partner_tokens_secret_hash_uq").on(t.secretHash),
    // the portal's token list
    index("partner_tokens_partner_idx").on(t.partnerId, t.createdAt),
  ],
);

/**
 * The first answer to a POST carrying an Idempotency-Key, per API key: a retry with the same body gets it
 * again, one with another body a 409. `status` 0 while the first request is still running.
 */
export const apiIdempotency = pgTable(
  "api_idempotency",
  {
    apiKeyId: text()
      .notNull()
      .references(() => apiKeys.id),
    idempotencyKey: text().notNull(),
    method: text().notNull(),
    path: text().notNull(),
    requestHash: text().notNull(),
    status: integer().notNull().default(0),
    body: jsonb().$type<unknown>(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.apiKeyId, t.idempotencyKey] }),
    // pruning old answers
    index("api_idempotency_created_idx").on(t.createdAt),
  ],
);
