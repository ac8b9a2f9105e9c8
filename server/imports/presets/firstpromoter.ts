import type { Preset } from "../types";

/** FirstPromoter: Promoters, Leads and Commissions exports (its promoter API fields, `profile.*` flattened);
 * balances and amounts in cents. Links carry `default_ref_id` as `?fpr=`. */
export const firstpromoter: Preset = {
  label: "FirstPromoter",
  source: "Promoters > Export; Leads > Export; Commissions > Export",
  kinds: {
    partners: {
      amountsInMinorUnits: true,
      columns: {
        id: "id",
        email: "email",
        first_name: "first_name",
        last_name: "last_name",
        company: "company_name",
        website: "website",
        country: "country",
        parent_id: "parent_promoter_id",
        code: "default_ref_id",
        status: "status",
        coupon: "coupon_code",
        paypal_email: "paypal_email",
        balance: "current_balance_cash",
        currency: "currency",
        created_at: "created_at",
      },
    },
    conversions: {
      amountsInMinorUnits: true,
      columns: {
        id: "id",
        partner_id: "promoter_id",
        customer_id: "uid",
        amount: "sale_amount",
        commission: "amount",
        currency: "currency",
        occurred_at: "created_at",
        status: "status",
      },
    },
    customers: { columns: { customer_id: "uid", partner_id: "promoter_id", created_at: "created_at" } },
  },
  statuses: { approved: "approved", active: "approved", pending: "pending", rejected: "rejected", denied: "rejected", blocked: "suspended", archived: "closed" },
  voidStatuses: ["denied"],
};
