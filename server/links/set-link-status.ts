import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { links } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { invalidateLinkCache } from "@/server/tracking/link-cache";
import type { SetLinkStatusInput } from "./schemas";

/** Pauses or resumes one of the partner's own links: the partner id is part of the UPDATE's WHERE. */
export async function setLinkStatus(db: Db, input: SetLinkStatusInput & { partnerId: string }) {
  const rows = await db
    .update(links)
    .set({ status: input.status })
    .where(and(eq(links.id, input.linkId), eq(links.partnerId, input.partnerId)))
    .returning({ id: links.id, status: links.status });
  // Another partner's link and a missing one answer alike: nothing tells a partner which ids exist.
  if (rows.length === 0) throw new DomainError("NOT_FOUND", "Link not found");
  invalidateLinkCache(db);
  return rows[0];
}
