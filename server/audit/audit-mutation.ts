import type { Db } from "@/db/client";
import { objectRef } from "./object-ref";
import { recordAudit } from "./record-audit";
import { AUDIT_SNAPSHOTS } from "./snapshots";

type Actor = { id: string; email: string; role: string } | null;
type Result = { ok: true; data: unknown } | { ok: false; error: Error & { code?: string } };

/**
 * Reads the object's state before a mutation (where a snapshot is registered for the procedure) and returns
 * `finish`, which reads it again and appends the entry. A failed attempt is logged too, with its error.
 * A failure to write the log is reported, not turned into a failure of the mutation that already committed.
 */
export async function beginAudit(db: Db, action: string, rawInput: unknown) {
  const input = rawInput && typeof rawInput === "object" ? (rawInput as Record<string, unknown>) : {};
  const snapshot = AUDIT_SNAPSHOTS[action];
  const read = async () => (snapshot ? await snapshot(db, input).catch(() => undefined) : undefined);
  const before = await read();
  return {
    async finish({ actor, ip, result }: { actor: Actor; ip: string | null; result: Result }) {
      const after = result.ok ? await read() : undefined;
      const ref = objectRef(input, result.ok ? result.data : null);
      try {
        await recordAudit(db, {
          actor: actor ? { id: actor.id, email: actor.email, role: actor.role } : null,
          action,
          ...ref,
          before: snapshot ? (before ?? null) : undefined,
          after: snapshot ? (after ?? null) : result.ok ? result.data : undefined,
          input: rawInput,
          outcome: result.ok ? "ok" : "failed",
          error: result.ok ? null : `${result.error.code ?? "ERROR"}: ${result.error.message}`,
          ip,
        });
      } catch (err) {
        console.error(`[audit] could not record ${action}:`, err instanceof Error ? err.message : err);
      }
    },
  };
}
