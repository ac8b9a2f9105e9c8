"use client";

import { DialogFormActions } from "@/components/ui/dialog-form-actions";
import { useMutation } from "@tanstack/react-query";
import { Pencil } from "lucide-react";
import { useState } from "react";
import { FormError, formValues, useFormErrors } from "@/components/forms/use-form-errors";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { useTRPC } from "@/components/trpc";
import { updateOfferInput } from "@/server/offers/schemas";
import { useRefreshOnSuccess } from "./use-admin-mutation";

type Offer = {
  id: string;
  name: string;
  status: "active" | "paused";
  attributionWindowDays: number;
  deepLinkHosts: string[];
  eventTypes: string[];
};

/** An offer's tracking settings. Saved settings reach the redirect at once (its cache is dropped). */
export function OfferEditDialog({ offer }: { offer: Offer }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [open, setOpen] = useState(false);
  const update = useMutation(trpc.offers.update.mutationOptions({ onSuccess: () => (setOpen(false), refresh.onSuccess()) }));
  const { errors, formError, check, reset } = useFormErrors(update.error);

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      reset();
      update.reset();
    }
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    const input = {
      offerId: offer.id,
      status: v.status === "paused" ? ("paused" as const) : ("active" as const),
      attributionWindowDays: v.attributionWindowDays?.trim() ? Number(v.attributionWindowDays) : Number.NaN,
      deepLinkHosts: v.deepLinkHosts ?? "",
      eventTypes: v.eventTypes ?? "",
    };
    // The raw text goes to the server, which splits and checks it with the same schema.
    if (check(updateOfferInput, input)) update.mutate(input);
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button size="sm" variant="secondary" aria-label={`Edit ${offer.name}`}>
          <Pencil aria-hidden /> Edit
        </Button>
      </DialogTrigger>
      <DialogContent title={`Edit ${offer.name}`} description="Tracking settings. Changes apply to the next click.">
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <FormError message={formError} />
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Status" error={errors.status}>
              {(p) => (
                <Select {...p} name="status" defaultValue={offer.status}>
                  <option value="active">Active</option>
                  <option value="paused">Paused (links stop answering)</option>
                </Select>
              )}
            </Field>
            <Field label="Attribution window (days)" error={errors.attributionWindowDays}>
              {(p) => <Input {...p} name="attributionWindowDays" type="number" inputMode="numeric" min={1} max={365} defaultValue={offer.attributionWindowDays} />}
            </Field>
          </div>
          <Field label="Deep link hosts" error={errors.deepLinkHosts} hint="One per line or comma separated: example.com, or *.example.com for its subdomains. Empty: no deep links.">
            {(p) => <Textarea {...p} name="deepLinkHosts" rows={3} spellCheck={false} defaultValue={offer.deepLinkHosts.join("\n")} placeholder="www.example.com" />}
          </Field>
          <Field label="Event types" error={errors.eventTypes} hint="Comma separated; lower-case letters, digits and _. Other events are refused.">
            {(p) => <Textarea {...p} name="eventTypes" rows={2} spellCheck={false} defaultValue={offer.eventTypes.join(", ")} />}
          </Field>
          <DialogFormActions label="Save" pendingLabel="Saving…" pending={update.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
