import type { Preset } from "../types";

/** MyAffiliates: Affiliates, Players and Transactions exports (its upper-case column names). */
export const myaffiliates: Preset = {
  label: "MyAffiliates",
  source: "Affiliates > Search > Export CSV; Reports > Players > Export; Reports > Transactions > Export",
  kinds: {
    partners: {
      columns: {
        id: "USER_ID",
        email: "EMAIL",
        first_name: "FIRST_NAME",
        last_name: "LAST_NAME",
        company: "COMPANY",
        country: "COUNTRY",
        website: "WEBSITE",
        status: "STATUS",
        parent_id: "PARENT_USER_ID",
        code: "USER_ID",
        balance: "BALANCE",
        currency: "CURRENCY",
        created_at: "JOIN_DATE",
      },
    },
    conversions: {
      columns: {
        id: "TRANSACTION_ID",
        partner_id: "USER_ID",
        customer_id: "PLAYER_ID",
        event: "TRANSACTION_TYPE",
        amount: "AMOUNT",
        commission: "COMMISSION",
        currency: "CURRENCY",
        occurred_at: "TRANSACTION_DATE",
      },
    },
    customers: { columns: { customer_id: "PLAYER_ID", partner_id: "USER_ID", created_at: "SIGNUP_DATE" } },
  },
  statuses: { approved: "approved", active: "approved", pending: "pending", declined: "rejected", suspended: "suspended", closed: "closed" },
};
