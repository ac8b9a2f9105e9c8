import type { DbOrTx } from "@/db/client";
import { newId } from "@/db/ids";
import { auditLog, type AuditOutcome } from "@/db/schema";
import { forAudit } from "./redact";

export type AuditEntry = {
  actor: { id: string; email: string; role: string } | null;
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  before?: unknown;
  after?: unknown;
  input?: unknown;
  outcome: AuditOutcome;
  error?: string | null;
  ip?: string | null;
};

/** Appends one entry; secrets in before/after/input are redacted here, whatever the caller passed. */
export async function recordAudit(db: DbOrTx, e: AuditEntry, now = new Date()): Promise<void> {
  await db.insert(auditLog).values({
    id: newId("auditEntry", now.getTime()),
    actorId: e.actor?.id ?? null,
    actorEmail: e.actor?.email ?? "anonymous",
    actorRole: e.actor?.role ?? "none",
    action: e.action.slice(0, 120),
    objectType: e.objectType ?? null,
    objectId: e.objectId?.slice(0, 120) ?? null,
    before: e.before === undefined ? null : forAudit(e.before),
    after: e.after === undefined ? null : forAudit(e.after),
    input: e.input === undefined ? null : forAudit(e.input),
    outcome: e.outcome,
    error: e.error?.slice(0, 500) ?? null,
    ip: e.ip ?? null,
    createdAt: now,
  });
}
