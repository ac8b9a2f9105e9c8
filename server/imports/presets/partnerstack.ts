import type { Preset } from "../types";

/** PartnerStack: Partners, Customers and Transactions (with their rewards) exports; amounts in cents. */
export const partnerstack: Preset = {
  label: "PartnerStack",
  source: "Partners > Export; Customers > Export; Transactions > Export",
  kinds: {
    partners: {
      amountsInMinorUnits: true,
      columns: {
        id: "partner_key",
        email: "email",
        first_name: "first_name",
        last_name: "last_name",
        company: "company",
        country: "country",
        parent_id: "parent_partner_key",
        code: "partner_key",
        status: "status",
        balance: "balance",
        currency: "currency",
        created_at: "created_at",
      },
    },
    conversions: {
      amountsInMinorUnits: true,
      columns: {
        id: "transaction_key",
        partner_id: "partner_key",
        customer_id: "customer_key",
        amount: "amount",
        commission: "reward_amount",
        currency: "currency",
        occurred_at: "created_at",
        status: "reward_status",
      },
    },
    customers: { columns: { customer_id: "customer_key", partner_id: "partner_key", created_at: "created_at" } },
  },
  statuses: { active: "approved", pending: "pending", archived: "closed", suspended: "suspended" },
  voidStatuses: ["declined", "voided"],
};
