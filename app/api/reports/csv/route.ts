import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { TRPCError } from "@trpc/server";
import { getSessionUser } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { createCaller } from "@/server/trpc/root";

export const dynamic = "force-dynamic";

/**
 * GET /api/reports/csv?scope=admin|portal&q=<report query as JSON>: the whole report (every page) as CSV.
 * It goes through the same procedures as the page, so the same authorization and partner scoping apply.
 */
export async function GET(req: Request) {
  const url = new URL(req.url);
  const scope = url.searchParams.get("scope");
  let query: Record<string, unknown>;
  try {
    query = JSON.parse(url.searchParams.get("q") ?? "{}") as Record<string, unknown>;
  } catch {
    return Response.json({ error: "q must be a JSON report query" }, { status: 400 });
  }
  if (scope !== "admin" && scope !== "portal") return Response.json({ error: "scope must be admin or portal" }, { status: 400 });
  const api = createCaller({ db: await getDb(), user: await getSessionUser() });
  try {
    const file = scope === "admin" ? await api.reports.csv(query as never) : await api.reports.partnerCsv(query as never);
    return new Response(file.csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${file.filename}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (err) {
    if (err instanceof TRPCError && err.code !== "INTERNAL_SERVER_ERROR") return Response.json({ error: err.message }, { status: getHTTPStatusCodeFromError(err) });
    throw err;
  }
}
