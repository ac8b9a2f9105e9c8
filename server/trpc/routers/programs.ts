import { generateSigningSecret } from "@/server/programs/generate-signing-secret";
import { retireOldestSigningSecret } from "@/server/programs/retire-signing-secret";
import { ipAllowlistInput, programIdInput } from "@/server/programs/schemas";
import { setIpAllowlist } from "@/server/programs/set-ip-allowlist";
import { adminProcedure, createTRPCRouter } from "../init";

/** Postback security settings of a program. Reading them is `admin.program`. */
export const programsRouter = createTRPCRouter({
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
