import { Link2 } from "lucide-react";
import { formatDate } from "@/components/format";
import { StatusBadge } from "@/components/status-badge";
import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { LinkStatusButton } from "./link-status-button";

export type ManagedLink = {
  linkId: string;
  code: string;
  alias: string | null;
  label: string | null;
  status: "active" | "paused";
  createdAt: Date;
  offerName: string;
  offerStatus: "active" | "paused" | "archived";
};

/** A link answers at its alias when it has one, else at its code. */
export const linkUrl = (baseUrl: string, l: { code: string; alias: string | null }) => `${baseUrl}/r/${l.alias ?? l.code}`;

/** The partner's links with what each is for, its URL to copy, and pause / resume. */
export function LinkList({ links, baseUrl }: { links: ManagedLink[]; baseUrl: string }) {
  if (links.length === 0) {
    return (
      <EmptyState icon={Link2} title="No links yet">
        Create a link for an offer with “New link”. Your program manager can also enrol you in offers.
      </EmptyState>
    );
  }
  return (
    <ul className="divide-y divide-slate-100">
      {links.map((l) => {
        const url = linkUrl(baseUrl, l);
        const name = l.label ?? l.offerName;
        return (
          <li key={l.linkId} className="grid gap-3 px-5 py-4 md:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)_auto] md:items-center" data-testid="managed-link">
            <div className="min-w-0">
              <p className="truncate font-medium text-slate-900">{name}</p>
              <p className="text-xs text-slate-500">
                {l.label ? `${l.offerName} · ` : null}
                {l.alias ? (
                  <>
                    alias <span className="break-all font-mono">{l.alias}</span> ·{" "}
                  </>
                ) : null}
                <span className="whitespace-nowrap">Created {formatDate(l.createdAt)}</span>
              </p>
            </div>
            <div className="flex min-w-0 items-center gap-2">
              <code className="min-w-0 flex-1 break-all rounded bg-slate-100 px-2 py-1.5 text-xs text-slate-800 md:truncate" data-testid="managed-link-url">
                {url}
              </code>
              <CopyButton value={url} />
            </div>
            <div className="flex items-center justify-between gap-3 md:justify-end">
              <div className="flex gap-1.5">
                <StatusBadge status={l.status} />
                {l.offerStatus !== "active" ? <Badge tone="warning">Offer {l.offerStatus}</Badge> : null}
              </div>
              <LinkStatusButton linkId={l.linkId} status={l.status} name={name} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
