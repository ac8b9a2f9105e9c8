import { z } from "zod";
import { getDashboard } from "@/server/reports/get-dashboard";
import { clickLogInput, conversionLogInput, getClick, listClicks, listConversions } from "@/server/reports/list-clicks";
import { deleteView, listViews, saveView, saveViewInput } from "@/server/reports/report-views";
import { reportCsvFile } from "@/server/reports/report-csv";
import { runReport } from "@/server/reports/run-report";
import { reportQuerySchema } from "@/server/reports/schemas";
import { adminProcedure, createTRPCRouter, partnerProcedure } from "../init";

const viewId = z.object({ id: z.string().min(1).max(64) });

export const reportsRouter = createTRPCRouter({
  // operators: every partner's numbers
  run: adminProcedure("reports:read").input(reportQuerySchema).query(({ ctx, input }) => runReport(ctx.db, input, { kind: "admin" })),
  /** The whole report (every row, not a page) as CSV text, for /api/reports/csv. */
  csv: adminProcedure("reports:read")
    .input(reportQuerySchema)
    .query(async ({ ctx, input }) => reportCsvFile(await runReport(ctx.db, input, { kind: "admin" }, { allRows: true }))),
  dashboard: adminProcedure("reports:read").query(({ ctx }) => getDashboard(ctx.db, { kind: "admin" })),
  clicks: adminProcedure("reports:read").input(clickLogInput).query(({ ctx, input }) => listClicks(ctx.db, input)),
  click: adminProcedure("reports:read").input(viewId).query(({ ctx, input }) => getClick(ctx.db, input.id)),
  conversions: adminProcedure("reports:read").input(conversionLogInput).query(({ ctx, input }) => listConversions(ctx.db, input)),
  views: adminProcedure("reports:read").query(({ ctx }) => listViews(ctx.db, { userId: ctx.user.id, scope: "admin" })),
  saveView: adminProcedure("reports:read").input(saveViewInput).mutation(({ ctx, input }) => saveView(ctx.db, { userId: ctx.user.id, scope: "admin" }, input)),
  deleteView: adminProcedure("reports:read").input(viewId).mutation(({ ctx, input }) => deleteView(ctx.db, { userId: ctx.user.id, scope: "admin" }, input.id)),

  // partners: their own numbers only (the scope filters by ctx.partnerId in the query)
  partnerRun: partnerProcedure.input(reportQuerySchema).query(({ ctx, input }) => runReport(ctx.db, input, { kind: "partner", partnerId: ctx.partnerId })),
  partnerCsv: partnerProcedure
    .input(reportQuerySchema)
    .query(async ({ ctx, input }) => reportCsvFile(await runReport(ctx.db, input, { kind: "partner", partnerId: ctx.partnerId }, { allRows: true }))),
  partnerDashboard: partnerProcedure.query(({ ctx }) => getDashboard(ctx.db, { kind: "partner", partnerId: ctx.partnerId })),
  partnerViews: partnerProcedure.query(({ ctx }) => listViews(ctx.db, { userId: ctx.user.id, scope: "portal" })),
  partnerSaveView: partnerProcedure.input(saveViewInput).mutation(({ ctx, input }) => saveView(ctx.db, { userId: ctx.user.id, scope: "portal" }, input)),
  partnerDeleteView: partnerProcedure.input(viewId).mutation(({ ctx, input }) => deleteView(ctx.db, { userId: ctx.user.id, scope: "portal" }, input.id)),
});
