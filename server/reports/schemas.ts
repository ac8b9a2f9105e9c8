import { z } from "zod";
import { ATTRIBUTE_NAMES, DIMENSIONS } from "./grains";

export const METRICS = ["impressions", "clicks", "uniqueClicks", "conversions", "conversionRate", "revenue", "commissionPending", "commissionApproved", "commissionPaid", "commissionReversed", "epc", "margin"] as const;
export type Metric = (typeof METRICS)[number];
/** Metrics only operators see: what the operator earned and kept. */
export const ADMIN_ONLY_METRICS: readonly Metric[] = ["revenue", "margin"];

export const METRIC_LABELS: Record<Metric, string> = {
  impressions: "Impressions",
  clicks: "Clicks",
  uniqueClicks: "Unique clicks",
  conversions: "Conversions",
  conversionRate: "Conversion rate",
  revenue: "Revenue",
  commissionPending: "Commission pending",
  commissionApproved: "Commission approved",
  commissionPaid: "Commission paid",
  commissionReversed: "Commission reversed",
  epc: "EPC",
  margin: "Margin",
};

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-01-31.");
const value = z.string().trim().max(200);

export const reportFiltersSchema = z
  .object({
    program: value,
    offer: value,
    partner: value,
    link: value,
    ...Object.fromEntries(ATTRIBUTE_NAMES.map((a) => [a, value])),
    event: value,
    partner_type: value,
    partner_group: value,
  })
  .partial();

export const reportQuerySchema = z
  .object({
    from: isoDate,
    to: isoDate,
    dimensions: z.array(z.enum(DIMENSIONS)).max(3).default([]),
    filters: reportFiltersSchema.default({}),
    compare: z.boolean().default(false),
    sort: z.object({ by: z.string().max(40), dir: z.enum(["asc", "desc"]) }).default({ by: "clicks", dir: "desc" }),
    page: z.number().int().min(1).max(10_000).default(1),
    pageSize: z.number().int().min(1).max(1_000).default(50),
  })
  .refine((q) => q.from <= q.to, { path: ["to"], message: "The end date is before the start date." })
  .refine((q) => new Set(q.dimensions).size === q.dimensions.length, { path: ["dimensions"], message: "Pick each breakdown once." });

export type ReportQuery = z.infer<typeof reportQuerySchema>;
export type ReportFilters = z.infer<typeof reportFiltersSchema>;
