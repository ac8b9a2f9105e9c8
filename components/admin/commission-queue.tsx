"use client";

import { useMutation } from "@tanstack/react-query";
import { Check, X } from "lucide-react";
import { useState } from "react";
import { CommissionCells, type CommissionRow } from "@/components/commissions/commission-rows";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Textarea } from "@/components/ui/field";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { errorMessage, useTRPC } from "@/components/trpc";
import { useRefreshOnSuccess } from "./use-admin-mutation";

/** The approval queue: select pending commissions, approve them, or reject them with a reason the partner sees. */
export function CommissionQueue({ items }: { items: CommissionRow[] }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const clear = { onSuccess: () => (setSelected(new Set()), setReason(""), setOpen(false), refresh.onSuccess()) };
  const approve = useMutation(trpc.admin.approveCommissions.mutationOptions(clear));
  const reject = useMutation(trpc.admin.rejectCommissions.mutationOptions(clear));
  const pendingIds = items.filter((c) => c.status === "pending").map((c) => c.id);
  const ids = [...selected];
  const busy = approve.isPending || reject.isPending;

  const toggle = (id: string) => setSelected((s) => (s.has(id) ? (s.delete(id), new Set(s)) : new Set(s.add(id))));
  const allSelected = pendingIds.length > 0 && pendingIds.every((id) => selected.has(id));

  function submitReject() {
    if (reason.trim().length < 3) return setReasonError("Give a reason the partner will see (at least 3 characters).");
    setReasonError(null);
    reject.mutate({ commissionIds: ids, reason });
  }

  return (
    <>
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 bg-slate-50/60 px-4 py-2.5" aria-live="polite">
        <span className="text-sm text-slate-600">{ids.length ? `${ids.length} selected` : "Select commissions to approve or reject"}</span>
        <div className="ml-auto flex gap-2">
          <Button size="sm" disabled={!ids.length || busy} onClick={() => approve.mutate({ commissionIds: ids })}>
            <Check aria-hidden /> Approve selected
          </Button>
          <Dialog open={open} onOpenChange={setOpen}>
            <DialogTrigger asChild>
              <Button size="sm" variant="secondary" disabled={!ids.length || busy}>
                <X aria-hidden /> Reject selected
              </Button>
            </DialogTrigger>
            <DialogContent title={`Reject ${ids.length} commission${ids.length === 1 ? "" : "s"}?`} description="The partner sees this reason next to each rejected commission.">
              <Field label="Reason" error={reasonError ?? (reject.error ? errorMessage(reject.error) : null)}>
                {(p) => <Textarea {...p} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. Duplicate player account" />}
              </Field>
              <div className="mt-4 flex justify-end gap-2">
                <DialogClose asChild>
                  <Button variant="secondary">Cancel</Button>
                </DialogClose>
                <Button variant="danger" onClick={submitReject} disabled={busy}>
                  Reject
                </Button>
              </div>
            </DialogContent>
          </Dialog>
        </div>
      </div>
      {approve.error ? <p className="px-4 py-2 text-sm text-red-600">{errorMessage(approve.error)}</p> : null}
      <Table>
        <THead>
          <tr>
            <TH className="w-10">
              <input
                type="checkbox"
                aria-label="Select all pending"
                checked={allSelected}
                disabled={pendingIds.length === 0}
                onChange={() => setSelected(allSelected ? new Set() : new Set(pendingIds))}
                className="size-4 rounded border-slate-300"
              />
            </TH>
            <TH>Date</TH>
            <TH>Partner</TH>
            <TH>Offer</TH>
            <TH>Event</TH>
            <TH className="text-right">Amount</TH>
            <TH>Status</TH>
          </tr>
        </THead>
        <TBody>
          {items.map((c) => (
            <tr key={c.id} data-testid="commission-row" className={selected.has(c.id) ? "bg-brand-50/50" : undefined}>
              <TD>
                <input
                  type="checkbox"
                  aria-label={`Select commission ${c.txnId} of ${c.partnerName}`}
                  checked={selected.has(c.id)}
                  disabled={c.status !== "pending"}
                  onChange={() => toggle(c.id)}
                  className="size-4 rounded border-slate-300"
                />
              </TD>
              <CommissionCells c={c} showPartner />
            </tr>
          ))}
        </TBody>
      </Table>
    </>
  );
}
