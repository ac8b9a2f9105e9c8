"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";

/** Credits a whole invoice with a new, numbered credit note; the invoice itself never changes. */
export function CreditNoteForm({ invoiceId, number }: { invoiceId: string; number: string }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const credit = useMutation(trpc.invoices.creditNote.mutationOptions(useRefreshOnSuccess()));
  const errors = fieldErrors(credit.error);
  if (!open)
    return (
      <Button size="sm" variant="ghost" onClick={() => setOpen(true)} aria-label={`Credit ${number}`}>
        Credit note…
      </Button>
    );
  return (
    <form
      className="flex flex-col gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        credit.mutate({ invoiceId, reason: String(new FormData(e.currentTarget).get("reason") ?? "") });
      }}
    >
      <div className="flex gap-2">
        <Input name="reason" placeholder="Why it is credited" maxLength={300} aria-label="Reason" aria-invalid={Boolean(errors.reason)} />
        <Button type="submit" size="sm" variant="danger" disabled={credit.isPending}>
          Issue
        </Button>
      </div>
      {errors.reason || credit.error ? <span className="text-xs text-red-600">{errors.reason ?? errorMessage(credit.error)}</span> : null}
    </form>
  );
}

/** For a batch paid before invoicing existed: issues its missing invoices. */
export function IssueMissingButton({ batchId }: { batchId: string }) {
  const trpc = useTRPC();
  const issue = useMutation(trpc.invoices.issueMissing.mutationOptions(useRefreshOnSuccess()));
  return (
    <span className="inline-flex items-center gap-2">
      <Button size="sm" variant="secondary" disabled={issue.isPending} onClick={() => issue.mutate({ batchId })}>
        Issue invoices
      </Button>
      {issue.error ? <span className="text-xs text-red-600">{errorMessage(issue.error)}</span> : null}
    </span>
  );
}
