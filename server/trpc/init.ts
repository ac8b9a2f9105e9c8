import { initTRPC, TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import superjson from "superjson";
import { ZodError } from "zod";
import type { Db } from "@/db/client";
import { partners } from "@/db/schema";
import type { SessionUser } from "@/server/auth/authenticate";
import { can, type Permission } from "@/server/auth/permissions";
import { DomainError } from "@/server/errors";

export type Context = { db: Db; user: SessionUser | null };

const t = initTRPC.context<Context>().create({
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

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(domainErrors);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first." });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** Operator procedures, each naming the permission it needs (server/auth/permissions.ts). */
export const adminProcedure = (permission: Permission) =>
  authedProcedure.use(({ ctx, next }) => {
    if (!can(ctx.user.role, permission)) throw new TRPCError({ code: "FORBIDDEN", message: "You do not have access to this." });
    return next();
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
