import { z } from "zod";
import { runReport, type ReportScope } from "@/server/reports/run-report";
import { reportQuerySchema } from "@/server/reports/schemas";
import type { DbOrTx } from "@/db/client";
import { route } from "../define";

const money = z.record(z.string(), z.number()).meta({ description: "Amounts by ISO 4217 currency, in minor units." });
const values = z
  .object({
    impressions: z.number().meta({ description: "Banner impressions; kept per program, offer and partner only." }),
    clicks: z.number(),
    uniqueClicks: z.number(),
    conversions: z.number(),
    byEvent: z.record(z.string(), z.number()),
    conversionRate: z.number(),
    revenue: money,
    commissionPending: money,
    commissionApproved: money,
    commissionPaid: money,
    commissionReversed: money,
    epc: z.record(z.string(), z.number()),
    margin: money,
  })
  .meta({ id: "ReportValues" });
const range = z.object({ from: z.string(), to: z.string() });
export const reportResult = z
  .object({
    dimensions: z.array(z.string()),
    metrics: z.array(z.string()),
    rows: z.array(z.object({ key: z.record(z.string(), z.string()), label: z.record(z.string(), z.string()), values, previous: values.optional() })),
    total: z.number().int(),
    totals: values,
    previousTotals: values.optional(),
    currencies: z.array(z.string()),
    events: z.array(z.string()),
    timeZone: z.string(),
    range,
    previousRange: range.optional(),
  })
  .meta({ id: "ReportResult" });

export const reportBody = reportQuerySchema.meta({ id: "ReportQuery" });

export function report(db: DbOrTx, q: z.output<typeof reportQuerySchema>, scope: ReportScope, programId: string | null) {
  // a program-scoped key reports on its program only: the filter is forced, not trusted from the body
  return runReport(db, programId ? { ...q, filters: { ...q.filters, program: programId } } : q, scope);
}

export const reportRoutes = [
  route({
    method: "POST",
    path: "/reports",
    operationId: "runReport",
    summary: "Run a report: clicks, conversions and commissions over a date range, broken down by up to 3 dimensions",
    tag: "Reports",
    auth: "key",
    scope: "reports:read",
    body: reportBody,
    response: reportResult,
    handle: ({ db, principal, body }) => report(db, body, { kind: "admin" }, principal.programId),
  }),
];
