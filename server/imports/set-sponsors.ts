import { sql } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import { newId } from "@/db/ids";
import { partnerSponsors } from "@/db/schema";
import { insertJson } from "./insert-json";
import { importedReason, type Refused, type WriteContext } from "./write-context";

const CHUNK = 1000;

/**
 * The sponsor chain, once every partner of the file is in: each imported partner whose row named a sponsor gets
 * that sponsor (looked up among this program's imported partners) from the day they joined. Sponsors that were
 * not imported are reported against the partner's row; the partner stays, without a sponsor.
 */
export async function setSponsors(ctx: WriteContext): Promise<{ updated: number; refused: Refused[] }> {
  const refused: Refused[] = [];
  let updated = 0;
  let after = "";
  const reason = importedReason(ctx.label, ctx.importId);
  for (;;) {
    const chunk = rowsOf<{ key: string; row: number; partner_id: string; parent_vendor_id: string; sponsor_id: string | null; joined: Date | string }>(
      await ctx.db.execute(sql`
        select c.key, c.row, c.target_id as partner_id, c.parent_vendor_id, s.target_id as sponsor_id, p.created_at as joined
        from import_rows c
        join partners p on p.id = c.target_id
        left join import_rows s on s.key = c.program_id || '|' || c.preset || '|partners|' || c.parent_vendor_id
        where c.import_id = ${ctx.importId} and c.parent_vendor_id is not null and c.key > ${after}
        order by c.key limit ${CHUNK}`),
    );
    if (chunk.length === 0) break;
    after = chunk[chunk.length - 1]!.key;
    const pairs = chunk.filter((c) => c.sponsor_id && c.sponsor_id !== c.partner_id);
    for (const c of chunk) if (!c.sponsor_id || c.sponsor_id === c.partner_id) refused.push({ row: c.row, column: "parent_id", reason: `sponsor "${c.parent_vendor_id}" is not an imported partner: imported without a sponsor` });
    if (pairs.length === 0) continue;
    await insertJson(ctx.db, partnerSponsors, pairs.map((c) => ({ id: newId("partnerSponsor"), partnerId: c.partner_id, sponsorId: c.sponsor_id, validFrom: new Date(c.joined), reason })));
    await ctx.db.execute(sql`
      update partners set parent_partner_id = v.sponsor_id
      from (values ${sql.join(pairs.map((c) => sql`(${c.partner_id}, ${c.sponsor_id})`), sql`, `)}) as v(partner_id, sponsor_id)
      where partners.id = v.partner_id`);
    updated += pairs.length;
  }
  return { updated, refused };
}
