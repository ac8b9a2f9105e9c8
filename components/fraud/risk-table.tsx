import Link from "next/link";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { percentBp, ruleLabel } from "./labels";

export type RiskRow = {
  partnerId: string;
  name: string;
  checked: number;
  flagged: number;
  held: number;
  rejected: number;
  open: number;
  appeals: number;
  clicks: number;
  flaggedClicks: number;
  flaggedBp: number;
  heldBp: number;
  rejectedBp: number;
  flaggedClicksBp: number;
  reasons: { code: string; count: number; rateBp: number }[];
  clickReasons: { code: string; count: number; rateBp: number }[];
};

function Rate({ n, bp, tone }: { n: number; bp: number; tone: string }) {
  return (
    <span className={n > 0 ? tone : "text-slate-400"}>
      {n} <span className="text-xs">({percentBp(bp)})</span>
    </span>
  );
}

/** Risk per partner: how their conversions fared and which rules fire on their traffic, riskiest first. */
export function RiskTable({ rows, programId }: { rows: RiskRow[]; programId: string }) {
  return (
    <Table>
      <THead>
        <tr>
          <TH>Partner</TH>
          <TH className="text-right">Checked</TH>
          <TH className="text-right">Flagged</TH>
          <TH className="text-right">Held</TH>
          <TH className="text-right">Rejected</TH>
          <TH className="text-right">Clicks flagged</TH>
          <TH>Top reasons</TH>
        </tr>
      </THead>
      <TBody>
        {rows.map((r) => (
          <tr key={r.partnerId} data-testid="risk-row">
            <TD>
              <Link href={`/admin/fraud?program=${programId}&partner=${r.partnerId}&view=all`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                {r.name}
              </Link>
              {r.open + r.appeals > 0 ? (
                <span className="block text-xs text-amber-700">
                  {r.open} open{r.appeals > 0 ? `, ${r.appeals} appealed` : ""}
                </span>
              ) : null}
            </TD>
            <TD className="text-right tabular-nums">{r.checked}</TD>
            <TD className="text-right tabular-nums">
              <Rate n={r.flagged} bp={r.flaggedBp} tone="text-blue-700" />
            </TD>
            <TD className="text-right tabular-nums">
              <Rate n={r.held} bp={r.heldBp} tone="text-amber-700" />
            </TD>
            <TD className="text-right tabular-nums">
              <Rate n={r.rejected} bp={r.rejectedBp} tone="text-red-700" />
            </TD>
            <TD className="text-right tabular-nums">
              <Rate n={r.flaggedClicks} bp={r.flaggedClicksBp} tone="text-slate-900" />
              <span className="block text-xs text-slate-400">of {r.clicks}</span>
            </TD>
            <TD className="max-w-80 text-xs">
              {[...r.reasons.map((x) => ({ ...x, on: "conversions" })), ...r.clickReasons.map((x) => ({ ...x, on: "clicks" }))]
                .slice(0, 4)
                .map((x) => (
                  <span key={`${x.on}-${x.code}`} className="mr-1 mb-1 inline-block rounded bg-slate-100 px-1.5 py-0.5 text-slate-700">
                    {ruleLabel(x.code)}: {x.count} {x.count === 1 ? x.on.slice(0, -1) : x.on} ({percentBp(x.rateBp)})
                  </span>
                ))}
              {r.reasons.length + r.clickReasons.length === 0 ? <span className="text-slate-400">None</span> : null}
            </TD>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
