"use client";

import { DialogFormActions } from "@/components/ui/dialog-form-actions";
import { useMutation } from "@tanstack/react-query";
import { Pencil } from "lucide-react";
import { useState } from "react";
import type { StoredModel } from "@/db/schema";
import { FormError, useFormErrors } from "@/components/forms/use-form-errors";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { useTRPC } from "@/components/trpc";
import { draftOf, ModelFields, modelOf, type ModelDraft } from "./model-fields";
import { modelLabel } from "./models";

/** An offer's own model, or "Program default" to follow the program's. New conversions only. */
export function OfferModelDialog({ offer, programModel }: { offer: { id: string; name: string; model: StoredModel | null }; programModel: StoredModel }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(() => draftOf(offer.model));
  const save = useMutation(trpc.attribution.setOffer.mutationOptions({ onSuccess: () => (setOpen(false), refresh.onSuccess()) }));
  const { errors, formError } = useFormErrors(save.error);

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (next) setDraft(draftOf(offer.model));
    else save.reset();
  }

  function onModelChange(next: ModelDraft) {
    if (next.model !== draft.model) save.reset();
    setDraft(next);
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    save.mutate({ offerId: offer.id, model: modelOf(draft) });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button size="sm" variant="secondary" aria-label={`Change the model of ${offer.name}`}>
          <Pencil aria-hidden /> Change
        </Button>
      </DialogTrigger>
      <DialogContent title={`Model for ${offer.name}`} description="Applies to this offer's new conversions only.">
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <FormError message={formError} />
          <ModelFields label="Model" value={draft} onChange={onModelChange} error={errors.model} defaultOption={`Program default (${modelLabel(programModel)})`} />
          <DialogFormActions label="Save" pendingLabel="Saving…" pending={save.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
