import { Link2 } from "lucide-react";
import { TermsLines } from "@/components/plans/terms-lines";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusBadge } from "@/components/status-badge";
import { linkUrl } from "./link-list";

type PartnerLink = {
  linkId: string;
  code: string;
  alias: string | null;
  label: string | null;
  status: "active" | "paused";
  offerName: string;
  offerDescription: string | null;
  terms: string[];
  windowDays: number;
};

/** One row per offer: what it pays and the link with a copy button, readable on a phone as on a desktop. */
export function TrackingLinks({ links, baseUrl }: { links: PartnerLink[]; baseUrl: string }) {
  if (links.length === 0) {
    return (
      <EmptyState icon={Link2} title="No links yet">
        The program has no active offers for you yet.
      </EmptyState>
    );
  }
  return (
    <ul className="divide-y divide-slate-100">
      {links.map((l) => {
        const url = linkUrl(baseUrl, l);
        return (
          <li key={l.linkId} className="grid gap-3 px-5 py-4 md:grid-cols-[minmax(0,2fr)_minmax(0,1.6fr)_minmax(0,2fr)] md:items-center" data-testid="link-row">
            <div>
              <p className="font-medium text-slate-900">
                {l.offerName}
                {l.status === "paused" ? (
                  <span className="ml-2 align-middle">
                    <StatusBadge status="paused" />
                  </span>
                ) : null}
              </p>
              {l.label ? <p className="text-xs font-medium text-slate-600">{l.label}</p> : null}
              {l.offerDescription ? <p className="text-xs text-slate-500">{l.offerDescription}</p> : null}
            </div>
            <div>
              <TermsLines terms={l.terms} className="font-medium text-slate-900" empty="Terms not set yet" />
              <p className="text-xs text-slate-500">{l.windowDays}-day cookie</p>
            </div>
            <div className="flex min-w-0 items-center gap-2">
              <code className="min-w-0 flex-1 truncate rounded bg-slate-100 px-2 py-1.5 text-xs text-slate-800" data-testid="tracking-link">
                {url}
              </code>
              <CopyButton value={url} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
