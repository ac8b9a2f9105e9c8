import { initTRPC, TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import superjson from "superjson";
import { ZodError } from "zod";
import type { Db } from "@/db/client";
import { partners } from "@/db/schema";
import { isTeamRole } from "@/db/schema";
import { beginAudit } from "@/server/audit/audit-mutation";
import type { SessionUser } from "@/server/auth/authenticate";
import { loadLiveUser } from "@/server/auth/live-user";
import { can, partnerScope, type Permission } from "@/server/auth/permissions";
import { DomainError } from "@/server/errors";
import { missingRequiredTwoFactor } from "@/server/auth/two-factor";

/** `ip`: the caller's address for the audit log (the route handler sets it; tests may leave it out). */
export type Context = { db: Db; user: SessionUser | null; ip?: string | null };
/** The permission an admin procedure needs, readable by tests that enumerate the router. */
export type Meta = { permission?: Permission };

const t = initTRPC.context<Context>().meta<Meta>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      data: {
        ...shape.data,
        field: cause instanceof DomainError ? (cause.field ?? null) : null,
        // by top-level field, and by full path for nested forms ("terms.components.tiers.tiers.1.from")
        fieldErrors: cause instanceof ZodError ? { ...Object.fromEntries(cause.issues.filter((i) => i.path.length > 1).map((i) => [i.path.join("."), [i.message]])), ...cause.flatten().fieldErrors } : null,
      },
    };
  },
});

/** Domain refusals become tRPC errors with the same message; anything else stays a 500. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: cause.code, message: cause.message, cause });
  }
  return result;
});

/** Appends who did what to which object, from where, and how it ended (after the mutation's own transaction). */
const audited = t.middleware(async ({ ctx, type, path, getRawInput, next }) => {
  if (type !== "mutation") return next();
  const audit = await beginAudit(ctx.db, path, await getRawInput().catch(() => undefined));
  const result = await next();
  await audit.finish({ actor: ctx.user, ip: ctx.ip ?? null, result: result.ok ? { ok: true, data: result.data } : { ok: false, error: result.error } });
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(domainErrors);

/** The user is read from the database on every call: a deactivated account, or a session whose version moved
 * on (password or role change, "sign out everywhere"), is refused at once, and the role is the row's, not the token's. */
export const authedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first." });
  const user = await loadLiveUser(ctx.db, ctx.user);
  if (!user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Your session has ended. Sign in again." });
  return next({ ctx: { ...ctx, user } });
});

/** Operator procedures, each naming the permission it needs (server/auth/permissions.ts). Every mutation is
 * written to the audit log (server/audit/audit-mutation.ts), refused attempts included. `ctx.managerScope` is set for a manager: queries
 * and actions on partner data filter by it. */
export const adminProcedure = (permission: Permission) =>
  authedProcedure
    .meta({ permission })
    // first, so that a refused attempt (a role without the permission) is in the log too
    .use(audited)
    .use(async ({ ctx, type, next }) => {
      if (!isTeamRole(ctx.user.role) || !can(ctx.user.role, permission, type)) throw new TRPCError({ code: "FORBIDDEN", message: "You do not have access to this." });
      // when the owner requires two-factor, a member without it can only reach their own account page to set it up
      if (permission !== "account:self" && (await missingRequiredTwoFactor(ctx.db, ctx.user.id)))
        throw new TRPCError({ code: "FORBIDDEN", message: "The owner requires two-factor authentication. Set it up on your account page first." });
      return next({ ctx: { ...ctx, managerScope: partnerScope(ctx.user) } });
    });

/** Gives `ctx.partnerId`. The partner's status is read from the database on every call, not trusted from
 * the session, so a suspended partner loses access at once. */
export const partnerProcedure = authedProcedure.use(async ({ ctx, next }) => {
  if (ctx.user.role !== "partner") throw new TRPCError({ code: "FORBIDDEN", message: "Partners only." });
  const [partner] = await ctx.db
    .select({ id: partners.id, status: partners.status })
    .from(partners)
    .where(eq(partners.userId, ctx.user.id));
  if (!partner || partner.status !== "approved") throw new TRPCError({ code: "FORBIDDEN", message: "Your partner account is not active." });
  return next({ ctx: { ...ctx, partnerId: partner.id } });
});
