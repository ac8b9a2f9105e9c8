import type { Preset } from "../types";

/** Cellxpert: Affiliates, Players and Transactions reports exported to CSV (their column titles). */
export const cellxpert: Preset = {
  label: "Cellxpert",
  source: "Affiliates > Export; Reports > Players > Export; Reports > Transactions > Export",
  kinds: {
    partners: {
      columns: {
        id: "Affiliate ID",
        email: "Email",
        first_name: "First Name",
        last_name: "Last Name",
        company: "Company",
        country: "Country",
        status: "Status",
        parent_id: "Master Affiliate ID",
        code: "Affiliate ID",
        balance: "Balance",
        currency: "Currency",
        created_at: "Registration Date",
      },
    },
    conversions: {
      columns: {
        id: "Transaction ID",
        partner_id: "Affiliate ID",
        customer_id: "Player ID",
        event: "Transaction Type",
        amount: "Amount",
        commission: "Commission",
        currency: "Currency",
        occurred_at: "Transaction Date",
      },
    },
    customers: { columns: { customer_id: "Player ID", partner_id: "Affiliate ID", created_at: "Registration Date" } },
  },
  statuses: { active: "approved", approved: "approved", pending: "pending", blocked: "suspended", rejected: "rejected" },
};
