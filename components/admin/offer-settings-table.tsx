import { Tag } from "lucide-react";
import Link from "next/link";
import { TermsLines } from "@/components/plans/terms-lines";
import { StatusBadge } from "@/components/status-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { OfferEditDialog } from "./offer-edit-dialog";

type Offer = {
  id: string;
  name: string;
  status: "active" | "paused";
  landingUrl: string;
  attributionWindowDays: number;
  deepLinkHosts: string[];
  eventTypes: string[];
  /** The offer's default plan in words. */
  terms: string[];
};

/** The program's offers with their tracking settings, each editable. */
export function OfferSettingsTable({ offers }: { offers: Offer[] }) {
  if (offers.length === 0) return <EmptyState icon={Tag} title="No offers in this program yet" />;
  return (
    <Table>
      <THead>
        <tr>
          <TH>Offer</TH>
          <TH>Pays</TH>
          <TH>Deep link hosts</TH>
          <TH>Event types</TH>
          <TH>Status</TH>
          <TH className="text-right">Action</TH>
        </tr>
      </THead>
      <TBody>
        {offers.map((o) => (
          <tr key={o.id} data-testid="offer-row" className="align-top">
            <TD className="max-w-xs">
              <p className="font-medium text-slate-900">{o.name}</p>
              <p className="mt-0.5 break-all font-mono text-xs text-slate-500">{o.landingUrl}</p>
            </TD>
            <TD className="max-w-xs">
              <TermsLines terms={o.terms} />
              <p className="text-xs text-slate-500">
                {o.attributionWindowDays}-day window ·{" "}
                <Link href="/admin/plans" className="text-brand-600 hover:underline">
                  Plans
                </Link>
              </p>
            </TD>
            <TD className="text-xs" data-testid="offer-deep-link-hosts">
              {o.deepLinkHosts.length ? (
                <ul className="space-y-0.5 font-mono">
                  {o.deepLinkHosts.map((h) => (
                    <li key={h}>{h}</li>
                  ))}
                </ul>
              ) : (
                <span className="text-slate-400">None</span>
              )}
            </TD>
            <TD className="max-w-48 text-xs">
              <p className="flex flex-wrap gap-1">
                {o.eventTypes.map((e) => (
                  <span key={e} className="rounded bg-slate-100 px-1.5 text-slate-600">
                    {e}
                  </span>
                ))}
              </p>
            </TD>
            <TD>
              <StatusBadge status={o.status} />
            </TD>
            <TD>
              <div className="flex justify-end">
                <OfferEditDialog offer={o} />
              </div>
            </TD>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
