import type { AnyRoute } from "./define";
import { clickRoutes } from "./routes/clicks";
import { commissionRoutes } from "./routes/commissions";
import { conversionRoutes } from "./routes/conversions";
import { couponRoutes } from "./routes/coupons";
import { creativeRoutes } from "./routes/creatives";
import { linkRoutes } from "./routes/links";
import { offerRoutes } from "./routes/offers";
import { partnerApiRoutes } from "./routes/partner";
import { partnerRoutes } from "./routes/partners";
import { payoutRoutes } from "./routes/payouts";
import { programRoutes } from "./routes/programs";
import { reportRoutes } from "./routes/reports";
import { webhookRoutes } from "./routes/webhooks";

/** Every operation of /api/v1, in the order the reference lists them. */
export const API_ROUTES: AnyRoute[] = [
  ...programRoutes,
  ...offerRoutes,
  ...partnerRoutes,
  ...linkRoutes,
  ...conversionRoutes,
  ...couponRoutes,
  ...creativeRoutes,
  ...commissionRoutes,
  ...payoutRoutes,
  ...reportRoutes,
  ...clickRoutes,
  ...webhookRoutes,
  ...partnerApiRoutes,
];
