import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db/client";

/**
 * A digest of what processing decided for each conversion, built from content only (no generated ids, no
 * processing timestamps), so two databases seeded with the same facts can be compared: per conversion (by its
 * event, transaction id and refund id) the attribution (status, partner, method, model, credits, number of
 * touchpoints), the fraud result (action, score, rule codes, the conversion's fraud status), the commission note,
 * and every commission and ledger line (kind, level, partner, amount, currency, credit, lines, entry type and
 * bucket, reason). Partners are named by their name, so give them the same names in both databases.
 * `conversionIds` limits it to some conversions.
 */
export async function pipelineDigest(db: DbOrTx, conversionIds?: readonly string[]): Promise<{ digest: string; conversions: number; ledgerLines: number; lines: string[] }> {
  const only = conversionIds ? sql`where v.id in (select jsonb_array_elements_text(${JSON.stringify(conversionIds)}::jsonb))` : sql``;
  const rows = rowsOf<{ key: string; attribution: unknown; fraud: unknown; note: string | null; commissions: unknown; ledger: unknown; entries: number }>(
    await db.execute(sql`
      select v.event || '|' || v.txn_id || '|' || v.refund_id as key,
        json_build_array(v.attribution_status, p.name, v.attribution_method, a.model, a.source,
          (select json_agg(json_build_array(cp.name, (c->>'credit')::float8) order by cp.name) from jsonb_array_elements(a.credits) c join partners cp on cp.id = c->>'partnerId'),
          jsonb_array_length(a.touchpoints)) as attribution,
        json_build_array(v.fraud_status, f.action, f.score, (select json_agg(h->>'code' order by h->>'code') from jsonb_array_elements(f.hits) h), f.review_status) as fraud,
        v.commission_note as note,
        (select json_agg(json_build_array(k.kind, k.level, kp.name, k.amount, k.currency, k.credit, k.attribution_version, k.lines) order by kp.name, k.kind, k.level, k.amount)
          from commissions k join partners kp on kp.id = k.partner_id where k.conversion_id = v.id) as commissions,
        (select json_agg(json_build_array(lp.name, e.type, e.bucket, e.amount, e.currency, e.reason, e.source) order by lp.name, e.type, e.bucket, e.amount, e.reason)
          from commissions k join ledger_entries e on e.commission_id = k.id join partners lp on lp.id = e.partner_id where k.conversion_id = v.id) as ledger,
        (select count(*)::int from commissions k join ledger_entries e on e.commission_id = k.id where k.conversion_id = v.id) as entries
      from conversions v
      left join partners p on p.id = v.partner_id
      left join attributions a on a.conversion_id = v.id and a.superseded_at is null
      left join fraud_checks f on f.conversion_id = v.id
      ${only}`),
  );
  const lines = rows.map((r) => JSON.stringify([r.key, r.attribution, r.fraud, r.note, r.commissions, r.ledger])).sort();
  const hash = createHash("sha256");
  for (const line of lines) hash.update(line).update("\n");
  return { digest: hash.digest("hex"), conversions: rows.length, ledgerLines: rows.reduce((s, r) => s + Number(r.entries), 0), lines };
}
