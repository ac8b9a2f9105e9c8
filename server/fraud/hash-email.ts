import { createHash } from "node:crypto";

/** How customer and partner e-mails are compared: SHA-256 of the trimmed, lower-cased address, as hex. */
export const hashEmail = (email: string) => createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
