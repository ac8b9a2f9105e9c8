import { formatMoney } from "@/components/format";
import { StatusBadge } from "@/components/status-badge";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { percent } from "./models";

type Commission = { id: string; amount: number; currency: string; credit: number; version: number; status: string; statusReason?: string | null };

/** A partner's commissions from one conversion, per version of its decision (a re-attribution or a partial refund reverses the old ones, and says why). */
export function PartnerCommissions({ commissions, currentVersion }: { commissions: Commission[]; currentVersion: number }) {
  if (commissions.length === 0) return null;
  return (
    <div className="border-t border-slate-200">
      <h3 className="px-5 pt-4 pb-3 text-sm font-semibold text-slate-900">Your commissions</h3>
      <Table>
        <THead>
          <tr>
            <TH>Version</TH>
            <TH className="text-right">Share</TH>
            <TH className="text-right">Amount</TH>
            <TH>Status</TH>
          </tr>
        </THead>
        <TBody>
          {commissions.map((c) => (
            <tr key={c.id} data-testid="my-commission-row">
              <TD className="whitespace-nowrap">{c.version === currentVersion ? `${c.version}, current` : c.version}</TD>
              <TD className="text-right tabular-nums">{percent(c.credit)}</TD>
              <TD className="text-right font-medium tabular-nums text-slate-900">{formatMoney(c.amount, c.currency)}</TD>
              <TD>
                <StatusBadge status={c.status} />
                {c.statusReason ? <span className="mt-1 block max-w-sm text-xs text-slate-500">{c.statusReason}</span> : null}
              </TD>
            </tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
