import { z } from "zod";
import { getImport, listImports } from "@/server/imports/list-imports";
import { importOptions } from "@/server/imports/options";
import { runImport } from "@/server/imports/run-import";
import { runImportInput } from "@/server/imports/schemas";
import { adminProcedure, createTRPCRouter } from "../init";

export const importsRouter = createTRPCRouter({
  options: adminProcedure("imports:manage").query(({ ctx }) => importOptions(ctx.db)),
  list: adminProcedure("imports:manage").query(({ ctx }) => listImports(ctx.db)),
  get: adminProcedure("imports:manage")
    .input(z.object({ id: z.string().min(1).max(64) }))
    .query(({ ctx, input }) => getImport(ctx.db, input.id)),
  /** A dry run answers with its report and writes nothing; a real run is stored (imports.get shows it again). */
  run: adminProcedure("imports:manage")
    .input(runImportInput)
    .mutation(async ({ ctx, input }) => {
      const { csv, ...rest } = input;
      const outcome = await runImport(ctx.db, { ...rest, csv, actorId: ctx.user.id });
      return { importId: outcome.importId, kind: outcome.kind, dryRun: outcome.dryRun, rowsRead: outcome.rowsRead, ok: outcome.ok, refused: outcome.refused, skipped: outcome.skipped, report: outcome.report };
    }),
});
