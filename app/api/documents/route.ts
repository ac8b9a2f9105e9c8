import { getSessionUser } from "@/server/auth/session";
import { config } from "@/server/config";
import { getDb } from "@/server/db";
import { currentDocumentKey } from "@/server/documents/encryption";
import { refusal, requester } from "@/server/documents/http";
import { MAX_DOCUMENT_BYTES, uploadDocument } from "@/server/documents/upload-document";
import { withBoundedBody } from "@/server/http/read-body";
import { crossSiteRefusal, refusalResponse } from "@/server/http/same-origin";
import { storage } from "@/server/storage";

export const dynamic = "force-dynamic";

/**
 * POST /api/documents (multipart: type, file, expiresAt?): an approved partner uploads a document for review.
 * Authorized here (the partner's own session); the bytes are checked, encrypted and stored by uploadDocument.
 */
export async function POST(request: Request) {
  // a form post from another site must not upload into a signed-in partner's account
  const crossSite = crossSiteRefusal(request.headers, config().appUrl);
  if (crossSite) return refusalResponse(crossSite);
  const db = await getDb();
  const who = await requester(db, await getSessionUser());
  if (who.refused) return who.refused;
  if (!who.partnerId) return Response.json({ error: "Partners upload their own documents." }, { status: 403 });
  // the form's other fields take a few hundred bytes; the file's own limit is checked again on its bytes
  const req = await withBoundedBody(request, MAX_DOCUMENT_BYTES + 64 * 1024);
  if (req instanceof Response) return req;
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return Response.json({ error: "Send the file as multipart/form-data", field: "file", fieldErrors: { file: ["Choose a file"] } }, { status: 400 });
  }
  const file = form.get("file");
  const type = String(form.get("type") ?? "");
  const expiresRaw = String(form.get("expiresAt") ?? "");
  const fieldErrors: Record<string, string[]> = {};
  if (!(file instanceof File)) fieldErrors.file = ["Choose a file"];
  if (!type) fieldErrors.type = ["Pick which document this is"];
  const expiresAt = expiresRaw ? new Date(`${expiresRaw}T00:00:00Z`) : null;
  if (expiresRaw && (!/^\d{4}-\d{2}-\d{2}$/.test(expiresRaw) || Number.isNaN(expiresAt?.getTime()))) fieldErrors.expiresAt = ["Enter the expiry date as YYYY-MM-DD"];
  if (Object.keys(fieldErrors).length > 0 || !(file instanceof File)) return Response.json({ error: "Check the highlighted fields", fieldErrors }, { status: 400 });
  try {
    const doc = await uploadDocument(db, storage(), currentDocumentKey, { partnerId: who.partnerId, type, fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()), expiresAt });
    return Response.json(doc, { status: 201 });
  } catch (err) {
    return refusal(err);
  }
}
