import { formatDate, formatDateTime, formatMoney } from "@/components/format";
import { StatusBadge } from "@/components/status-badge";
import { Card } from "@/components/ui/card";
import { eventLabel } from "@/server/commissions/plans/format";

type Item = {
  entryId: string;
  type: string;
  reason: string;
  entryAt: Date;
  amount: number;
  released: Date | null;
  commissionId: string | null;
  kind: string | null;
  lines: { component: string; basis: string; amount: number }[] | null;
  offerName: string | null;
  event: string | null;
  txnId: string | null;
  occurredAt: Date | null;
};

export type StatementData = {
  batch: { id: string; status: "draft" | "approved" | "paid" | "failed"; currency: string; reference: string | null; createdAt: Date; paidAt: Date | null; failureReason: string | null; period: string | null };
  partner: { id: string; name: string };
  amount: number;
  currency: string;
  paidTo: string;
  items: Item[];
};

const TYPE_LABEL: Record<string, string> = { approval: "Commission", adjustment: "Balance adjustment", reversal: "Reversal" };

function describe(i: Item): string {
  if (i.commissionId && i.type === "approval") {
    if (i.kind === "settlement") return `${i.offerName ?? "Offer"} · NGR settlement`;
    if (i.kind === "kpi") return `${i.offerName ?? "Offer"} · KPI settlement`;
    const what = [i.offerName, i.event ? eventLabel(i.event) : null, i.txnId ? `txn ${i.txnId}` : null].filter(Boolean).join(" · ");
    return i.kind === "override" ? `${what} (override)` : what;
  }
  return TYPE_LABEL[i.type] ?? i.type;
}

/** One partner's statement for one payout: where the money went and every entry it covers, printable as it is. */
/** Partners see a draft or approved batch as "processing": the admin's review steps are not theirs to follow. */
export function Statement({ s, programName = "Touchpoint", audience = "admin" }: { s: StatementData; programName?: string; audience?: "admin" | "partner" }) {
  const status = audience === "partner" && (s.batch.status === "draft" || s.batch.status === "approved") ? "processing" : s.batch.status;
  const live = s.items.filter((i) => !i.released);
  return (
    <Card className="print:border-0 print:shadow-none" data-testid="statement">
      <div className="flex flex-wrap items-start justify-between gap-4 border-b border-slate-200 px-6 py-5">
        <div>
          <p className="flex items-center gap-2 font-semibold text-slate-900">
            <span className="grid size-6 place-items-center rounded bg-brand-600 text-xs font-bold text-white print:border print:border-slate-900 print:bg-white print:text-slate-900">T</span>
            {programName}
          </p>
          <h2 className="mt-3 text-xl font-semibold text-slate-900">Payout statement</h2>
          <p className="font-mono text-xs text-slate-500">{s.batch.id}</p>
        </div>
        <div className="sm:text-right print:text-right">
          <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Amount</p>
          <p className="text-2xl font-semibold tabular-nums text-slate-900" data-testid="statement-amount">
            {formatMoney(s.amount, s.currency)}
          </p>
          <div className="mt-1">
            <StatusBadge status={status} />
          </div>
        </div>
      </div>
      <dl className="grid gap-x-6 gap-y-4 border-b border-slate-200 px-6 py-5 text-sm sm:grid-cols-2 lg:grid-cols-[1fr_1.6fr_1fr_1fr] print:grid-cols-[1fr_1.6fr_1fr_1fr]">
        <Detail label="Partner" value={s.partner.name} />
        <Detail label="Paid to" value={s.paidTo} />
        <Detail label={s.batch.paidAt ? "Paid" : "Created"} value={formatDateTime(s.batch.paidAt ?? s.batch.createdAt)} />
        <Detail label="Payment reference" value={s.batch.reference ?? (s.batch.status === "failed" ? "Not paid" : "Not paid yet")} />
      </dl>
      {s.batch.status === "failed" && s.batch.failureReason ? (
        <p className="border-b border-slate-200 bg-red-50 px-6 py-3 text-sm text-red-800">
          This payment failed: {s.batch.failureReason}. The amounts returned to the approved balance and go out with a later payout.
        </p>
      ) : null}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 bg-slate-50/60 print:bg-white">
            <tr>
              <th scope="col" className="px-6 py-2.5 text-xs font-semibold uppercase tracking-wide text-slate-500">Date</th>
              <th scope="col" className="px-3 py-2.5 text-xs font-semibold uppercase tracking-wide text-slate-500">Entry</th>
              <th scope="col" className="px-3 py-2.5 text-xs font-semibold uppercase tracking-wide text-slate-500">How it was computed</th>
              <th scope="col" className="px-6 py-2.5 text-right text-xs font-semibold uppercase tracking-wide text-slate-500">Amount</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {s.items.map((i) => (
              <tr key={i.entryId} className={i.released ? "text-slate-400 line-through" : "align-top"} data-testid="statement-item">
                <td className="px-6 py-3 whitespace-nowrap">{formatDate(i.occurredAt ?? i.entryAt)}</td>
                <td className="px-3 py-3 font-medium text-slate-900">{describe(i)}</td>
                <td className="px-3 py-3 text-xs text-slate-600">
                  {i.lines?.length ? (
                    <ul className="space-y-0.5">
                      {i.lines.map((l, n) => (
                        <li key={n}>{l.basis}</li>
                      ))}
                    </ul>
                  ) : (
                    i.reason
                  )}
                </td>
                <td className="px-6 py-3 text-right font-medium whitespace-nowrap tabular-nums text-slate-900">{formatMoney(i.amount, s.currency)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="border-t-2 border-slate-300">
              <td colSpan={3} className="px-6 py-3 font-semibold text-slate-900">
                Total ({live.length} entr{live.length === 1 ? "y" : "ies"})
              </td>
              <td className="px-6 py-3 text-right font-semibold whitespace-nowrap tabular-nums text-slate-900">{formatMoney(s.amount, s.currency)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="border-t border-slate-200 px-6 py-3 text-xs text-slate-500">
        Amounts in {s.currency}. Dates in UTC. Every entry above is also in the ledger, with its reason.
      </p>
    </Card>
  );
}

function Detail({ label, value }: { label: string; value: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 break-words text-slate-900">{value}</dd>
    </div>
  );
}
