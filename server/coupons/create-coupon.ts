import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { coupons, offers, partners } from "@/db/schema";
import { DomainError, isUniqueViolation } from "@/server/errors";
import type { CreateCouponInput } from "./schemas";

const CODE_TAKEN = () => new DomainError("CONFLICT", "This code is taken in this program", "code");

/** A coupon code credited to one approved partner for one offer; unique (upper-case) within the offer's program. */
export async function createCoupon(db: Db, input: CreateCouponInput) {
  const [partner] = await db
    .select({ id: partners.id })
    .from(partners)
    .where(and(eq(partners.id, input.partnerId), eq(partners.status, "approved")));
  if (!partner) throw new DomainError("BAD_REQUEST", "Pick an approved partner", "partnerId");
  const [offer] = await db.select({ id: offers.id, programId: offers.programId }).from(offers).where(eq(offers.id, input.offerId));
  if (!offer) throw new DomainError("BAD_REQUEST", "Pick an offer", "offerId");

  const code = input.code.toUpperCase();
  const [existing] = await db
    .select({ id: coupons.id })
    .from(coupons)
    .where(and(eq(coupons.programId, offer.programId), eq(coupons.code, code)));
  if (existing) throw CODE_TAKEN();
  try {
    const [row] = await db
      .insert(coupons)
      .values({ programId: offer.programId, offerId: offer.id, partnerId: partner.id, code })
      .returning({ id: coupons.id, code: coupons.code });
    return row;
  } catch (err) {
    if (isUniqueViolation(err, "coupons_program_code_uq")) throw CODE_TAKEN();
    throw err;
  }
}
