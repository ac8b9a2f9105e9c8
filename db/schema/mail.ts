import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";

export const MAIL_STATUSES = ["queued", "sent", "failed"] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];
/** smtp: handed to the SMTP server; mailbox: kept for the dev mailbox page (no SMTP_URL configured). */
export type MailTransport = "smtp" | "mailbox";

/** Every message the product sends, rendered when queued; a background job delivers it (outbox "mail/send"). */
export const mailMessages = pgTable(
  "mail_messages",
  {
    id: id("mailMessage"),
    to: text().notNull(),
    template: text().notNull(),
    subject: text().notNull(),
    html: text().notNull(),
    text: text().notNull(),
    status: text().$type<MailStatus>().notNull().default("queued"),
    transport: text().$type<MailTransport>(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    sentAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    // the mailbox page, newest first, optionally for one address
    index("mail_messages_created_idx").on(t.createdAt),
    index("mail_messages_to_idx").on(t.to, t.createdAt),
  ],
);
