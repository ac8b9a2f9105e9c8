import type { DbOrTx } from "@/db/client";
import type { RowError } from "./types";

export type WriteContext = {
  db: DbOrTx;
  importId: string;
  programId: string;
  /** The offer imported links, coupons, bindings and conversions belong to. */
  offerId: string;
  preset: string;
  label: string;
  now: Date;
};

export type Pending<R> = { row: number; record: R };
export type Created = { row: number; vendorId: string; targetId: string; parentVendorId?: string | null };
export type Refused = RowError & { row: number };
/** What one batch wrote: the rows it created, those it refused, and counts of what they made by entity. */
export type BatchResult = { created: Created[]; refused: Refused[]; made: Record<string, number>; balances: { currency: string; amount: number }[] };

export const rowKey = (programId: string, preset: string, entity: string, vendorId: string) => `${programId}|${preset}|${entity}|${vendorId}`;

export const importedReason = (label: string, importId: string) => `Imported from ${label} (import ${importId})`;

/** Rows whose value (e-mail, code ...) appears earlier in the same batch: the later ones are refused. */
export function firstOnly<T>(rows: Pending<T>[], valueOf: (r: T) => string[], column: string, what: string, refused: Refused[]): Pending<T>[] {
  const seen = new Map<string, number>();
  return rows.filter((p) => {
    for (const value of valueOf(p.record)) {
      const first = seen.get(value);
      if (first !== undefined) {
        refused.push({ row: p.row, column, reason: `${what} "${value}" is also on row ${first}` });
        return false;
      }
    }
    for (const value of valueOf(p.record)) seen.set(value, p.row);
    return true;
  });
}
