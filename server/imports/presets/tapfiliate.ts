import type { Preset } from "../types";

/** Tapfiliate: Affiliates, Conversions and Customers exports (field names of its REST API objects, flattened:
 * `parent.id` is `parent_id`). The code is read from the affiliate's `referral_link` (its `?ref=`). */
export const tapfiliate: Preset = {
  label: "Tapfiliate",
  source: "Affiliates > Export CSV; Conversions > Export; Customers > Export",
  kinds: {
    partners: {
      columns: {
        id: "id",
        email: "email",
        first_name: "firstname",
        last_name: "lastname",
        company: "company",
        parent_id: "parent_id",
        code: "referral_link",
        coupon: "coupon",
        paypal_email: "paypal_email",
        status: "approved",
        balance: "balance",
        currency: "currency",
        created_at: "created_at",
      },
    },
    conversions: {
      columns: {
        id: "id",
        partner_id: "affiliate_id",
        customer_id: "customer_id",
        amount: "amount",
        commission: "commission_amount",
        currency: "currency",
        occurred_at: "created_at",
        status: "status",
      },
    },
    customers: { columns: { customer_id: "customer_id", partner_id: "affiliate_id", created_at: "created_at" } },
  },
  statuses: { true: "approved", false: "pending" },
  voidStatuses: ["disapproved", "rejected"],
};
