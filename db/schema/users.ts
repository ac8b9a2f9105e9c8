import { index, pgTable, text, timestamp, uniqueIndex, boolean } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";

export const USER_ROLES = ["admin", "partner"] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const users = pgTable(
  "users",
  {
    id: id("user"),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    // Text, not an enum: more roles (finance, support, manager) will come without a migration.
    role: text().$type<UserRole>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // login looks users up by lower-cased email
    uniqueIndex("users_email_uq").on(t.email),
  ],
);

/** Login attempts, for rate limiting. Kept in the database so limits survive restarts and span instances. */
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
    // rate limit: failures per email and per IP in the last window
    index("login_attempts_email_idx").on(t.email, t.attemptedAt),
    index("login_attempts_ip_idx").on(t.ip, t.attemptedAt),
  ],
);
