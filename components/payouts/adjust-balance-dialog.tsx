"use client";

import { useMutation } from "@tanstack/react-query";
import { Scale } from "lucide-react";
import { useState } from "react";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { FormError, useFormErrors } from "@/components/forms/use-form-errors";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { DialogFormActions } from "@/components/ui/dialog-form-actions";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { useTRPC } from "@/components/trpc";
import { parseMoneyInput } from "@/components/forms/money-input";

type Option = { id: string; name: string };

/** A manual correction of a partner's approved balance: a bonus (+) or a clawback (−), with a reason they read. */
export function AdjustBalanceDialog({ partners, currencies }: { partners: Option[]; currencies: string[] }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [open, setOpen] = useState(false);
  const [local, setLocal] = useState<Record<string, string>>({});
  const adjust = useMutation(trpc.admin.adjustBalance.mutationOptions({ onSuccess: () => (setOpen(false), refresh.onSuccess()) }));
  const { errors, formError } = useFormErrors(adjust.error);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const v = new FormData(e.currentTarget);
    const partnerId = String(v.get("partnerId") ?? "");
    const currency = String(v.get("currency") ?? "");
    const reason = String(v.get("reason") ?? "");
    const amount = parseMoneyInput(String(v.get("amount") ?? ""), currency, { allowNegative: true });
    const next: Record<string, string> = {};
    if (!partnerId) next.partnerId = "Pick the partner";
    if (!amount.ok) next.amount = amount.message;
    else if (amount.minor === 0) next.amount = "Enter a non-zero amount";
    if (reason.trim().length < 3) next.reason = "Give a reason the partner will see";
    setLocal(next);
    if (Object.keys(next).length === 0 && amount.ok) adjust.mutate({ partnerId, currency, amount: amount.minor, reason });
  }

  const err = (k: string) => local[k] ?? errors[k];
  return (
    <Dialog open={open} onOpenChange={(o) => (setOpen(o), setLocal({}), adjust.reset())}>
      <DialogTrigger asChild>
        <Button variant="secondary">
          <Scale aria-hidden /> Adjust a balance
        </Button>
      </DialogTrigger>
      <DialogContent title="Adjust a partner's balance" description="Adds one ledger entry to the approved balance, paid (or netted) with the next batch. The partner sees the reason.">
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <FormError message={formError} />
          <Field label="Partner" error={err("partnerId")}>
            {(p) => (
              <Select {...p} name="partnerId" defaultValue="">
                <option value="" disabled>
                  Select a partner
                </option>
                {partners.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <div className="grid grid-cols-[1fr_2fr] gap-4">
            <Field label="Currency" error={err("currency")}>
              {(p) => (
                <Select {...p} name="currency" defaultValue={currencies[0]}>
                  {currencies.map((c) => (
                    <option key={c}>{c}</option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label="Amount" error={err("amount")} hint="Negative to deduct, e.g. -25.00">
              {(p) => <Input {...p} name="amount" inputMode="decimal" placeholder="25.00" autoComplete="off" />}
            </Field>
          </div>
          <Field label="Reason" error={err("reason")} hint="Shown to the partner in their ledger">
            {(p) => <Textarea {...p} name="reason" rows={2} maxLength={500} placeholder="e.g. Bonus for the March campaign" />}
          </Field>
          <DialogFormActions label="Add adjustment" pendingLabel="Saving…" pending={adjust.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
