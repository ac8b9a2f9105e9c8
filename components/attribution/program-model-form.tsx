"use client";

import { useMutation } from "@tanstack/react-query";
import { ArrowDown, ArrowUp, Info } from "lucide-react";
import { useState } from "react";
import type { AttributionSource, StoredModel } from "@/db/schema";
import { FormError, useFormErrors } from "@/components/forms/use-form-errors";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/components/trpc";
import { draftOf, ModelFields, modelOf, type ModelDraft } from "./model-fields";
import { EVIDENCE, MODELS } from "./models";

/** The program's default model and which evidence decides first. Saved settings apply to new conversions only. */
export function ProgramModelForm({ programId, model, priority }: { programId: string; model: StoredModel; priority: AttributionSource[] }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [draft, setDraft] = useState(() => draftOf(model));
  const [order, setOrder] = useState(priority);
  const [saved, setSaved] = useState(false);
  const save = useMutation(trpc.attribution.setProgram.mutationOptions({ onSuccess: () => (setSaved(true), refresh.onSuccess()) }));
  const { errors, formError } = useFormErrors(save.error);

  function move(index: number, by: -1 | 1) {
    const next = [...order];
    const [item] = next.splice(index, 1);
    if (!item) return;
    next.splice(index + by, 0, item);
    setOrder(next);
    setSaved(false);
  }

  function onModelChange(next: ModelDraft) {
    // An error about the previous model's parameters no longer applies.
    if (next.model !== draft.model) save.reset();
    setDraft(next);
    setSaved(false);
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSaved(false);
    const chosen = modelOf(draft);
    if (chosen) save.mutate({ programId, model: chosen, priority: order });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-8 px-5 py-4 lg:grid-cols-2">
      <div className="space-y-6">
        <FormError message={formError} />
        <ModelFields label="Default model" value={draft} onChange={onModelChange} error={errors.model} />
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-700">Evidence priority</legend>
          <p className="text-sm text-slate-500">When several kinds of evidence identify a partner, the first one in this list decides.</p>
          <ol className="divide-y divide-slate-100 rounded-md border border-slate-200" data-testid="evidence-priority">
            {order.map((source, i) => (
              <li key={source} className="flex items-center gap-3 px-3 py-2">
                <span className="grid size-6 shrink-0 place-items-center rounded-full bg-slate-100 text-xs font-semibold text-slate-600">{i + 1}</span>
                <div className="min-w-0 flex-1">
                  <p className="text-sm font-medium text-slate-900">{EVIDENCE[source].label}</p>
                  <p className="text-xs text-slate-500">{EVIDENCE[source].description}</p>
                </div>
                <div className="flex shrink-0 gap-1">
                  <Button type="button" size="sm" variant="ghost" className="px-2" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move ${EVIDENCE[source].label} up`}>
                    <ArrowUp aria-hidden />
                  </Button>
                  <Button type="button" size="sm" variant="ghost" className="px-2" disabled={i === order.length - 1} onClick={() => move(i, 1)} aria-label={`Move ${EVIDENCE[source].label} down`}>
                    <ArrowDown aria-hidden />
                  </Button>
                </div>
              </li>
            ))}
          </ol>
          {errors.priority ? <p className="text-sm text-red-600">{errors.priority}</p> : null}
        </fieldset>
        <p className="flex gap-2 rounded-md bg-blue-50 px-3 py-2 text-sm text-blue-800">
          <Info className="mt-0.5 size-4 shrink-0" aria-hidden />
          Changes apply to new conversions only. To change past conversions, preview and re-attribute a period below.
        </p>
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save model"}
          </Button>
          <span aria-live="polite" className="text-sm text-green-700">
            {saved ? "Saved" : ""}
          </span>
        </div>
      </div>
      <div>
        <h3 className="text-sm font-semibold text-slate-900">How the models split the credit</h3>
        <dl className="mt-3 space-y-3">
          {MODELS.map((m) => (
            <div key={m.value} className={m.value === draft.model ? "rounded-md border-l-2 border-brand-500 bg-brand-50/60 py-1 pl-3" : "border-l-2 border-transparent py-1 pl-3"}>
              <dt className="text-sm font-medium text-slate-900">{m.label}</dt>
              <dd className="text-sm text-slate-500">{m.description}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-4 text-xs text-slate-500">A journey is the visitor&apos;s clicks on the same offer inside the offer&apos;s attribution window, up to the click your backend reported.</p>
      </div>
    </form>
  );
}
