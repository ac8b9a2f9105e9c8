import { eq, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import type { DbOrTx } from "@/db/client";
import { mailMessages } from "@/db/schema";
import { config } from "@/server/config";

const transports = new Map<string, Transporter>();
const transportFor = (url: string) => {
  let t = transports.get(url);
  if (!t) transports.set(url, (t = nodemailer.createTransport(url)));
  return t;
};

/**
 * Sends one queued message: through SMTP when a URL is configured, otherwise it is kept for the dev mailbox.
 * A failure throws, so the outbox retries it with backoff; a message already sent is not sent again.
 */
export async function deliverMail(db: DbOrTx, messageId: string, mail = config().mail): Promise<"sent" | "already"> {
  const [m] = await db.select().from(mailMessages).where(eq(mailMessages.id, messageId));
  if (!m) throw new Error(`mail ${messageId} not found`);
  if (m.status === "sent") return "already";
  try {
    if (mail.smtpUrl) await transportFor(mail.smtpUrl).sendMail({ from: mail.from, to: m.to, subject: m.subject, text: m.text, html: m.html, messageId: `<${m.id}@touchpoint>` });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await db.update(mailMessages).set({ attempts: sql`${mailMessages.attempts} + 1`, lastError: message.slice(0, 1000) }).where(eq(mailMessages.id, m.id));
    throw err;
  }
  await db.update(mailMessages).set({ status: "sent", transport: mail.smtpUrl ? "smtp" : "mailbox", attempts: sql`${mailMessages.attempts} + 1`, sentAt: new Date(), lastError: null }).where(eq(mailMessages.id, m.id));
  return "sent";
}
