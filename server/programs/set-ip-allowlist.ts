import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { programs } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { invalidateProgramAuth } from "@/server/conversions/postback-auth";
import type { IpAllowlistInput } from "./schemas";

/** Which addresses may send this program's postbacks. An empty list accepts any address. */
export async function setIpAllowlist(db: Db, input: IpAllowlistInput) {
  const [row] = await db
    .update(programs)
    .set({ postbackIpAllowlist: input.allowlist })
    .where(eq(programs.id, input.programId))
    .returning({ id: programs.id, allowlist: programs.postbackIpAllowlist });
  if (!row) throw new DomainError("NOT_FOUND", "Program not found");
  invalidateProgramAuth(db);
  return row;
}
