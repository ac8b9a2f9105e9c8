import type { Db } from "@/db/client";
import { setPartnerStatus } from "./set-partner-status";

/** Approves or rejects an application (the review queue's two buttons). Approval issues the partner's tracking links. */
export async function reviewPartner(db: Db, input: { partnerId: string; decision: "approve" | "reject"; note?: string; actorId: string }) {
  return setPartnerStatus(db, { partnerId: input.partnerId, action: input.decision, reason: input.note, actorId: input.actorId });
}
