"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/field";

type Billing = { legalName: string; address: string; country: string; vatNumber: string | null; isBusiness: boolean } | null;

/** The partner's invoice details: printed on their self-billing invoices; the country decides W-9 / W-8BEN and the reverse charge. */
export function BillingForm({ billing }: { billing: Billing }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const save = useMutation(trpc.documents.saveMyBilling.mutationOptions({ onSuccess: () => (setSaved(true), router.refresh()) }));
  const errors = fieldErrors(save.error);
  return (
    <form
      className="grid gap-4 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        const f = new FormData(e.currentTarget);
        const v = (k: string) => String(f.get(k) ?? "");
        save.mutate({ legalName: v("legalName"), address: v("address"), country: v("country"), vatNumber: v("vatNumber"), isBusiness: f.get("isBusiness") === "on" });
      }}
    >
      <Field label="Legal name" error={errors.legalName}>{(p) => <Input {...p} name="legalName" defaultValue={billing?.legalName ?? ""} maxLength={140} />}</Field>
      <Field label="Country (2 letters)" error={errors.country}>{(p) => <Input {...p} name="country" defaultValue={billing?.country ?? ""} maxLength={2} placeholder="DE" />}</Field>
      <div className="sm:col-span-2">
        <Field label="Address" error={errors.address}>{(p) => <Textarea {...p} name="address" rows={3} defaultValue={billing?.address ?? ""} maxLength={400} />}</Field>
      </div>
      <Field label="VAT number" hint="Checked against your country's format" error={errors.vatNumber}>
        {(p) => <Input {...p} name="vatNumber" defaultValue={billing?.vatNumber ?? ""} maxLength={20} placeholder="DE123456789" />}
      </Field>
      <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-700">
        <input type="checkbox" name="isBusiness" defaultChecked={billing?.isBusiness ?? false} className="size-4 rounded border-slate-300" />I invoice as a business
      </label>
      <div className="flex items-center gap-3 sm:col-span-2">
        <Button type="submit" disabled={save.isPending}>
          Save billing details
        </Button>
        {saved ? <span className="text-sm text-emerald-700">Saved.</span> : null}
        {save.error && !Object.keys(errors).length ? <span className="text-sm text-red-600">{errorMessage(save.error)}</span> : null}
      </div>
    </form>
  );
}
