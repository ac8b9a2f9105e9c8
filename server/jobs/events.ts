import { eventType } from "inngest";
import { z } from "zod";

/** Every background event, typed once. Producers create events with `.create()`, functions trigger on them. */
export const conversionRecorded = eventType("conversion/recorded", {
  schema: z.object({ conversionId: z.string() }),
});
