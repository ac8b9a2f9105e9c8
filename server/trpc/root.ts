import { createCallerFactory, createTRPCRouter } from "./init";
import { adminRouter } from "./routers/admin";
import { attributionRouter } from "./routers/attribution";
import { couponsRouter } from "./routers/coupons";
import { fraudRouter } from "./routers/fraud";
import { linksRouter } from "./routers/links";
import { offersRouter } from "./routers/offers";
import { partnerRouter } from "./routers/partner";
import { plansRouter } from "./routers/plans";
import { postbacksRouter } from "./routers/postbacks";
import { programsRouter } from "./routers/programs";

export const appRouter = createTRPCRouter({
  partner: partnerRouter,
  admin: adminRouter,
  links: linksRouter,
  coupons: couponsRouter,
  offers: offersRouter,
  programs: programsRouter,
  postbacks: postbacksRouter,
  attribution: attributionRouter,
  plans: plansRouter,
  fraud: fraudRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
