import { stringify } from "csv-stringify/sync";
import type { DbOrTx } from "@/db/client";
import { safeCell } from "@/server/text";
import { listAudit, type AuditFilter } from "./list-audit";

const MAX_ROWS = 100_000;
const PAGE = 1_000;
const json = (v: unknown) => (v === null || v === undefined ? "" : safeCell(JSON.stringify(v)));

/** The filtered audit log as CSV, newest first; every text cell formula-safe (inputs come from people). */
export async function exportAuditCsv(db: DbOrTx, filter: AuditFilter): Promise<string> {
  const rows: string[][] = [];
  for (let offset = 0; offset < MAX_ROWS; offset += PAGE) {
    const { items } = await listAudit(db, { ...filter, limit: PAGE, offset });
    for (const e of items) {
      rows.push([e.createdAt.toISOString(), e.id, safeCell(e.actorEmail), e.actorRole, e.action, e.objectType ?? "", safeCell(e.objectId ?? ""), e.outcome, safeCell(e.error ?? ""), e.ip ?? "", json(e.before), json(e.after), json(e.input)]);
    }
    if (items.length < PAGE) break;
  }
  return stringify(rows, { header: true, columns: ["at", "entry_id", "actor", "actor_role", "action", "object_type", "object_id", "outcome", "error", "ip", "before", "after", "input"] });
}
