import { formatMoney } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";

type Payable = { partnerId: string; name: string; programId: string | null; programName: string | null; balance: number; entries: number; hasDetails: boolean; threshold: number; due: boolean; missingDocuments: string[] };

/** Why a partner would or would not be in the next batch. */
function verdict(r: Payable, currency: string): { tone: "success" | "warning" | "neutral"; text: string } {
  if (r.due) return { tone: "success", text: "Due" };
  if (r.balance <= 0) return { tone: "neutral", text: "Nothing owed" };
  if (!r.hasDetails) return { tone: "warning", text: "No payout details" };
  if (r.missingDocuments.length > 0) return { tone: "warning", text: `Held: ${r.missingDocuments.join(", ")} not approved` };
  return { tone: "neutral", text: `Below the ${formatMoney(r.threshold, currency)} minimum` };
}

/** Partners with an approved balance not yet in a batch, for one currency (a row per payout schedule the money is on). */
export function PayableTable({ rows, currency }: { rows: Payable[]; currency: string }) {
  return (
    <Table>
      <THead>
        <tr>
          <TH>Partner</TH>
          <TH className="text-right">Entries</TH>
          <TH className="text-right">Approved, not batched</TH>
          <TH>Next batch</TH>
        </tr>
      </THead>
      <TBody>
        {rows.map((r) => {
          const v = verdict(r, currency);
          return (
            <tr key={`${r.partnerId} ${r.programId ?? ""}`} data-testid="payable-row">
              <TD className="min-w-36 font-medium text-slate-900">
                {r.name}
                {r.programName ? <span className="block text-xs font-normal text-slate-500">{r.programName} · own payout schedule</span> : null}
              </TD>
              <TD className="text-right tabular-nums">{r.entries}</TD>
              <TD className="text-right font-medium tabular-nums text-slate-900">{formatMoney(r.balance, currency)}</TD>
              <TD>
                <Badge tone={v.tone}>{v.text}</Badge>
              </TD>
            </tr>
          );
        })}
      </TBody>
    </Table>
  );
}
