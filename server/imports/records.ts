import type { PartnerStatus, PayoutDetailsData } from "@/db/schema";

export type PartnerRecord = {
  vendorId: string;
  email: string;
  name: string;
  company: string | null;
  website: string | null;
  country: string | null;
  status: PartnerStatus;
  parentVendorId: string | null;
  codes: string[];
  coupon: string | null;
  payout: PayoutDetailsData | null;
  balance: { amount: number; currency: string } | null;
  createdAt: Date | null;
};

export type ConversionRecord = {
  vendorId: string;
  partnerVendorId: string;
  customerId: string | null;
  event: string;
  amount: number | null;
  commission: number | null;
  currency: string;
  occurredAt: Date;
};

export type CustomerRecord = { vendorId: string; customerId: string; partnerVendorId: string; createdAt: Date | null };

export type CouponRecord = { vendorId: string; code: string; partnerVendorId: string };

export type RecordOf = { partners: PartnerRecord; conversions: ConversionRecord; customers: CustomerRecord; coupons: CouponRecord };
