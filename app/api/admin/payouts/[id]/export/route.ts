import { memberFor } from "@/server/auth/route-guard";
import { getDb } from "@/server/db";
import { DomainError } from "@/server/errors";
import { batchCsv, batchPaypalCsv } from "@/server/payouts/export";

export const dynamic = "force-dynamic";

const FORMATS = { csv: { build: batchCsv, suffix: "" }, paypal: { build: batchPaypalCsv, suffix: "-paypal" } } as const;

/**
 * GET /api/admin/payouts/:id/export?format=csv|paypal: the batch as a file for the bank or PayPal's mass payment.
 * Authorized here, not by middleware: an operator with payouts:manage only. It carries IBANs and e-mails.
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { refused } = await memberFor("payouts:manage", "mutation");
  if (refused) return refused;
  const { id } = await params;
  const format = new URL(req.url).searchParams.get("format") ?? "csv";
  if (format !== "csv" && format !== "paypal") return Response.json({ error: "format must be csv or paypal" }, { status: 400 });
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return Response.json({ error: "payout batch not found" }, { status: 404 });
  const { build, suffix } = FORMATS[format];
  try {
    const body = await build(await getDb(), id);
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${id}${suffix}.csv"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (err) {
    if (err instanceof DomainError && err.code === "NOT_FOUND") return Response.json({ error: err.message }, { status: 404 });
    if (err instanceof DomainError && err.code === "BAD_REQUEST") return Response.json({ error: err.message }, { status: 400 });
    throw err;
  }
}
