import type { Metadata } from "next";
import { Inbox } from "lucide-react";
import { formatDateTime } from "@/components/format";
import { PAGE_SIZE } from "@/components/search-params";
import { StatusBadge } from "@/components/status-badge";
import { MailText } from "@/components/team/mail-text";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { config } from "@/server/config";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Mailbox" };

export default async function MailboxPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const sp = await searchParams;
  const page = Math.max(1, Number.parseInt(sp.page ?? "1", 10) || 1);
  const api = await serverCaller();
  const list = await api.team.mailbox({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const smtp = Boolean(config().mail.smtpUrl);
  return (
    <>
      <PageHeader
        title="Mailbox"
        description={
          smtp
            ? "Every message the program sent, newest first. SMTP is configured, so these were also delivered."
            : "No SMTP server is configured (SMTP_URL), so messages are kept here instead of being sent. Set SMTP_URL and MAIL_FROM to deliver them."
        }
      />
      {list.items.length === 0 ? (
        <Card>
          <EmptyState icon={Inbox} title="No messages yet">
            Invite a team member, ask for a password reset or approve a partner: the e-mail shows up here.
          </EmptyState>
        </Card>
      ) : (
        <ul className="space-y-3">
          {list.items.map((m) => (
            <li key={m.id}>
              <Card className="p-4" aria-label={m.subject}>
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div>
                    <h2 className="font-semibold text-slate-900">{m.subject}</h2>
                    <p className="text-sm text-slate-500">
                      To <span className="text-slate-800">{m.to}</span> · {formatDateTime(m.createdAt)}
                    </p>
                  </div>
                  <div className="flex items-center gap-2">
                    <Badge>{m.template}</Badge>
                    <StatusBadge status={m.status === "sent" ? (m.transport === "smtp" ? "sent" : "kept") : m.status} />
                  </div>
                </div>
                {m.lastError ? <p className="mt-2 text-sm text-red-600">Last attempt failed: {m.lastError}</p> : null}
                <div className="mt-3 rounded-md bg-slate-50 p-3">
                  <MailText text={m.text} />
                </div>
              </Card>
            </li>
          ))}
        </ul>
      )}
      <Pagination total={list.total} page={page} pageSize={PAGE_SIZE} href={(p) => `/admin/mailbox?page=${p}`} />
    </>
  );
}
