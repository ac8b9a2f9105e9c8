import type { Preset } from "../types";

/** Rewardful: Affiliates, Referrals and Commissions exports; amounts are in cents, as its API gives them. */
export const rewardful: Preset = {
  label: "Rewardful",
  source: "Affiliates > Export; Referrals > Export; Commissions > Export",
  kinds: {
    partners: {
      amountsInMinorUnits: true,
      columns: {
        id: "id",
        email: "email",
        first_name: "first_name",
        last_name: "last_name",
        paypal_email: "paypal_email",
        status: "state",
        code: "token",
        coupon: "coupon",
        balance: "unpaid_commissions_cents",
        currency: "currency",
        created_at: "created_at",
      },
    },
    conversions: {
      amountsInMinorUnits: true,
      columns: {
        id: "id",
        partner_id: "affiliate_id",
        customer_id: "stripe_customer_id",
        amount: "sale_amount_cents",
        commission: "amount",
        currency: "currency",
        occurred_at: "created_at",
        status: "state",
      },
    },
    customers: { columns: { customer_id: "stripe_customer_id", partner_id: "affiliate_id", created_at: "became_conversion_at" } },
  },
  statuses: { active: "approved", pending: "pending", inactive: "suspended" },
  voidStatuses: ["voided"],
};
