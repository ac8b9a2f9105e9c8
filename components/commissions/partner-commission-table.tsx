import { Table, TBody, TH, THead } from "@/components/ui/table";
import { CommissionCells, type CommissionRow } from "./commission-rows";

/** A partner's own commissions: no partner column, the rejection reason under the status. */
export function PartnerCommissionTable({ items }: { items: CommissionRow[] }) {
  return (
    <Table>
      <THead>
        <tr>
          <TH>Date</TH>
          <TH>Offer</TH>
          <TH>Event</TH>
          <TH className="text-right">Amount</TH>
          <TH>Status</TH>
        </tr>
      </THead>
      <TBody>
        {items.map((c) => (
          <tr key={c.id} data-testid="commission-row">
            <CommissionCells c={c} showPartner={false} />
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
