"use client";

import { useMutation } from "@tanstack/react-query";
import { UserCheck } from "lucide-react";
import { useState } from "react";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { FormError, useFormErrors } from "@/components/forms/use-form-errors";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { DialogFormActions } from "@/components/ui/dialog-form-actions";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { useTRPC } from "@/components/trpc";
import { effectiveFrom, todayUtc } from "./use-terms-draft";

type Option = { id: string; name: string };

/** Points a scope at a plan: one partner or every partner, one offer or every offer, from a date on. */
export function AssignPlanDialog({ programId, plan, partners, offers }: { programId: string; plan: Option; partners: Option[]; offers: Option[] }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [open, setOpen] = useState(false);
  const [noteError, setNoteError] = useState<string | null>(null);
  const assign = useMutation(trpc.plans.assign.mutationOptions({ onSuccess: () => (setOpen(false), refresh.onSuccess()) }));
  const { errors, formError } = useFormErrors(assign.error);

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (next) {
      setNoteError(null);
      assign.reset();
    }
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const v = new FormData(e.currentTarget);
    const note = String(v.get("note") ?? "");
    if (note.trim().length < 3) return setNoteError("Say why; the partner sees it");
    setNoteError(null);
    assign.mutate({
      programId,
      planId: plan.id,
      partnerId: String(v.get("partnerId") ?? "") || null,
      offerId: String(v.get("offerId") ?? "") || null,
      effectiveFrom: effectiveFrom(String(v.get("effectiveFrom") ?? "")),
      note,
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button size="sm" variant="secondary" aria-label={`Assign ${plan.name}`}>
          <UserCheck aria-hidden /> Assign
        </Button>
      </DialogTrigger>
      <DialogContent title={`Assign ${plan.name}`} description="The most specific assignment wins: a partner on an offer, then a partner, then an offer's default, then the program's.">
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <FormError message={formError} />
          <Field label="Partner" error={errors.partnerId}>
            {(p) => (
              <Select {...p} name="partnerId" defaultValue="">
                <option value="">All partners (default)</option>
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
              <Select {...p} name="offerId" defaultValue="">
                <option value="">All offers</option>
                {offers.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label="Effective from" error={errors.effectiveFrom} hint="UTC. Empty or today: now">
            {(p) => <Input {...p} name="effectiveFrom" type="date" min={todayUtc()} />}
          </Field>
          <Field label="Note" error={noteError ?? errors.note} hint="Shown to the partner with the change">
            {(p) => <Textarea {...p} name="note" rows={2} maxLength={500} placeholder="e.g. Moved to the VIP plan after Q2 volume" />}
          </Field>
          <DialogFormActions label="Assign plan" pendingLabel="Assigning…" pending={assign.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
