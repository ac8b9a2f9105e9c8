"use client";

import { useMutation } from "@tanstack/react-query";
import { FilePlus2 } from "lucide-react";
import { useState } from "react";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { FormError } from "@/components/forms/use-form-errors";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { DialogFormActions } from "@/components/ui/dialog-form-actions";
import { Field, Input, Textarea } from "@/components/ui/field";
import { useTRPC } from "@/components/trpc";
import { draftFromStored } from "./terms-draft";
import { TermsForm } from "./terms-form";
import { TermsPreview } from "./terms-preview";
import { effectiveFrom, todayUtc, useTermsDraft } from "./use-terms-draft";

type StoredTerms = { currency: string; components: Record<string, unknown> };

/** New terms for a plan from a date on, starting from its latest version. What was earned before keeps its version. */
export function NewVersionDialog({ plan }: { plan: { id: string; name: string; latest: StoredTerms } }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState("");
  const [note, setNote] = useState("");
  const [noteError, setNoteError] = useState<string | null>(null);
  const add = useMutation(trpc.plans.addVersion.mutationOptions({ onSuccess: () => (setOpen(false), refresh.onSuccess()) }));
  const form = useTermsDraft(() => draftFromStored(plan.latest), add.error);

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (next) {
      form.reset(draftFromStored(plan.latest));
      setDate("");
      setNote("");
      setNoteError(null);
      add.reset();
    }
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const badNote = note.trim().length < 3 ? "Say what changed and why; partners see it" : null;
    setNoteError(badNote);
    const terms = form.submit();
    if (terms && !badNote) add.mutate({ planId: plan.id, terms, effectiveFrom: effectiveFrom(date), note });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button size="sm" variant="secondary" aria-label={`New version of ${plan.name}`}>
          <FilePlus2 aria-hidden /> New version
        </Button>
      </DialogTrigger>
      <DialogContent size="lg" title={`New version of ${plan.name}`} description="Partners on this plan are told in their portal. Conversions before the date keep the terms they had.">
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <FormError message={form.formError} />
          <TermsForm
            value={form.draft}
            onChange={(d) => {
              form.setDraft(d);
              if (add.error) add.reset();
            }}
            errors={form.termsErrors}
          />
          <TermsPreview lines={form.preview} />
          <div className="grid gap-4 sm:grid-cols-[1fr_2fr]">
            <Field label="Effective from" error={form.fieldErrors.effectiveFrom} hint="UTC. Empty or today: now">
              {(p) => <Input {...p} type="date" min={todayUtc()} value={date} onChange={(e) => setDate(e.target.value)} />}
            </Field>
            <Field label="What changed and why" error={noteError ?? form.fieldErrors.note} hint="Partners read this in their terms history">
              {(p) => <Textarea {...p} value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={500} placeholder="e.g. Higher CPA for the summer campaign" />}
            </Field>
          </div>
          <DialogFormActions label="Save version" pendingLabel="Saving…" pending={add.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
