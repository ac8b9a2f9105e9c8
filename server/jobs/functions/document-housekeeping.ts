import type { Db } from "@/db/client";
import { getDb } from "@/server/db";
import { purgeExpiredDocuments, sendExpiryReminders } from "@/server/documents/housekeeping";
import { storage, type Storage } from "@/server/storage";
import { inngest } from "@/server/outbox/client";
import type { StepRunner } from "../step";

/**
 * Daily partner-document housekeeping: remind partners whose approved documents expire within 30 days (once per
 * document), then delete the files of documents past the operator's retention period. Both steps are idempotent.
 */
export async function documentHousekeepingSteps(db: Db, step: StepRunner, now = new Date(), store: Storage = storage()) {
  const { reminded } = (await step.run("expiry-reminders", () => sendExpiryReminders(db, now))) as { reminded: number };
  const { deleted } = (await step.run("retention-purge", () => purgeExpiredDocuments(db, store, now))) as { deleted: number };
  return { reminded, deleted };
}

export const documentHousekeeping = inngest.createFunction(
  { id: "document-housekeeping", triggers: [{ cron: "TZ=UTC 41 4 * * *" }], concurrency: { limit: 1 } },
  async ({ step }) => documentHousekeepingSteps(await getDb(), step),
);
