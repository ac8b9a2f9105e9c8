import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { programs } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { signUpProgram } from "@/server/programs/sign-up-mode";

/** What a new program offers until the operator edits its list (the column's default says the same). */
export const DEFAULT_PARTNER_TYPES = ["affiliate", "introducing broker", "referral partner", "reseller", "influencer", "media buyer"];

/** The partner types in use: the sign-up program's list (partners belong to the install, see signUpMode). */
export async function partnerTypes(db: DbOrTx): Promise<string[]> {
  return (await signUpProgram(db))?.partnerTypes ?? DEFAULT_PARTNER_TYPES;
}

/** Replaces a program's list. Partners keep the type they have; an unknown one is shown as it is until changed. */
export async function setPartnerTypes(db: DbOrTx, input: { programId: string; types: string[] }) {
  const seen = new Set<string>();
  const types = input.types.map((t) => t.trim().toLowerCase()).filter((t) => t !== "" && !seen.has(t) && (seen.add(t), true));
  if (types.length === 0) throw new DomainError("BAD_REQUEST", "Keep at least one partner type", "types");
  const [row] = await db.update(programs).set({ partnerTypes: types }).where(eq(programs.id, input.programId)).returning({ id: programs.id });
  if (!row) throw new DomainError("NOT_FOUND", "Program not found");
  return { types };
}

/** Refuses a type the program does not offer (the partner's current one is always accepted). */
export async function checkPartnerType(db: DbOrTx, type: string, current?: string) {
  const t = type.trim().toLowerCase();
  if (t === current) return t;
  if (!(await partnerTypes(db)).includes(t)) throw new DomainError("BAD_REQUEST", "Pick one of the program's partner types", "type");
  return t;
}
