export const METHOD_LABEL: Record<string, string> = { bank_transfer: "Bank transfer", paypal: "PayPal", crypto: "Crypto", other: "Other" };
