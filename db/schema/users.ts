import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";

/** Team roles first (what each may do is server/auth/permissions.ts), then the partner's own role. */
export const TEAM_ROLES = ["owner", "admin", "manager", "finance", "support", "viewer"] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];
export const USER_ROLES = [...TEAM_ROLES, "partner"] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const isTeamRole = (role: string): role is TeamRole => (TEAM_ROLES as readonly string[]).includes(role);

/** invited: has not set a password yet; deactivated: cannot sign in, every session ended. */
export const USER_STATUSES = ["active", "invited", "deactivated"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const users = pgTable(
  "users",
  {
    id: id("user"),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    // Text with a CHECK built from USER_ROLES (migration 0010).
    role: text().$type<UserRole>().notNull(),
    status: text().$type<UserStatus>().notNull().default("active"),
    /** Part of every session; raising it (password or role change, deactivation, "sign out everywhere") ends them all. */
    sessionVersion: integer().notNull().default(0),
    emailVerifiedAt: timestamp({ withTimezone: true, mode: "date" }),
    /** TOTP: the base32 secret while being set up and once enabled; enabled when totpEnabledAt is set. */
    totpSecret: text(),
    totpEnabledAt: timestamp({ withTimezone: true, mode: "date" }),
    /** SHA-256 hashes of unused recovery codes. */
    recoveryCodeHashes: jsonb().$type<string[]>().notNull().default([]),
    invitedBy: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // login looks users up by lower-cased email
    uniqueIndex("users_email_uq").on(t.email),
  ],
);

/** Login attempts, for throttling. Kept in the database so limits survive restarts and span instances. */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: id("loginAttempt"),
    email: text().notNull(),
    ip: text().notNull(),
    succeeded: boolean().notNull(),
    attemptedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    // throttle: failures per email and per IP in the last window
    index("login_attempts_email_idx").on(t.email, t.attemptedAt),
    index("login_attempts_ip_idx").on(t.ip, t.attemptedAt),
  ],
);

/** One-time links that create the owner account on a fresh install. Only the SHA-256 of the token is kept. */
export const setupTokens = pgTable(
  "setup_tokens",
  {
    id: id("setupToken"),
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    usedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("setup_tokens_token_hash_uq").on(t.tokenHash)],
);

export const ACCOUNT_TOKEN_PURPOSES = ["reset_password", "verify_email", "invite"] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];

/** Single-use links sent by e-mail. Only the SHA-256 of the token is stored. */
export const accountTokens = pgTable(
  "account_tokens",
  {
    id: id("accountToken"),
    userId: text()
      .notNull()
      .references(() => users.id),
    purpose: text().$type<AccountTokenPurpose>().notNull(),
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    usedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    // a link is looked up by its token's hash
    uniqueIndex("account_tokens_hash_uq").on(t.tokenHash),
    // a new link of a purpose retires the user's earlier ones
    index("account_tokens_user_idx").on(t.userId, t.purpose),
  ],
);

/** Team-wide security settings: one row (id "team"). */
export const teamSettings = pgTable("team_settings", {
  id: text().primaryKey().default("team"),
  requireTwoFactor: boolean().notNull().default(false),
  updatedAt: updatedAt(),
});
