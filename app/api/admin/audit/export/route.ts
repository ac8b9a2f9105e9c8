import { exportAuditCsv } from "@/server/audit/export-audit";
import { auditFilterFromParams } from "@/server/audit/list-audit";
import { memberFor } from "@/server/auth/route-guard";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

/** GET /api/admin/audit/export?<the audit page's filters>: the filtered audit log as CSV. Members who may read the log only. */
export async function GET(req: Request) {
  const { refused } = await memberFor("audit:read");
  if (refused) return refused;
  const parsed = auditFilterFromParams(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) return Response.json({ error: "invalid_request", fields: parsed.error.flatten().fieldErrors }, { status: 400 });
  const body = await exportAuditCsv(await getDb(), parsed.data);
  return new Response(body, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="audit-log.csv"', "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
  });
}
