import { createCallerFactory, createTRPCRouter } from "./init";
import { adminRouter } from "./routers/admin";
import { partnerRouter } from "./routers/partner";

export const appRouter = createTRPCRouter({
  partner: partnerRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
