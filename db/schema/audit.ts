import { index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { id } from "./columns";
import { users } from "./users";

export const AUDIT_OUTCOMES = ["ok", "failed"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * Who did what to which object, from where. Append-only (a trigger refuses UPDATE and DELETE, as on the
 * ledger). Written for every team mutation by the procedure builder; secrets are redacted before they land.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: id("auditEntry"),
    actorId: text().references(() => users.id),
    // copied so the entry still reads right after the member's e-mail or role changes
    actorEmail: text().notNull(),
    actorRole: text().notNull(),
    /** The procedure, e.g. "admin.markBatchPaid", or a named action outside tRPC ("auth.login"). */
    action: text().notNull(),
    objectType: text(),
    objectId: text(),
    before: jsonb().$type<unknown>(),
    after: jsonb().$type<unknown>(),
    input: jsonb().$type<unknown>(),
    outcome: text().$type<AuditOutcome>().notNull(),
    error: text(),
    ip: text(),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    // the audit page: newest first, filtered by actor, object or action
    index("audit_log_created_idx").on(t.createdAt),
    index("audit_log_actor_idx").on(t.actorId, t.createdAt),
    index("audit_log_object_idx").on(t.objectId, t.createdAt),
    index("audit_log_action_idx").on(t.action, t.createdAt),
  ],
);
