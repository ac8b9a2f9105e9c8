import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { isTeamRole, partners } from "@/db/schema";
import type { SessionUser } from "@/server/auth/authenticate";
import { DomainError } from "@/server/errors";
import { missingRequiredTwoFactor } from "@/server/auth/two-factor";

/**
 * Who is asking, for the document and invoice route handlers: an approved partner (with their partner id, read
 * from the database) or a team member who has two-factor when the owner requires it. Permissions are checked
 * by the domain functions. A refusal comes back as the response to send.
 */
export async function requester(db: Db, user: SessionUser | null): Promise<{ user: SessionUser; partnerId: string | null; refused: null } | { refused: Response }> {
  if (!user) return { refused: Response.json({ error: "Sign in first." }, { status: 401 }) };
  if (user.role === "partner") {
    const [p] = await db.select({ id: partners.id, status: partners.status }).from(partners).where(eq(partners.userId, user.id));
    if (!p || p.status !== "approved") return { refused: Response.json({ error: "Your partner account is not active." }, { status: 403 }) };
    return { user, partnerId: p.id, refused: null };
  }
  if (!isTeamRole(user.role)) return { refused: Response.json({ error: "You do not have access to this." }, { status: 403 }) };
  if (await missingRequiredTwoFactor(db, user.id)) return { refused: Response.json({ error: "Set up two-factor authentication first." }, { status: 403 }) };
  return { user, partnerId: null, refused: null };
}

const STATUS: Record<DomainError["code"], number> = { BAD_REQUEST: 400, NOT_FOUND: 404, CONFLICT: 409, FORBIDDEN: 403, UNAUTHORIZED: 401 };

/** A domain refusal as problem JSON naming its field; anything else is rethrown (a 500). */
export function refusal(err: unknown): Response {
  if (err instanceof DomainError) return Response.json({ error: err.message, field: err.field ?? null, fieldErrors: err.field ? { [err.field]: [err.message] } : null }, { status: STATUS[err.code] });
  throw err;
}

/** Headers for a file that must never run in our origin: downloaded, not sniffed, not cached, with no powers. */
export function fileHeaders(contentType: string, fileName: string): HeadersInit {
  return {
    "Content-Type": contentType,
    "Content-Disposition": `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, no-store",
    "Cross-Origin-Resource-Policy": "same-origin",
  };
}
