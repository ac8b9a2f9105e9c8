"use client";

import { useMutation } from "@tanstack/react-query";
import { Check, X } from "lucide-react";
import { Fragment, useState } from "react";
import { CommissionCells, CommissionLines, ExpandCell, type CommissionRow } from "@/components/commissions/commission-rows";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Textarea } from "@/components/ui/field";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { formatDate } from "@/components/format";
import { errorMessage, useTRPC } from "@/components/trpc";
import { useRefreshOnSuccess } from "./use-admin-mutation";

type Outcome = { verb: "Approved" | "Rejected"; changed: number; skipped: { id: string; label: string; reason: string }[] };

/** The approval queue: select pending commissions, approve them, or reject them with a reason the partner sees.
 * Approval skips what is still on hold or under fraud review, and says so per commission. */
export function CommissionQueue({ items }: { items: CommissionRow[] }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const labelOf = (id: string) => {
    const c = items.find((i) => i.id === id);
    return c ? `${c.partnerName}${c.txnId ? `, txn ${c.txnId}` : ""}` : id;
  };
  const done = (verb: Outcome["verb"]) => (r: { changed: string[]; skipped: { id: string; status: string; reason?: string }[] }) => {
    setOutcome({ verb, changed: r.changed.length, skipped: r.skipped.map((s) => ({ id: s.id, label: labelOf(s.id), reason: readableReason(s.reason ?? `already ${s.status}`) })) });
    setSelected(new Set(r.skipped.filter((s) => s.status === "pending").map((s) => s.id)));
    setReason("");
    setOpen(false);
    refresh.onSuccess();
  };
  const approve = useMutation(trpc.admin.approveCommissions.mutationOptions({ onSuccess: done("Approved") }));
  const reject = useMutation(trpc.admin.rejectCommissions.mutationOptions({ onSuccess: done("Rejected") }));
  const pendingIds = items.filter((c) => c.status === "pending").map((c) => c.id);
  const ids = [...selected].filter((id) => pendingIds.includes(id));
  const busy = approve.isPending || reject.isPending;

  const flip = (set: Set<string>, id: string) => (set.has(id) ? (set.delete(id), new Set(set)) : new Set(set.add(id)));
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
          <Button size="sm" disabled={!ids.length || busy} onClick={() => (setOutcome(null), approve.mutate({ commissionIds: ids }))}>
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
                <Button variant="danger" onClick={() => (setOutcome(null), submitReject())} disabled={busy}>
                  Reject
                </Button>
              </div>
            </DialogContent>
          </Dialog>
        </div>
      </div>
      {approve.error ? <p className="px-4 py-2 text-sm text-red-600">{errorMessage(approve.error)}</p> : null}
      {outcome ? <OutcomeNotice outcome={outcome} onDismiss={() => setOutcome(null)} /> : null}
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
            <TH className="relative w-10 px-2">
              <span className="sr-only">Computation</span>
            </TH>
          </tr>
        </THead>
        <TBody>
          {items.map((c) => (
            <Fragment key={c.id}>
              <tr data-testid="commission-row" className={selected.has(c.id) ? "bg-brand-50/50" : undefined}>
                <TD>
                  <input
                    type="checkbox"
                    aria-label={`Select commission ${c.txnId ?? c.id} of ${c.partnerName}`}
                    checked={selected.has(c.id)}
                    disabled={c.status !== "pending"}
                    onChange={() => setSelected((s) => flip(s, c.id))}
                    className="size-4 rounded border-slate-300"
                  />
                </TD>
                <CommissionCells c={c} showPartner />
                <ExpandCell open={expanded.has(c.id)} onToggle={() => setExpanded((s) => flip(s, c.id))} label={labelOf(c.id)} />
              </tr>
              {expanded.has(c.id) ? <CommissionLines c={c} colSpan={8} /> : null}
            </Fragment>
          ))}
        </TBody>
      </Table>
    </>
  );
}

/** The server's reasons carry ISO dates ("on hold until 2026-12-23"); show them as every other date here. */
const readableReason = (reason: string) => reason.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (d) => formatDate(`${d}T00:00:00Z`));

function OutcomeNotice({ outcome, onDismiss }: { outcome: Outcome; onDismiss: () => void }) {
  const { verb, changed, skipped } = outcome;
  return (
    <div role="status" data-testid="review-outcome" className={`border-b px-4 py-3 text-sm ${skipped.length ? "border-amber-200 bg-amber-50 text-amber-900" : "border-green-200 bg-green-50 text-green-800"}`}>
      <div className="flex items-start gap-3">
        <div className="min-w-0 flex-1">
          <p className="font-medium">
            {verb} {changed} commission{changed === 1 ? "" : "s"}
            {skipped.length ? `; skipped ${skipped.length}:` : "."}
          </p>
          {skipped.length ? (
            <ul className="mt-1 space-y-0.5">
              {skipped.map((s) => (
                <li key={s.id}>
                  {s.label}: <span className="font-medium">{s.reason}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <button type="button" onClick={onDismiss} className="rounded p-1 opacity-70 hover:opacity-100" aria-label="Dismiss">
          <X className="size-4" aria-hidden />
        </button>
      </div>
    </div>
  );
}
