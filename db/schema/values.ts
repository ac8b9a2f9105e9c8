/**
 * Value lists of the schema's text columns, without drizzle: forms and their zod schemas run in the browser,
 * and importing a table module would bring the ORM (and node:crypto) into the client bundle.
 */
export const PROGRAM_STATUSES = ["active", "archived"] as const;
/** How partners join: apply and wait for review, join at once, or only through an invitation. */
export const SIGN_UP_MODES = ["open_approval", "open_auto", "invite_only"] as const;
export const OFFER_STATUSES = ["active", "paused", "archived"] as const;
/**
 * Who sees an offer in the portal: every approved partner, only partners whose access request was approved,
 * only members of the partner groups chosen for it (offer_groups), or nobody.
 */
export const OFFER_VISIBILITIES = ["all", "on_request", "groups", "hidden"] as const;
export const PARTNER_STATUSES = ["pending", "approved", "rejected", "suspended", "closed"] as const;
/** Kinds of a program's sign-up questions. */
export const QUESTION_KINDS = ["text", "long_text", "select", "checkbox", "url"] as const;
/** Operator webhook event types (Standard Webhooks `type`), in the order the settings page lists them. */
export const WEBHOOK_EVENT_TYPES = [
  "partner.applied",
  "partner.approved",
  "partner.rejected",
  "partner.suspended",
  "conversion.recorded",
  "commission.approved",
  "commission.rejected",
  "commission.reversed",
  "payout_batch.approved",
  "payout_batch.paid",
  "fraud.hold",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
/** pending: an attempt is scheduled; delivered: a 2xx answered; failed: 3 days of retries ran out. */
export const WEBHOOK_DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];
