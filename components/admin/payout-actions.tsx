"use client";

import { useMutation } from "@tanstack/react-query";
import { Banknote, CheckCircle2 } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import { useRefreshOnSuccess } from "./use-admin-mutation";

export function CreateBatchButton({ currency }: { currency: string }) {
  const trpc = useTRPC();
  const create = useMutation(trpc.admin.createPayoutBatch.mutationOptions(useRefreshOnSuccess()));
  return (
    <div className="flex flex-col items-end gap-1">
      <Button size="sm" disabled={create.isPending} onClick={() => create.mutate({ currency })}>
        <Banknote aria-hidden /> Create {currency} batch
      </Button>
      {create.error ? <span className="text-xs text-red-600">{errorMessage(create.error)}</span> : null}
    </div>
  );
}

export function MarkPaidButton({ batchId, label }: { batchId: string; label: string }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [open, setOpen] = useState(false);
  const [reference, setReference] = useState("");
  const [localError, setLocalError] = useState<string | null>(null);
  const paid = useMutation(trpc.admin.markBatchPaid.mutationOptions({ onSuccess: () => (setOpen(false), refresh.onSuccess()) }));
  const error = localError ?? fieldErrors(paid.error).reference ?? (paid.error ? errorMessage(paid.error) : null);
  function submit() {
    if (reference.trim().length < 2) return setLocalError("Enter the payment reference (bank or PayPal transaction id).");
    setLocalError(null);
    paid.mutate({ batchId, reference });
  }
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm" variant="secondary">
          <CheckCircle2 aria-hidden /> Mark paid
        </Button>
      </DialogTrigger>
      <DialogContent title={`Mark ${label} as paid?`} description="Every commission in the batch moves to paid, and partners see it at once.">
        <Field label="Payment reference" error={error}>
          {(p) => <Input {...p} value={reference} onChange={(e) => setReference(e.target.value)} placeholder="e.g. WIRE-2026-014" />}
        </Field>
        <div className="mt-4 flex justify-end gap-2">
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button onClick={submit} disabled={paid.isPending}>
            Confirm payment
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
