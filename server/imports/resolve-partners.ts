import { inArray } from "drizzle-orm";
import { importRows } from "@/db/schema";
import { rowKey, type WriteContext } from "./write-context";

/** Our partner ids for the old platform's partner ids, from the rows of earlier partner imports of this program and preset. */
export async function resolvePartners(ctx: WriteContext, vendorIds: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(vendorIds)];
  if (unique.length === 0) return new Map();
  const keys = unique.map((id) => rowKey(ctx.programId, ctx.preset, "partners", id));
  const rows = await ctx.db.select({ vendorId: importRows.vendorId, targetId: importRows.targetId }).from(importRows).where(inArray(importRows.key, keys));
  return new Map(rows.map((r) => [r.vendorId, r.targetId]));
}

export const partnerMissing = (id: string) => `partner "${id}" has not been imported (import the partners file of this platform first)`;
