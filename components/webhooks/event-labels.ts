import type { WebhookEventType } from "@/db/schema/values";

/** What each event type announces (a mapped type: a new type without a description does not compile). */
export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  "partner.applied": "A partner signed up or was added pending review",
  "partner.approved": "A partner was approved",
  "partner.rejected": "An application was rejected",
  "partner.suspended": "A partner was suspended",
  "conversion.recorded": "A conversion was recorded, attributed and its commissions accrued",
  "commission.approved": "A commission was approved for payout",
  "commission.rejected": "A pending commission was rejected",
  "commission.reversed": "A commission was reversed (refund, chargeback, review)",
  "payout_batch.approved": "A payout batch was approved",
  "payout_batch.paid": "A payout batch was marked paid",
  "fraud.hold": "A conversion was held for fraud review",
};
