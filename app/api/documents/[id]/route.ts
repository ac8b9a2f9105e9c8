import { getSessionUser } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { currentDocumentKey } from "@/server/documents/encryption";
import { fileHeaders, refusal, requester } from "@/server/documents/http";
import { readDocument } from "@/server/documents/read-document";
import { storage } from "@/server/storage";

export const dynamic = "force-dynamic";

/**
 * GET /api/documents/:id: the decrypted file, for its partner or a team member with documents:read. Every
 * request is written to the audit log (by readDocument), and the file is always sent as an attachment.
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const db = await getDb();
  const who = await requester(db, await getSessionUser());
  if (who.refused) return who.refused;
  const { id } = await params;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return Response.json({ error: "document not found" }, { status: 404 });
  try {
    const ip = req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null;
    const file = await readDocument(db, storage(), currentDocumentKey(), id, { user: who.user, partnerId: who.partnerId, ip });
    return new Response(Buffer.from(file.bytes), { headers: fileHeaders(file.contentType, file.fileName) });
  } catch (err) {
    return refusal(err);
  }
}
