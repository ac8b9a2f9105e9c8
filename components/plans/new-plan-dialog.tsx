"use client";

import { useMutation } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useState } from "react";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { FormError } from "@/components/forms/use-form-errors";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { DialogFormActions } from "@/components/ui/dialog-form-actions";
import { Field, Input, Textarea } from "@/components/ui/field";
import { useTRPC } from "@/components/trpc";
import { emptyDraft } from "./terms-draft";
import { TermsForm } from "./terms-form";
import { TermsPreview } from "./terms-preview";
import { useTermsDraft } from "./use-terms-draft";

/** "New plan": a name and its first version's terms, in force from now. Assigning it is a separate step. */
export function NewPlanDialog({ programId, currency }: { programId: string; currency: string }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [nameError, setNameError] = useState<string | null>(null);
  const create = useMutation(trpc.plans.create.mutationOptions({ onSuccess: () => (setOpen(false), refresh.onSuccess()) }));
  const form = useTermsDraft(() => emptyDraft(currency), create.error);

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (next) {
      form.reset(emptyDraft(currency));
      setName("");
      setDescription("");
      setNameError(null);
      create.reset();
    }
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const badName = name.trim().length < 2 ? "Name the plan" : null;
    setNameError(badName);
    const terms = form.submit();
    if (terms && !badName) create.mutate({ programId, name, description: description.trim() || undefined, terms });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden /> New plan
        </Button>
      </DialogTrigger>
      <DialogContent size="lg" title="New commission plan" description="Its first version applies from now. Assign it to partners or offers afterwards.">
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <FormError message={form.formError} />
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Plan name" error={nameError ?? form.fieldErrors.name}>
              {(p) => <Input {...p} value={name} onChange={(e) => setName(e.target.value)} maxLength={80} placeholder="e.g. Casino hybrid" />}
            </Field>
            <Field label="Description (optional)" error={form.fieldErrors.description}>
              {(p) => <Textarea {...p} value={description} onChange={(e) => setDescription(e.target.value)} rows={1} maxLength={500} className="min-h-9" />}
            </Field>
          </div>
          <TermsForm value={form.draft} onChange={(d) => {
              form.setDraft(d);
              if (create.error) create.reset();
            }} errors={form.termsErrors} />
          <TermsPreview lines={form.preview} />
          <DialogFormActions label="Create plan" pendingLabel="Creating…" pending={create.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
