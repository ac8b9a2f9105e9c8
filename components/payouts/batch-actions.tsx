"use client";

import { useMutation } from "@tanstack/react-query";
import { Ban, CheckCircle2, RefreshCw, ShieldCheck } from "lucide-react";
import { useState } from "react";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Input, Textarea } from "@/components/ui/field";
import { formatMoney } from "@/components/format";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";

type Status = "draft" | "approved" | "paid" | "failed";

/** What approving a batch commits to: how many partners and ledger entries, and the money per currency. */
export type BatchSummary = { partners: number; entries: number; totals: { currency: string; amount: number }[] };

/** What can happen to a batch next: draft -> approved -> paid, or failed from draft or approved; a draft can be refreshed. */
export function BatchActions({ batchId, status, label, summary }: { batchId: string; status: Status; label: string; summary: BatchSummary }) {
  if (status === "paid" || status === "failed") return null;
  if (status === "draft") return <DraftActions batchId={batchId} label={label} summary={summary} />;
  return (
    <div className="flex flex-wrap items-start gap-2">
      <MarkPaidButton batchId={batchId} label={label} />
      <MarkFailedButton batchId={batchId} label={label} />
    </div>
  );
}

/**
 * A draft is approved, refreshed (gathered again as a batch made now would be: reversals since net out,
 * approvals since come in) or marked failed. The error of either action shows under the whole row.
 */
function DraftActions({ batchId, label, summary }: { batchId: string; label: string; summary: BatchSummary }) {
  const trpc = useTRPC();
  const done = useRefreshOnSuccess();
  const [confirming, setConfirming] = useState(false);
  const refresh = useMutation(trpc.admin.refreshPayoutBatch.mutationOptions(done));
  // the dialog closes either way: a refusal (e.g. reversed since the draft was made) shows under the buttons
  const approve = useMutation(trpc.admin.approvePayoutBatch.mutationOptions({ ...done, onSettled: () => setConfirming(false) }));
  const error = approve.error ?? refresh.error;
  const busy = approve.isPending || refresh.isPending;
  const count = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-start gap-2">
        <Dialog open={confirming} onOpenChange={(o) => !approve.isPending && setConfirming(o)}>
          <DialogTrigger asChild>
            <Button disabled={busy} onClick={() => (refresh.reset(), approve.reset())}>
              <ShieldCheck aria-hidden /> Approve batch
            </Button>
          </DialogTrigger>
          <DialogContent title={`Approve the ${label}?`} description="Approving commits these amounts for payment. Nothing is paid until you mark the batch paid.">
            <dl className="divide-y divide-slate-100 rounded-md border border-slate-200 text-sm" data-testid="approve-batch-summary">
              <div className="flex justify-between gap-4 px-3 py-2">
                <dt className="text-slate-500">Partners</dt>
                <dd className="font-medium tabular-nums text-slate-900">{count(summary.partners, "partner", "partners")}</dd>
              </div>
              <div className="flex justify-between gap-4 px-3 py-2">
                <dt className="text-slate-500">Ledger entries</dt>
                <dd className="font-medium tabular-nums text-slate-900">{count(summary.entries, "entry", "entries")}</dd>
              </div>
              {summary.totals.map((t) => (
                <div key={t.currency} className="flex justify-between gap-4 px-3 py-2">
                  <dt className="text-slate-500">Total {t.currency}</dt>
                  <dd className="font-semibold tabular-nums text-slate-900">{formatMoney(t.amount, t.currency)}</dd>
                </div>
              ))}
            </dl>
            <div className="mt-4 flex justify-end gap-2">
              <DialogClose asChild>
                <Button variant="secondary">Cancel</Button>
              </DialogClose>
              <Button onClick={() => approve.mutate({ batchId })} disabled={approve.isPending}>
                {approve.isPending ? "Approving…" : "Confirm approval"}
              </Button>
            </div>
          </DialogContent>
        </Dialog>
        <Button variant="secondary" disabled={busy} onClick={() => (approve.reset(), refresh.mutate({ batchId }))}>
          <RefreshCw aria-hidden /> Refresh draft
        </Button>
        <MarkFailedButton batchId={batchId} label={label} />
      </div>
      {error ? (
        <p role="alert" className="max-w-xl text-sm text-red-600">
          {errorMessage(error)}
        </p>
      ) : null}
    </div>
  );
}

/** A dialog asking for one line of text (a payment reference, a failure reason) before a batch changes state. */
function ReasonDialog(props: {
  trigger: React.ReactNode;
  title: string;
  description: string;
  field: { label: string; key: string; placeholder: string; min: number; missing: string; multiline?: boolean };
  confirm: { label: string; variant: "primary" | "danger" };
  mutation: { mutate: (value: string) => void; error: unknown; isPending: boolean; reset: () => void; done: boolean };
}) {
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState("");
  const [local, setLocal] = useState<string | null>(null);
  const { field, mutation } = props;
  const error = local ?? fieldErrors(mutation.error)[field.key] ?? (mutation.error ? errorMessage(mutation.error) : null);
  function submit() {
    if (value.trim().length < field.min) return setLocal(field.missing);
    setLocal(null);
    mutation.mutate(value);
  }
  return (
    <Dialog open={open && !mutation.done} onOpenChange={(o) => (setOpen(o), setLocal(null), mutation.reset())}>
      <DialogTrigger asChild>{props.trigger}</DialogTrigger>
      <DialogContent title={props.title} description={props.description}>
        <Field label={field.label} error={error}>
          {(p) =>
            field.multiline ? (
              <Textarea {...p} value={value} onChange={(e) => setValue(e.target.value)} placeholder={field.placeholder} />
            ) : (
              <Input {...p} value={value} onChange={(e) => setValue(e.target.value)} placeholder={field.placeholder} />
            )
          }
        </Field>
        <div className="mt-4 flex justify-end gap-2">
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button variant={props.confirm.variant} onClick={submit} disabled={mutation.isPending}>
            {props.confirm.label}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}

export function MarkPaidButton({ batchId, label }: { batchId: string; label: string }) {
  const trpc = useTRPC();
  const paid = useMutation(trpc.admin.markBatchPaid.mutationOptions(useRefreshOnSuccess()));
  return (
    <ReasonDialog
      trigger={
        <Button>
          <CheckCircle2 aria-hidden /> Mark paid
        </Button>
      }
      title={`Mark ${label} as paid?`}
      description="Every commission in the batch moves to paid, and partners are told at once."
      field={{ label: "Payment reference", key: "reference", placeholder: "e.g. WIRE-2026-014", min: 2, missing: "Enter the payment reference (bank or PayPal transaction id)." }}
      confirm={{ label: "Confirm payment", variant: "primary" }}
      mutation={{ mutate: (reference) => paid.mutate({ batchId, reference }), error: paid.error, isPending: paid.isPending, reset: paid.reset, done: paid.isSuccess }}
    />
  );
}

export function MarkFailedButton({ batchId, label }: { batchId: string; label: string }) {
  const trpc = useTRPC();
  const failed = useMutation(trpc.admin.markBatchFailed.mutationOptions(useRefreshOnSuccess()));
  return (
    <ReasonDialog
      trigger={
        <Button variant="secondary">
          <Ban aria-hidden /> Mark failed
        </Button>
      }
      title={`Mark ${label} as failed?`}
      description="Nothing was paid: the amounts return to the partners' approved balances and go out with the next batch."
      field={{ label: "Why the payment failed", key: "reason", placeholder: "e.g. Bank rejected the file: invalid IBAN for one line", min: 3, missing: "Say why the payment failed.", multiline: true }}
      confirm={{ label: "Mark failed", variant: "danger" }}
      mutation={{ mutate: (reason) => failed.mutate({ batchId, reason }), error: failed.error, isPending: failed.isPending, reset: failed.reset, done: failed.isSuccess }}
    />
  );
}
