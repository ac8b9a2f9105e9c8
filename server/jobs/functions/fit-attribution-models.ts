import { refreshModelFits } from "@/server/attribution/fit-model";
import { getDb } from "@/server/db";
import { inngest } from "@/server/outbox/client";

/** Daily: re-learn data-driven attribution weights for programs that use them. */
export const fitAttributionModels = inngest.createFunction(
  { id: "fit-attribution-models", triggers: [{ cron: "TZ=UTC 30 3 * * *" }] },
  async ({ step }) => step.run("refresh-fits", async () => ({ fitted: await refreshModelFits(await getDb()) })),
);
