import type { Preset } from "../types";

/** Post Affiliate Pro: Affiliates, Transactions and Lifetime referrals exports (its column names). */
export const postAffiliatePro: Preset = {
  label: "Post Affiliate Pro",
  source: "Affiliates > Export to CSV; Transactions > Export to CSV; Lifetime referrals > Export to CSV",
  kinds: {
    partners: {
      columns: {
        id: "userid",
        email: "username",
        first_name: "firstname",
        last_name: "lastname",
        website: "data1",
        parent_id: "parentuserid",
        code: "refid",
        status: "rstatus",
        paypal_email: "paypal_email",
        balance: "unpaid_commissions",
        currency: "currency",
        created_at: "dateinserted",
      },
    },
    conversions: {
      columns: {
        id: "transid",
        partner_id: "userid",
        customer_id: "data1",
        amount: "totalcost",
        commission: "commission",
        currency: "currency",
        occurred_at: "dateinserted",
        status: "rstatus",
      },
    },
    customers: { columns: { customer_id: "identifier", partner_id: "userid", created_at: "dateinserted" } },
  },
  statuses: { a: "approved", p: "pending", d: "rejected" },
  voidStatuses: ["d"],
};
