import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { operatorBillingSettings, partnerBillingDetails } from "@/db/schema";
import { operatorProgram } from "./program";
import { operatorSettingsInput, partnerBillingInput, type OperatorSettingsInput, type PartnerBillingInput } from "./schemas";

export async function getPartnerBilling(db: DbOrTx, partnerId: string) {
  const [row] = await db.select().from(partnerBillingDetails).where(eq(partnerBillingDetails.partnerId, partnerId));
  return row ?? null;
}

/** The partner's invoice details. Invoices already issued keep the details they printed. */
export async function savePartnerBilling(db: DbOrTx, partnerId: string, input: PartnerBillingInput) {
  const v = partnerBillingInput.parse(input);
  await db
    .insert(partnerBillingDetails)
    .values({ partnerId, ...v })
    .onConflictDoUpdate({ target: partnerBillingDetails.partnerId, set: { ...v, updatedAt: new Date() } });
  return { partnerId, ...v };
}

export const DEFAULT_RETENTION_DAYS = 1825;

/** The operator's company details (null until set) and the document retention period. */
export async function getOperatorSettings(db: DbOrTx) {
  const program = await operatorProgram(db);
  const [row] = await db.select().from(operatorBillingSettings).where(eq(operatorBillingSettings.programId, program.id));
  return { programId: program.id, programName: program.name, company: row?.company ?? null, documentRetentionDays: row?.documentRetentionDays ?? DEFAULT_RETENTION_DAYS };
}

export async function saveOperatorSettings(db: DbOrTx, input: OperatorSettingsInput) {
  const { documentRetentionDays, ...company } = operatorSettingsInput.parse(input);
  const program = await operatorProgram(db);
  await db
    .insert(operatorBillingSettings)
    .values({ programId: program.id, company, documentRetentionDays })
    .onConflictDoUpdate({ target: operatorBillingSettings.programId, set: { company, documentRetentionDays, updatedAt: new Date() } });
  return { programId: program.id, company, documentRetentionDays };
}
