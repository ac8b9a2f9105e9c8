import { createCallerFactory, createTRPCRouter } from "./init";
import { adminRouter } from "./routers/admin";
import { announcementsRouter } from "./routers/announcements";
import { apiKeysRouter, partnerTokensRouter } from "./routers/api-keys";
import { attributionRouter } from "./routers/attribution";
import { couponsRouter } from "./routers/coupons";
import { creativesRouter } from "./routers/creatives";
import { documentsRouter } from "./routers/documents";
import { fraudRouter } from "./routers/fraud";
import { importsRouter } from "./routers/imports";
import { invoicesRouter } from "./routers/invoices";
import { linksRouter } from "./routers/links";
import { onboardingRouter } from "./routers/onboarding";
import { offerPixelsRouter } from "./routers/offer-pixels";
import { offersRouter } from "./routers/offers";
import { partnerRouter } from "./routers/partner";
import { plansRouter } from "./routers/plans";
import { postbacksRouter } from "./routers/postbacks";
import { programsRouter } from "./routers/programs";
import { setupRouter } from "./routers/setup";
import { reportsRouter } from "./routers/reports";
import { teamRouter } from "./routers/team";
import { webhooksRouter } from "./routers/webhooks";

export const appRouter = createTRPCRouter({
  partner: partnerRouter,
  admin: adminRouter,
  links: linksRouter,
  coupons: couponsRouter,
  offers: offersRouter,
  offerPixels: offerPixelsRouter,
  programs: programsRouter,
  postbacks: postbacksRouter,
  attribution: attributionRouter,
  plans: plansRouter,
  fraud: fraudRouter,
  setup: setupRouter,
  reports: reportsRouter,
  team: teamRouter,
  onboarding: onboardingRouter,
  creatives: creativesRouter,
  announcements: announcementsRouter,
  webhooks: webhooksRouter,
  documents: documentsRouter,
  invoices: invoicesRouter,
  apiKeys: apiKeysRouter,
  partnerTokens: partnerTokensRouter,
  imports: importsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
