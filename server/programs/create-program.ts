import { randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import { assertDatabaseKnowsZone } from "./database-time-zone";
import { newId } from "@/db/ids";
import { programs } from "@/db/schema";
import { hashToken } from "@/server/conversions/postback-auth";
import type { CreateProgramInput } from "./schemas";

/** A fresh secret for the operator's backend: 48 hex characters, shown in the admin, stored with its hash. */
export const newPostbackToken = () => randomBytes(24).toString("hex");

/** A program with its own postback token. Offers, plans and partners come next (the setup checklist). */
export async function createProgram(db: Db, input: CreateProgramInput) {
  await assertDatabaseKnowsZone(db, input.timeZone);
  const token = newPostbackToken();
  const [row] = await db
    .insert(programs)
    .values({
      id: newId("program"),
      name: input.name,
      defaultCurrency: input.defaultCurrency,
      timeZone: input.timeZone,
      signUpMode: input.signUpMode,
      postbackToken: token,
      postbackTokenHash: hashToken(token),
    })
    .returning({ id: programs.id });
  if (!row) throw new Error("insert returned no row");
  return { programId: row.id };
}
