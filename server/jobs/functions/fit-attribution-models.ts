import { refreshModelFits } from "@/server/attribution/fit-model";
import { defineJob } from "../define-job";

/** Daily: re-learn data-driven attribution weights for programs that use them. */
export const fitAttributionModels = defineJob({
  id: "fit-attribution-models",
  cron: "TZ=UTC 30 3 * * *",
  run: ({ db, step }) => step.run("refresh-fits", async () => ({ fitted: await refreshModelFits(db) })),
});
