import { memberFor } from "@/server/auth/route-guard";
import { getSessionUser } from "@/server/auth/session";
import { partnerIdForUser } from "@/server/creatives/partner-viewer";
import { creativeFileResponse, type CreativeViewer } from "@/server/creatives/serve-creative";
import { getDb } from "@/server/db";
import { storage } from "@/server/storage";

export const dynamic = "force-dynamic";

/** GET /api/creatives/<id>/file[?download=1]: for team members who may read the program, and partners the creative is shown to. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const db = await getDb();
  const user = await getSessionUser();
  if (!user) return Response.json({ error: "Sign in first." }, { status: 401 });
  let viewer: CreativeViewer;
  if (user.role === "partner") {
    const partnerId = await partnerIdForUser(db, user.id);
    if (!partnerId) return Response.json({ error: "Your partner account is not active." }, { status: 403 });
    viewer = { kind: "partner", partnerId };
  } else {
    const { refused } = await memberFor("program:read");
    if (refused) return refused;
    viewer = { kind: "team" };
  }
  const download = new URL(request.url).searchParams.get("download") === "1";
  return creativeFileResponse(db, storage(), { creativeId: id, viewer, download });
}
