import { asc } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { newId } from "@/db/ids";
import { mailMessages, programs } from "@/db/schema";
import { enqueue } from "@/server/outbox/enqueue";
import { TEMPLATES, type MailData, type MailTemplate } from "./templates";

/** Renders a message and queues it in the caller's transaction; the "mail/send" job delivers it after commit. */
export async function queueMail<K extends MailTemplate>(tx: DbOrTx, to: string, template: K, data: MailData[K]): Promise<{ messageId: string; outboxId: string }> {
  const [program] = await tx.select({ name: programs.name }).from(programs).orderBy(asc(programs.createdAt)).limit(1);
  const rendered = TEMPLATES[template](program?.name ?? "Touchpoint", data);
  const messageId = newId("mailMessage");
  await tx.insert(mailMessages).values({ id: messageId, to, template, ...rendered });
  const outboxId = await enqueue(tx, { name: "mail/send", data: { messageId } });
  return { messageId, outboxId };
}
