import { desc } from "drizzle-orm";
import { z } from "zod";
import { mailMessages } from "@/db/schema";
import { setPasswordWithToken, verifyEmailWithToken } from "@/server/auth/account-tokens";
import { requestPasswordReset } from "@/server/auth/reset-password";
import { auditFilter, listAudit } from "@/server/audit/list-audit";
import { changeRoleInput, changePasswordInput, disableTwoFactorInput, inviteInput, requireTwoFactorInput, setPasswordInput, tokenInput, totpCodeInput, userId } from "@/server/team/schemas";
import { beginTwoFactor, confirmTwoFactor, disableTwoFactor, securityStatus, setRequireTwoFactor } from "@/server/auth/two-factor";
import { changePassword, changeRole, inviteMember, listMembers, setMemberActive, signOutEverywhere } from "@/server/team/manage-team";
import { adminProcedure, createTRPCRouter, publicProcedure } from "../init";
import { page } from "../pagination";

/** The team, the audit log, the dev mailbox, and account recovery. */
export const teamRouter = createTRPCRouter({
  members: adminProcedure("team:manage").query(({ ctx }) => listMembers(ctx.db)),
  invite: adminProcedure("team:manage")
    .input(inviteInput)
    .mutation(({ ctx, input }) => inviteMember(ctx.db, ctx.user as Parameters<typeof inviteMember>[1], input)),
  changeRole: adminProcedure("team:manage")
    .input(changeRoleInput)
    .mutation(({ ctx, input }) => changeRole(ctx.db, ctx.user as Parameters<typeof changeRole>[1], input)),
  deactivate: adminProcedure("team:manage")
    .input(z.object({ userId }))
    .mutation(({ ctx, input }) => setMemberActive(ctx.db, ctx.user as Parameters<typeof setMemberActive>[1], { userId: input.userId, active: false })),
  reactivate: adminProcedure("team:manage")
    .input(z.object({ userId }))
    .mutation(({ ctx, input }) => setMemberActive(ctx.db, ctx.user as Parameters<typeof setMemberActive>[1], { userId: input.userId, active: true })),

  signOutEverywhere: adminProcedure("account:self").mutation(({ ctx }) => signOutEverywhere(ctx.db, ctx.user.id)),
  changePassword: adminProcedure("account:self")
    .input(changePasswordInput)
    .mutation(({ ctx, input }) => changePassword(ctx.db, ctx.user.id, input)),

  security: adminProcedure("account:self").query(({ ctx }) => securityStatus(ctx.db, ctx.user.id)),
  beginTwoFactor: adminProcedure("account:self").mutation(({ ctx }) => beginTwoFactor(ctx.db, ctx.user.id)),
  confirmTwoFactor: adminProcedure("account:self")
    .input(totpCodeInput)
    .mutation(({ ctx, input }) => confirmTwoFactor(ctx.db, ctx.user.id, input)),
  disableTwoFactor: adminProcedure("account:self")
    .input(disableTwoFactorInput)
    .mutation(({ ctx, input }) => disableTwoFactor(ctx.db, ctx.user.id, input)),
  setRequireTwoFactor: adminProcedure("team:owner")
    .input(requireTwoFactorInput)
    .mutation(({ ctx, input }) => setRequireTwoFactor(ctx.db, ctx.user.id, input)),

  audit: adminProcedure("audit:read")
    .input(auditFilter.extend(page))
    .query(({ ctx, input }) => listAudit(ctx.db, input)),
  mailbox: adminProcedure("mailbox:read")
    .input(z.object({ ...page }))
    .query(async ({ ctx, input }) => ({
      items: await ctx.db.select().from(mailMessages).orderBy(desc(mailMessages.createdAt), desc(mailMessages.id)).limit(input.limit).offset(input.offset),
      total: await ctx.db.$count(mailMessages),
    })),

  // Anyone: the same answer whether or not the address has an account.
  requestPasswordReset: publicProcedure.input(z.object({ email: z.email("Enter a valid email address").max(254) })).mutation(({ ctx, input }) => requestPasswordReset(ctx.db, input)),
  verifyEmail: publicProcedure.input(tokenInput).mutation(({ ctx, input }) => verifyEmailWithToken(ctx.db, input)),
  setPassword: publicProcedure.input(setPasswordInput).mutation(({ ctx, input }) => setPasswordWithToken(ctx.db, input).then(() => ({ ok: true }))),
});
