import type { Db } from "@/db/client";
import { newId } from "@/db/ids";
import { partners } from "@/db/schema";
import { createUser } from "@/server/auth/create-user";
import type { ApplyInput } from "./schemas";

/** A sign-up: a partner user and a pending application, together or not at all. */
export async function applyPartner(db: Db, input: ApplyInput) {
  return db.transaction(async (tx) => {
    const userId = await createUser(tx, { email: input.email, name: input.name, password: input.password, role: "partner" });
    const partnerId = newId("partner");
    await tx.insert(partners).values({
      id: partnerId,
      userId,
      name: input.name.trim(),
      website: input.website || null,
      promotionMethods: input.promotionMethods || null,
      status: "pending",
    });
    return { partnerId };
  });
}
