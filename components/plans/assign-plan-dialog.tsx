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

const GROUP = "group:";

/**
 * Points a scope at a plan: one partner, every member of a group (each gets their own assignment) or every
 * partner, one offer or every offer, from a date on.
 */
export function AssignPlanDialog({ programId, plan, partners, groups = [], offers }: { programId: string; plan: Option; partners: Option[]; groups?: Option[]; offers: Option[] }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [open, setOpen] = useState(false);
  const [noteError, setNoteError] = useState<string | null>(null);
  const single = useMutation(trpc.plans.assign.mutationOptions({ onSuccess: () => (setOpen(false), refresh.onSuccess()) }));
  const toGroup = useMutation(trpc.onboarding.assignPlanToGroup.mutationOptions({ onSuccess: () => (setOpen(false), refresh.onSuccess()) }));
  const [target, setTarget] = useState<"partner" | "group">("partner");
  const assign = target === "group" ? toGroup : single;
  const { errors, formError } = useFormErrors(assign.error);

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (next) {
      setNoteError(null);
      single.reset();
      toGroup.reset();
    }
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const v = new FormData(e.currentTarget);
    const note = String(v.get("note") ?? "");
    if (note.trim().length < 3) return setNoteError("Say why; the partner sees it");
    setNoteError(null);
    const who = String(v.get("partnerId") ?? "");
    const scope = { programId, planId: plan.id, offerId: String(v.get("offerId") ?? "") || null, effectiveFrom: effectiveFrom(String(v.get("effectiveFrom") ?? "")), note };
    if (who.startsWith(GROUP)) {
      setTarget("group");
      toGroup.mutate({ ...scope, groupId: who.slice(GROUP.length) });
    } else {
      setTarget("partner");
      single.mutate({ ...scope, partnerId: who || null });
    }
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
          <Field label="Partner" error={errors.partnerId ?? errors.groupId} hint={groups.length ? "A group gives each of its current members their own assignment." : undefined}>
            {(p) => (
              <Select {...p} name="partnerId" defaultValue="">
                <option value="">All partners (default)</option>
                {groups.length ? (
                  <optgroup label="Groups">
                    {groups.map((g) => (
                      <option key={g.id} value={`${GROUP}${g.id}`}>
                        Group: {g.name}
                      </option>
                    ))}
                  </optgroup>
                ) : null}
                <optgroup label="Partners">
                  {partners.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </optgroup>
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
