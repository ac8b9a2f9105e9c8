import { partnerScope } from "@/server/auth/permissions";
import { memberFor } from "@/server/auth/route-guard";
import { getDb } from "@/server/db";
import { exportPartnersCsv } from "@/server/partners/export-partners";
import { partnerListFilter } from "@/server/partners/schemas";

export const dynamic = "force-dynamic";

/** GET /api/admin/partners/export?<the list's filters>: the filtered partner list as CSV. Admins who review partners only. */
export async function GET(req: Request) {
  // as before: the roles that review partners, not every reader
  const { user, refused } = await memberFor("partners:review", "mutation");
  if (refused) return refused;
  const params = Object.fromEntries([...new URL(req.url).searchParams].filter(([, v]) => v !== ""));
  const parsed = partnerListFilter.safeParse(params);
  if (!parsed.success) return Response.json({ error: "invalid_request", fields: parsed.error.flatten().fieldErrors }, { status: 400 });
  // a manager exports the partners assigned to them only
  const body = await exportPartnersCsv(await getDb(), { ...parsed.data, managerScope: partnerScope(user) });
  return new Response(body, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="partners.csv"', "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
  });
}
