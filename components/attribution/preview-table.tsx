import { CircleCheck } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import type { ReattributionPreview } from "@/server/attribution/reattribute";
import { DeltaLines, difference, MoneyLines } from "./money";

const plural = (n: number) => `${n.toLocaleString("en-US")} ${n === 1 ? "conversion" : "conversions"}`;
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** Per partner: the live (unpaid) commissions now and after re-attribution; paid money only as what would have differed. */
export function PreviewTable({ preview }: { preview: ReattributionPreview }) {
  if (preview.changed === 0 && preview.paidUnchanged === 0) {
    return (
      <EmptyState icon={CircleCheck} title="Nothing would change">
        Every conversion in this period already matches the current settings.
      </EmptyState>
    );
  }
  const showPaid = preview.paidUnchanged > 0;
  return (
    <Table>
      <THead>
        <tr>
          <TH>Partner</TH>
          <TH className="text-right">Before</TH>
          <TH className="text-right">After</TH>
          <TH className="text-right">Difference</TH>
          {showPaid ? <TH className="text-right">Paid, left unchanged</TH> : null}
        </tr>
      </THead>
      <TBody>
        {preview.partners.map((p) => {
          const conv = p.after.conversions - p.before.conversions;
          return (
            <tr key={p.partnerId} data-testid="preview-row" className="align-top">
              <TD className="font-medium text-slate-900">{p.name}</TD>
              <TD className="text-right">
                <MoneyLines amounts={p.before.amounts} />
                <span className="block text-xs text-slate-500">{plural(p.before.conversions)}</span>
              </TD>
              <TD className="text-right">
                <MoneyLines amounts={p.after.amounts} className="font-medium text-slate-900" />
                <span className="block text-xs text-slate-500">{plural(p.after.conversions)}</span>
              </TD>
              <TD className="text-right">
                <DeltaLines amounts={difference(p.after.amounts, p.before.amounts)} className="text-sm" />
                {conv !== 0 ? <span className="block text-xs text-slate-500">{signed(conv)} {Math.abs(conv) === 1 ? "conversion" : "conversions"}</span> : null}
              </TD>
              {showPaid ? (
                <TD className="text-right">
                  {Object.values(p.paidDifference).some((n) => n !== 0) ? (
                    <>
                      <DeltaLines amounts={p.paidDifference} className="text-sm" />
                      <span className="block text-xs text-slate-400">not moved</span>
                    </>
                  ) : (
                    <span className="text-slate-400">—</span>
                  )}
                </TD>
              ) : null}
            </tr>
          );
        })}
      </TBody>
    </Table>
  );
}
