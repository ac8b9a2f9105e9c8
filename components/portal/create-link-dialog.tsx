"use client";

import { DialogFormActions } from "@/components/ui/dialog-form-actions";
import { useMutation } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useState } from "react";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { FormError, formValues, useFormErrors } from "@/components/forms/use-form-errors";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/field";
import { useTRPC } from "@/components/trpc";
import { createLinkInput } from "@/server/links/schemas";

type Offer = { id: string; name: string; terms: string[] };

/** "New link": pick an active offer, optionally name the campaign and choose a readable alias. */
export function CreateLinkDialog({ offers, baseUrl }: { offers: Offer[]; baseUrl: string }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [open, setOpen] = useState(false);
  const create = useMutation(trpc.links.create.mutationOptions({ onSuccess: () => (setOpen(false), refresh.onSuccess()) }));
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
    if (check(createLinkInput, values)) create.mutate(createLinkInput.parse(values));
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden /> New link
        </Button>
      </DialogTrigger>
      <DialogContent title="New tracking link" description="A separate link per campaign shows you which one converts.">
        {offers.length === 0 ? (
          <p className="text-sm text-slate-600">There are no active offers right now, so no new links can be made.</p>
        ) : (
          <form onSubmit={onSubmit} className="space-y-4" noValidate>
            <FormError message={formError} />
            <Field label="Offer" error={errors.offerId}>
              {(p) => (
                <Select {...p} name="offerId" defaultValue={offers.length === 1 ? offers[0]?.id : ""}>
                  <option value="" disabled>
                    Select an offer
                  </option>
                  {offers.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.terms.length ? `${o.name} · ${o.terms.join("; ")}` : o.name}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label="Label (optional)" error={errors.label} hint="Only you see it, e.g. Spring newsletter.">
              {(p) => <Input {...p} name="label" maxLength={80} autoComplete="off" />}
            </Field>
            <Field label="Alias (optional)" error={errors.alias} hint={`3–40 lower-case letters, digits and dashes: ${baseUrl}/r/your-alias`}>
              {(p) => <Input {...p} name="alias" maxLength={40} autoComplete="off" autoCapitalize="none" spellCheck={false} placeholder="spring-promo" />}
            </Field>
            <DialogFormActions label="Create link" pendingLabel="Creating…" pending={create.isPending} />
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
