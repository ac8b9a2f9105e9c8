import { getSessionUser } from "@/server/auth/session";
import { can } from "@/server/auth/permissions";
import { isTeamRole } from "@/db/schema";
import { getDb } from "@/server/db";
import { fileHeaders, refusal, requester } from "@/server/documents/http";
import { invoicePdf } from "@/server/payouts/issue-invoices";

export const dynamic = "force-dynamic";

/** GET /api/invoices/:id: the issued PDF as stored, for its partner or a team member with payouts:manage. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const db = await getDb();
  const who = await requester(db, await getSessionUser());
  if (who.refused) return who.refused;
  const team = isTeamRole(who.user.role);
  if (team && !can(who.user.role, "payouts:manage", "query")) return Response.json({ error: "You do not have access to this." }, { status: 403 });
  const { id } = await params;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return Response.json({ error: "invoice not found" }, { status: 404 });
  try {
    const file = await invoicePdf(db, id, team ? null : who.partnerId);
    return new Response(Buffer.from(file.pdf), { headers: fileHeaders("application/pdf", file.fileName) });
  } catch (err) {
    return refusal(err);
  }
}
