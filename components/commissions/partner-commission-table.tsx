"use client";

import { Fragment, useState } from "react";
import { Table, TBody, TH, THead } from "@/components/ui/table";
import { CommissionCells, CommissionLines, ExpandCell, type CommissionRow } from "./commission-rows";

/** A partner's own commissions: no partner column, the rejection reason under the status, the computation on expand. */
export function PartnerCommissionTable({ items }: { items: CommissionRow[] }) {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (id: string) => setOpen((s) => (s.has(id) ? (s.delete(id), new Set(s)) : new Set(s.add(id))));
  return (
    <Table>
      <THead>
        <tr>
          <TH className="relative w-10 px-2">
            <span className="sr-only">Details</span>
          </TH>
          <TH>Date</TH>
          <TH>Offer</TH>
          <TH>Event</TH>
          <TH className="text-right">Amount</TH>
          <TH>Status</TH>
        </tr>
      </THead>
      <TBody>
        {items.map((c) => (
          <Fragment key={c.id}>
            <tr data-testid="commission-row">
              <ExpandCell open={open.has(c.id)} onToggle={() => toggle(c.id)} label={c.txnId ? `txn ${c.txnId}` : "this commission"} />
              <CommissionCells c={c} showPartner={false} />
            </tr>
            {open.has(c.id) ? <CommissionLines c={c} colSpan={6} /> : null}
          </Fragment>
        ))}
      </TBody>
    </Table>
  );
}
