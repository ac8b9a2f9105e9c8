import { eq } from "drizzle-orm";
import { electronicFormatIBAN, friendlyFormatIBAN, isValidBIC, isValidIBAN } from "ibantools";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { partnerPayoutDetails, type PayoutDetailsData } from "@/db/schema";
import { isCleanText } from "@/server/text";

const text = (name: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, `Enter the ${name}`)
    .max(max, `The ${name} must be at most ${max} characters`)
    .refine((v) => isCleanText(v), `The ${name} may contain letters, digits and punctuation only`);

/** Networks wallets are checked against: the address shape each one uses. */
export const CRYPTO_NETWORKS = {
  bitcoin: { label: "Bitcoin", address: /^(bc1[02-9ac-hj-np-z]{11,71}|[13][1-9A-HJ-NP-Za-km-z]{25,34})$/ },
  ethereum: { label: "Ethereum (ERC-20)", address: /^0x[0-9a-fA-F]{40}$/ },
  tron: { label: "Tron (TRC-20)", address: /^T[1-9A-HJ-NP-Za-km-z]{33}$/ },
  solana: { label: "Solana", address: /^[1-9A-HJ-NP-Za-km-z]{32,44}$/ },
} as const;
export type CryptoNetwork = keyof typeof CRYPTO_NETWORKS;

/**
 * What a partner enters, per method. IBANs are checked with ibantools (country length and the mod-97 check
 * digits: a mistyped digit is caught before money is sent to the wrong account) and stored in electronic form.
 */
export const payoutDetailsInput = z.discriminatedUnion("method", [
  z.object({
    method: z.literal("bank_transfer"),
    accountHolder: text("account holder", 2, 140),
    iban: z
      .string()
      .transform((v) => electronicFormatIBAN(v) ?? "")
      .refine((v) => isValidIBAN(v), "This IBAN is not valid: check the country code, the length and the digits"),
    bic: z
      .string()
      .trim()
      .toUpperCase()
      .transform((v) => (v === "" ? null : v))
      .nullable()
      .refine((v) => v === null || isValidBIC(v), "This BIC / SWIFT code is not valid (8 or 11 characters)"),
  }),
  z.object({ method: z.literal("paypal"), email: z.email("Enter the e-mail address of your PayPal account").max(254) }),
  z
    .object({
      method: z.literal("crypto"),
      network: z.enum(Object.keys(CRYPTO_NETWORKS) as [CryptoNetwork, ...CryptoNetwork[]], "Pick the network"),
      asset: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{2,10}$/, "Enter the asset, such as USDT or BTC"),
      address: z.string().trim().min(1, "Enter the wallet address").max(128),
    })
    .refine((v) => CRYPTO_NETWORKS[v.network].address.test(v.address), { path: ["address"], message: "This address does not look like an address on the chosen network" }),
  z.object({ method: z.literal("other"), instructions: text("payment instructions", 5, 1000) }),
]);
export type PayoutDetailsInput = z.input<typeof payoutDetailsInput>;

/** Saves (or replaces) where the partner is paid. Batches already made keep the details they copied. */
export async function savePayoutDetails(db: DbOrTx, partnerId: string, input: PayoutDetailsInput) {
  const details = payoutDetailsInput.parse(input) as PayoutDetailsData;
  await db
    .insert(partnerPayoutDetails)
    .values({ partnerId, method: details.method, details })
    .onConflictDoUpdate({ target: partnerPayoutDetails.partnerId, set: { method: details.method, details, updatedAt: new Date() } });
  return { method: details.method };
}

export async function getPayoutDetails(db: DbOrTx, partnerId: string): Promise<PayoutDetailsData | null> {
  const [row] = await db.select({ details: partnerPayoutDetails.details }).from(partnerPayoutDetails).where(eq(partnerPayoutDetails.partnerId, partnerId));
  return row?.details ?? null;
}

/** One line for tables, statements and exports: "IBAN GB82 WEST …", "PayPal a@b.c", "USDT on Tron (TRC-20): T…". */
export function describePayoutDetails(d: PayoutDetailsData): string {
  switch (d.method) {
    case "bank_transfer":
      return `Bank transfer to ${d.accountHolder}, IBAN ${friendlyFormatIBAN(d.iban) ?? d.iban}${d.bic ? `, BIC ${d.bic}` : ""}`;
    case "paypal":
      return `PayPal ${d.email}`;
    case "crypto":
      return `${d.asset} on ${CRYPTO_NETWORKS[d.network as CryptoNetwork]?.label ?? d.network}: ${d.address}`;
    case "other":
      return d.instructions;
  }
}
