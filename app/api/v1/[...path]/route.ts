import { serveApi } from "@/server/api/serve-api";
import { problem } from "@/server/api/problem";
import { unlessDbDown } from "@/server/http/unavailable";

export const dynamic = "force-dynamic";

// A database outage answers 503 + Retry-After as problem+json; a retried POST with its Idempotency-Key is safe.
const handler = (request: Request) => unlessDbDown(() => serveApi(request), () => problem(503, "unavailable", "The database is unreachable; nothing was stored. Retry later.", [], { "retry-after": "5" }));

export { handler as DELETE, handler as GET, handler as PATCH, handler as POST, handler as PUT };
