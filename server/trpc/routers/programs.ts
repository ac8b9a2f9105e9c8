import { z } from "zod";
import { createProgram } from "@/server/programs/create-program";
import { generateSigningSecret } from "@/server/programs/generate-signing-secret";
import { getProgram, listPrograms } from "@/server/programs/list-programs";
import { regeneratePostbackToken } from "@/server/programs/regenerate-postback-token";
import { retireOldestSigningSecret } from "@/server/programs/retire-signing-secret";
import { createProgramInput, ipAllowlistInput, programIdInput, regeneratePostbackTokenInput, setProgramStatusInput, updateProgramInput } from "@/server/programs/schemas";
import { setIpAllowlist } from "@/server/programs/set-ip-allowlist";
import { setProgramStatus } from "@/server/programs/set-program-status";
import { updateProgram } from "@/server/programs/update-program";
import { getSetupChecklist } from "@/server/setup/get-setup-checklist";
import { adminProcedure, createTRPCRouter } from "../init";

/** Programs and their postback security. `admin.program` reads the settings pages' bundle. */
export const programsRouter = createTRPCRouter({
  list: adminProcedure("program:read").query(({ ctx }) => listPrograms(ctx.db)),
  get: adminProcedure("program:read")
    .input(z.object({ programId: z.string().min(1).max(64) }))
    .query(({ ctx, input }) => getProgram(ctx.db, input.programId)),
  checklist: adminProcedure("program:read").query(({ ctx }) => getSetupChecklist(ctx.db)),
  create: adminProcedure("program:manage")
    .input(createProgramInput)
    .mutation(({ ctx, input }) => createProgram(ctx.db, input)),
  update: adminProcedure("program:manage")
    .input(updateProgramInput)
    .mutation(({ ctx, input }) => updateProgram(ctx.db, input)),
  setStatus: adminProcedure("program:manage")
    .input(setProgramStatusInput)
    .mutation(({ ctx, input }) => setProgramStatus(ctx.db, input)),
  regeneratePostbackToken: adminProcedure("program:manage")
    .input(regeneratePostbackTokenInput)
    .mutation(({ ctx, input }) => regeneratePostbackToken(ctx.db, input)),
  setIpAllowlist: adminProcedure("program:manage")
    .input(ipAllowlistInput)
    .mutation(({ ctx, input }) => setIpAllowlist(ctx.db, input)),
  generateSigningSecret: adminProcedure("program:manage")
    .input(programIdInput)
    .mutation(({ ctx, input }) => generateSigningSecret(ctx.db, input)),
  retireSigningSecret: adminProcedure("program:manage")
    .input(programIdInput)
    .mutation(({ ctx, input }) => retireOldestSigningSecret(ctx.db, input)),
});
