import type { Db } from "@/db/client";
import { purgeExpiredDocuments, sendExpiryReminders } from "@/server/documents/housekeeping";
import { storage, type Storage } from "@/server/storage";
import { defineJob } from "../define-job";
import type { StepRunner } from "../step";

/**
 * Daily partner-document housekeeping: remind partners whose approved documents expire within 30 days (once per
 * document), then delete the files of documents past the operator's retention period. Both steps are idempotent.
 */
export async function documentHousekeepingSteps(db: Db, step: StepRunner, now = new Date(), store: Storage = storage()) {
  const { reminded } = await step.run("expiry-reminders", () => sendExpiryReminders(db, now));
  const { deleted } = await step.run("retention-purge", () => purgeExpiredDocuments(db, store, now));
  return { reminded, deleted };
}

export const documentHousekeeping = defineJob({
  id: "document-housekeeping",
  cron: "TZ=UTC 41 4 * * *",
  concurrency: { limit: 1 },
  run: ({ db, step }) => documentHousekeepingSteps(db, step),
});
