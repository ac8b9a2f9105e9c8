import { stringify } from "csv-stringify/sync";
import type { DbOrTx } from "@/db/client";
import { safeCell } from "@/server/text";
import { listPartners } from "./list-partners";
import type { PartnerListFilter } from "./schemas";

const MAX_ROWS = 50_000;
const PAGE = 1_000;

/** The filtered partner list as CSV, every text cell formula-safe (a partner names themselves; see safeCell). */
export async function exportPartnersCsv(db: DbOrTx, filter: PartnerListFilter & { managerScope?: string | null }): Promise<string> {
  const rows: string[][] = [];
  for (let offset = 0; offset < MAX_ROWS; offset += PAGE) {
    const { items } = await listPartners(db, { ...filter, limit: PAGE, offset });
    for (const p of items) {
      rows.push([p.id, safeCell(p.name), safeCell(p.email), safeCell(p.company ?? ""), safeCell(p.website ?? ""), safeCell(p.type), safeCell(p.groups ?? ""), p.country ?? "", p.status, safeCell(p.statusReason ?? ""), p.createdAt.toISOString()]);
    }
    if (items.length < PAGE) break;
  }
  return stringify(rows, { header: true, columns: ["partner_id", "name", "email", "company", "website", "type", "groups", "country", "status", "status_reason", "signed_up_at"] });
}
