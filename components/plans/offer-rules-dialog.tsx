"use client";

import { useMutation } from "@tanstack/react-query";
import { Pencil } from "lucide-react";
import { useState } from "react";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { FormError, useFormErrors } from "@/components/forms/use-form-errors";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { DialogFormActions } from "@/components/ui/dialog-form-actions";
import { Field, Input } from "@/components/ui/field";
import { useTRPC } from "@/components/trpc";
import { parseMoneyInput } from "@/components/forms/money-input";
import { minorToDecimal } from "./terms-draft";

export type OfferRules = {
  id: string;
  name: string;
  currency: string;
  qualification: { minDeposit?: string | null; withinDaysOfRegistration?: number | null; oncePerCustomer?: boolean };
  holdDays: number;
  autoApprove: boolean;
};

/** When an offer's events earn the CPA, how long its commissions wait, and whether they approve themselves. */
export function OfferRulesDialog({ offer }: { offer: OfferRules }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [open, setOpen] = useState(false);
  const [local, setLocal] = useState<Record<string, string>>({});
  const save = useMutation(trpc.plans.setOfferCommission.mutationOptions({ onSuccess: () => (setOpen(false), refresh.onSuccess()) }));
  const { errors, formError } = useFormErrors(save.error);
  const q = offer.qualification;

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const v = new FormData(e.currentTarget);
    const next: Record<string, string> = {};
    const depositText = String(v.get("minDeposit") ?? "").trim();
    const deposit = depositText ? parseMoneyInput(depositText, offer.currency) : null;
    if (deposit && !deposit.ok) next.minDeposit = deposit.message;
    const daysText = String(v.get("withinDays") ?? "").trim();
    const days = daysText ? Number(daysText) : null;
    if (days !== null && !(Number.isInteger(days) && days >= 1 && days <= 365)) next.withinDaysOfRegistration = "Use 1 to 365 days, or leave empty";
    const holdText = String(v.get("holdDays") ?? "").trim();
    const holdDays = Number(holdText || "0");
    if (!(Number.isInteger(holdDays) && holdDays >= 0 && holdDays <= 90)) next.holdDays = "Use 0 to 90 days";
    setLocal(next);
    if (Object.keys(next).length > 0) return;
    save.mutate({
      offerId: offer.id,
      qualification: { minDeposit: deposit?.ok ? deposit.minor : null, withinDaysOfRegistration: days, oncePerCustomer: v.get("oncePerCustomer") === "on" },
      holdDays,
      autoApprove: v.get("autoApprove") === "on",
    });
  }

  const err = (k: string) => local[k] ?? errors[k];
  return (
    <Dialog open={open} onOpenChange={(o) => (setOpen(o), setLocal({}), save.reset())}>
      <DialogTrigger asChild>
        <Button size="sm" variant="secondary" aria-label={`Edit commission rules of ${offer.name}`}>
          <Pencil aria-hidden /> Edit
        </Button>
      </DialogTrigger>
      <DialogContent title={`Commission rules · ${offer.name}`} description="Applies to commissions accrued from now on.">
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <FormError message={formError ?? (errors.qualification ? `Qualification: ${errors.qualification}` : null)} />
          <fieldset className="space-y-4">
            <legend className="text-sm font-semibold text-slate-900">The CPA qualifies when</legend>
            <Field label={`Minimum deposit (${offer.currency})`} error={err("minDeposit")} hint="Empty: any amount">
              {(p) => <Input {...p} name="minDeposit" inputMode="decimal" defaultValue={q.minDeposit ? minorToDecimal(q.minDeposit, offer.currency) : ""} placeholder="20.00" />}
            </Field>
            <Field label="Within days of registration" error={err("withinDaysOfRegistration")} hint="Empty: no limit">
              {(p) => <Input {...p} name="withinDays" type="number" inputMode="numeric" min={1} max={365} defaultValue={q.withinDaysOfRegistration ?? ""} />}
            </Field>
            <label className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" name="oncePerCustomer" defaultChecked={q.oncePerCustomer ?? false} className="size-4 rounded border-slate-300" />
              Once per customer
            </label>
          </fieldset>
          <Field label="Hold (days)" error={err("holdDays")} hint="Commissions cannot be approved before the hold ends (0 to 90)">
            {(p) => <Input {...p} name="holdDays" type="number" inputMode="numeric" min={0} max={90} defaultValue={offer.holdDays} />}
          </Field>
          <label className="flex items-start gap-2 text-sm text-slate-700">
            <input type="checkbox" name="autoApprove" defaultChecked={offer.autoApprove} className="mt-0.5 size-4 rounded border-slate-300" />
            <span>
              Approve automatically when the hold ends
              <span className="block text-xs text-slate-500">Unless fraud checks flagged the conversion.</span>
            </span>
          </label>
          <DialogFormActions label="Save rules" pendingLabel="Saving…" pending={save.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
