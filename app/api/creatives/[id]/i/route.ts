import { creativeImpressionResponse } from "@/server/creatives/serve-creative";
import { getDb } from "@/server/db";
import { unlessDbDown } from "@/server/http/unavailable";
import { storage } from "@/server/storage";

export const dynamic = "force-dynamic";

/** GET /api/creatives/<id>/i?p=<link code>: a banner embedded on a partner's page; counts an impression. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const code = new URL(request.url).searchParams.get("p");
  return unlessDbDown(async () => creativeImpressionResponse(await getDb(), storage(), { creativeId: id, code }));
}
