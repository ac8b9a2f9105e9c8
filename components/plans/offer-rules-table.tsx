import { Tag } from "lucide-react";
import { formatMoney } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { OfferRulesDialog, type OfferRules } from "./offer-rules-dialog";
import { TermsLines } from "./terms-lines";

/** "Min deposit $20.00 · once per customer": the offer's qualification rules in words. */
export function qualificationWords(o: OfferRules): string[] {
  const q = o.qualification;
  const out: string[] = [];
  if (q.minDeposit) out.push(`Deposit of at least ${formatMoney(Number(q.minDeposit), o.currency)}`);
  if (q.withinDaysOfRegistration) out.push(`Within ${q.withinDaysOfRegistration} days of registration`);
  if (q.oncePerCustomer) out.push("Once per customer");
  return out;
}

/** Each offer's default plan, its qualification rules, hold and auto-approval, each editable. */
export function OfferRulesTable({ offers }: { offers: (OfferRules & { terms: string[] })[] }) {
  if (offers.length === 0) return <EmptyState icon={Tag} title="No offers in this program yet" />;
  return (
    <Table>
      <THead>
        <tr>
          <TH>Offer</TH>
          <TH>Pays by default</TH>
          <TH>Qualifies when</TH>
          <TH>Hold</TH>
          <TH>Approval</TH>
          <TH className="text-right">Action</TH>
        </tr>
      </THead>
      <TBody>
        {offers.map((o) => {
          const rules = qualificationWords(o);
          return (
            <tr key={o.id} data-testid="offer-rules-row" className="align-top">
              <TD className="min-w-36 font-medium text-slate-900">{o.name}</TD>
              <TD className="min-w-56">
                <TermsLines terms={o.terms} />
              </TD>
              <TD className="min-w-48">{rules.length ? <TermsLines terms={rules} /> : <span className="text-sm text-slate-500">Every event</span>}</TD>
              <TD className="whitespace-nowrap">{o.holdDays ? `${o.holdDays} days` : "None"}</TD>
              <TD>{o.autoApprove ? <Badge tone="success">Automatic</Badge> : <Badge>Manual</Badge>}</TD>
              <TD>
                <div className="flex justify-end">
                  <OfferRulesDialog offer={o} />
                </div>
              </TD>
            </tr>
          );
        })}
      </TBody>
    </Table>
  );
}
