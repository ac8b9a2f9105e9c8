"use client";

import { DialogFormActions } from "@/components/ui/dialog-form-actions";
import { useMutation } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useState } from "react";
import { FormError, formValues, useFormErrors } from "@/components/forms/use-form-errors";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/field";
import { useTRPC } from "@/components/trpc";
import { createCouponInput } from "@/server/coupons/schemas";
import { useRefreshOnSuccess } from "./use-admin-mutation";

type Option = { id: string; name: string };

/** "New coupon": a code credited to one approved partner for one offer. */
export function CreateCouponDialog({ partners, offers }: { partners: Option[]; offers: (Option & { status: string })[] }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [open, setOpen] = useState(false);
  const create = useMutation(trpc.coupons.create.mutationOptions({ onSuccess: () => (setOpen(false), refresh.onSuccess()) }));
  const { errors, formError, check, reset } = useFormErrors(create.error);

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      reset();
      create.reset();
    }
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const values = formValues(e.currentTarget);
    if (check(createCouponInput, values)) create.mutate(createCouponInput.parse(values));
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden /> New coupon
        </Button>
      </DialogTrigger>
      <DialogContent title="New coupon" description="A conversion that reports this code is credited to the partner.">
        {partners.length === 0 || offers.length === 0 ? (
          <p className="text-sm text-slate-600">{partners.length === 0 ? "Approve a partner first: coupons belong to approved partners." : "Create an offer first."}</p>
        ) : (
          <form onSubmit={onSubmit} className="space-y-4" noValidate>
            <FormError message={formError} />
            <Field label="Partner" error={errors.partnerId}>
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
            <Field label="Offer" error={errors.offerId}>
              {(p) => (
                <Select {...p} name="offerId" defaultValue={offers.length === 1 ? offers[0]?.id : ""}>
                  <option value="" disabled>
                    Select an offer
                  </option>
                  {offers.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                      {o.status === "paused" ? " (paused)" : ""}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label="Code" error={errors.code} hint="3–32 letters, digits, dashes or underscores. Stored in capitals; matched in any case.">
              {(p) => <Input {...p} name="code" maxLength={32} autoComplete="off" spellCheck={false} placeholder="ALICE20" className="font-mono uppercase" />}
            </Field>
            <DialogFormActions label="Create coupon" pendingLabel="Creating…" pending={create.isPending} />
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
