import { serve } from "inngest/next";
import { config } from "@/server/config";
import { MiB, withBoundedBody } from "@/server/http/read-body";
import { inngest } from "@/server/outbox/client";
import { functions } from "@/server/jobs/functions";

export const dynamic = "force-dynamic";

const inngestHandler = serve({ client: inngest, functions });

/** Without an Inngest server the functions run in-process; say so instead of failing on a missing key. */
function localMode(): Response {
  return Response.json(
    {
      mode: "local",
      message: "No Inngest server is configured: background functions run in-process. Set INNGEST_DEV=1 (with the Inngest dev server) or INNGEST_EVENT_KEY/INNGEST_SIGNING_KEY to use Inngest.",
      functions: functions.map((f) => f.id()),
    },
    { status: 503 },
  );
}

// Inngest caps a request's payload (events and step state) at 4 MB; nothing larger is read.
const MAX_BODY = 4 * MiB;

type Handler = (req: Request, ctx: unknown) => Promise<Response>;
const route =
  (h: Handler): Handler =>
  async (req, ctx) => {
    if (config().jobs === "local") return localMode();
    const bounded = await withBoundedBody(req, MAX_BODY);
    return bounded instanceof Response ? bounded : h(bounded, ctx);
  };

export const GET = route(inngestHandler.GET as Handler);
export const POST = route(inngestHandler.POST as Handler);
export const PUT = route(inngestHandler.PUT as Handler);
