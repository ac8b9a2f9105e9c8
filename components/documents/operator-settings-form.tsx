"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/field";

type Company = { legalName: string; address: string; country: string; vatNumber: string | null; email: string | null; registration: string | null } | null;

/** The operator's details printed on every statement, and how long ended documents are kept. */
export function OperatorSettingsForm({ company, retentionDays }: { company: Company; retentionDays: number }) {
  const trpc = useTRPC();
  const [saved, setSaved] = useState(false);
  const refresh = useRefreshOnSuccess();
  const save = useMutation(trpc.documents.saveSettings.mutationOptions({ onSuccess: () => (setSaved(true), refresh.onSuccess()) }));
  const errors = fieldErrors(save.error);
  return (
    <form
      className="grid gap-4 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        const f = new FormData(e.currentTarget);
        const v = (k: string) => String(f.get(k) ?? "");
        save.mutate({ legalName: v("legalName"), address: v("address"), country: v("country"), vatNumber: v("vatNumber"), email: v("email"), registration: v("registration"), documentRetentionDays: Number(v("documentRetentionDays")) });
      }}
    >
      <Field label="Company name" error={errors.legalName}>{(p) => <Input {...p} name="legalName" defaultValue={company?.legalName ?? ""} maxLength={140} />}</Field>
      <Field label="Country (2 letters)" error={errors.country}>{(p) => <Input {...p} name="country" defaultValue={company?.country ?? ""} maxLength={2} placeholder="MT" />}</Field>
      <div className="sm:col-span-2">
        <Field label="Address" error={errors.address}>{(p) => <Textarea {...p} name="address" rows={3} defaultValue={company?.address ?? ""} maxLength={400} />}</Field>
      </div>
      <Field label="VAT number" error={errors.vatNumber}>{(p) => <Input {...p} name="vatNumber" defaultValue={company?.vatNumber ?? ""} maxLength={20} />}</Field>
      <Field label="Company registration" error={errors.registration}>{(p) => <Input {...p} name="registration" defaultValue={company?.registration ?? ""} maxLength={60} />}</Field>
      <Field label="Billing e-mail" error={errors.email}>{(p) => <Input {...p} name="email" type="email" defaultValue={company?.email ?? ""} maxLength={254} />}</Field>
      <Field label="Keep ended documents for (days)" hint="Rejected, replaced or expired documents' files are deleted after this" error={errors.documentRetentionDays}>
        {(p) => <Input {...p} name="documentRetentionDays" type="number" min={30} max={36500} defaultValue={retentionDays} />}
      </Field>
      <div className="flex items-center gap-3 sm:col-span-2">
        <Button type="submit" disabled={save.isPending}>
          Save
        </Button>
        {saved ? <span className="text-sm text-emerald-700">Saved.</span> : null}
        {save.error && !Object.keys(errors).length ? <span className="text-sm text-red-600">{errorMessage(save.error)}</span> : null}
      </div>
    </form>
  );
}
