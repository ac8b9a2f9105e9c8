import { ID_PREFIXES, type IdKind } from "@/db/ids";

const KIND_BY_PREFIX = new Map<string, IdKind>(Object.entries(ID_PREFIXES).map(([kind, prefix]) => [prefix, kind as IdKind]));
// The object a mutation is about, when its input names several ids: the most specific first.
const ID_KEYS = ["userId", "documentId", "invoiceId", "deliveryId", "endpointId", "batchId", "checkId", "blockId", "couponId", "creativeId", "postbackId", "conversionId", "planId", "offerId", "partnerId", "programId", "id"];
const LIST_KEYS = ["commissionIds", "ids", "partnerIds"];

/** The object type of a prefixed id ("pay_…" -> "payoutBatch"), or null for anything else. */
export function kindOf(id: string): IdKind | null {
  return KIND_BY_PREFIX.get(id.split("_")[0] ?? "") ?? null;
}

/** Which object an input (or, failing that, a result) is about: by the usual id fields, then by the id's prefix. */
export function objectRef(...sources: unknown[]): { objectType: string | null; objectId: string | null } {
  for (const source of sources) {
    if (!source || typeof source !== "object") continue;
    const rec = source as Record<string, unknown>;
    for (const key of ID_KEYS) {
      const v = rec[key];
      if (typeof v === "string" && v) return { objectType: kindOf(v) ?? key.replace(/Id$/, ""), objectId: v };
    }
    for (const key of LIST_KEYS) {
      const v = rec[key];
      if (Array.isArray(v) && typeof v[0] === "string") return { objectType: kindOf(v[0]) ?? key, objectId: v.length === 1 ? v[0] : `${v[0]} (+${v.length - 1})` };
    }
  }
  return { objectType: null, objectId: null };
}
