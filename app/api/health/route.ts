/**
 * GET /api/health: liveness probe. It touches no database on purpose, so it is also the "floor" of the
 * tracking benchmark (scripts/bench): the cost of a request through our server and Next alone.
 */
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ ok: true });
}
