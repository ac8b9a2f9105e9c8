import type { Preset } from "../types";

/** Everflow: Affiliates and Conversions exports (network_* field names of its Network API); the timestamp is Unix seconds. */
export const everflow: Preset = {
  label: "Everflow",
  source: "Partners > Manage > Export; Reporting > Conversions > Export CSV",
  kinds: {
    partners: {
      columns: {
        id: "network_affiliate_id",
        email: "email",
        name: "name",
        country: "country_code",
        status: "account_status",
        parent_id: "referrer_network_affiliate_id",
        code: "network_affiliate_id",
        balance: "balance",
        currency: "default_currency_id",
        created_at: "time_created",
      },
    },
    conversions: {
      columns: {
        id: "conversion_id",
        partner_id: "network_affiliate_id",
        customer_id: "adv1",
        event: "event",
        amount: "sale_amount",
        commission: "payout",
        currency: "currency_id",
        occurred_at: "conversion_unix_timestamp",
        status: "status",
      },
    },
  },
  statuses: { active: "approved", pending: "pending", inactive: "suspended", suspended: "suspended" },
  voidStatuses: ["rejected", "invalid"],
};
