"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError, formValues, useFormErrors } from "@/components/forms/use-form-errors";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import type { OfferVisibility } from "@/db/schema/programs";
import { createOfferInput, landingUrlProblem, previewLandingUrl, updateOfferInput } from "@/server/offers/schemas";
import { CLICK_MACROS } from "@/server/tracking/macros";
import { VISIBILITY_LABELS } from "./labels";

type Offer = {
  id: string;
  name: string;
  description: string | null;
  landingUrl: string;
  currency: string;
  eventTypes: string[];
  attributionWindowDays: number;
  deepLinkHosts: string[];
  visibility: OfferVisibility;
  currencyLocked: boolean;
};
type Program = { id: string; name: string; defaultCurrency: string };

const DEFAULT_EVENTS = "lead, registration, ftd, deposit, sale, refund, chargeback";

/**
 * Everything an operator sets on an offer, for a new offer (pick its program) or an existing one. The landing
 * URL is checked as it is typed, with the shared rule, and previewed with sample values.
 */
export function OfferForm({ offer, programs }: { offer?: Offer; programs: Program[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const [landingUrl, setLandingUrl] = useState(offer?.landingUrl ?? "");
  const [programId, setProgramId] = useState(programs[0]?.id ?? "");
  const create = useMutation(trpc.offers.create.mutationOptions({ onSuccess: (r) => router.push(`/admin/offers/${r.offerId}`) }));
  const update = useMutation(trpc.offers.update.mutationOptions({ onSuccess: () => (setSaved(true), router.refresh()) }));
  const mutation = offer ? update : create;
  const { errors, formError, check } = useFormErrors(mutation.error);
  const liveProblem = landingUrl.trim() ? landingUrlProblem(landingUrl.trim()) : null;
  const preview = landingUrl.trim() ? previewLandingUrl(landingUrl.trim()) : null;
  const defaultCurrency = programs.find((p) => p.id === programId)?.defaultCurrency ?? "USD";

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSaved(false);
    const v = formValues(e.currentTarget);
    const fields = {
      name: v.name ?? "",
      description: v.description ?? "",
      landingUrl: v.landingUrl ?? "",
      currency: v.currency ?? offer?.currency ?? "",
      eventTypes: v.eventTypes ?? "",
      attributionWindowDays: v.attributionWindowDays?.trim() ? Number(v.attributionWindowDays) : Number.NaN,
      deepLinkHosts: v.deepLinkHosts ?? "",
      visibility: v.visibility as OfferVisibility,
    };
    if (offer) {
      const input = { offerId: offer.id, ...fields };
      if (check(updateOfferInput, input)) update.mutate(input);
    } else {
      const input = { programId: v.programId ?? "", ...fields };
      if (check(createOfferInput, input)) create.mutate(input);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={formError} />
      {offer ? null : (
        <Field label="Program" error={errors.programId}>
          {(p) => (
            <Select {...p} name="programId" value={programId} onChange={(e) => setProgramId(e.target.value)}>
              {programs.map((pr) => (
                <option key={pr.id} value={pr.id}>
                  {pr.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      <Field label="Name" error={errors.name}>
        {(p) => <Input {...p} name="name" defaultValue={offer?.name} placeholder="Casino welcome offer" />}
      </Field>
      <Field label="Description" error={errors.description} hint="Partners see it in the portal.">
        {(p) => <Textarea {...p} name="description" rows={2} defaultValue={offer?.description ?? ""} />}
      </Field>
      <Field label="Landing URL" error={errors.landingUrl ?? liveProblem} hint={`Macros: ${CLICK_MACROS.map((m) => `{${m}}`).join(" ")}`}>
        {(p) => (
          <Input
            {...p}
            name="landingUrl"
            value={landingUrl}
            onChange={(e) => setLandingUrl(e.target.value)}
            spellCheck={false}
            placeholder="https://example.com/welcome?clickid={click_id}&s1={sub1}"
            className="font-mono"
          />
        )}
      </Field>
      {preview ? (
        <div className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-xs" data-testid="landing-preview">
          <p className="font-medium text-slate-600">Preview with sample values</p>
          <p className="mt-1 break-all font-mono text-slate-800">{preview}</p>
        </div>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-3">
        <Field
          label="Currency"
          error={errors.currency}
          hint={offer?.currencyLocked ? "Fixed: the offer has conversions." : "ISO 4217; fixed once a conversion arrives."}
        >
          {(p) => (
            <Input
              {...p}
              key={offer ? "edit" : defaultCurrency}
              name="currency"
              defaultValue={offer?.currency ?? defaultCurrency}
              maxLength={3}
              className="uppercase"
              disabled={offer?.currencyLocked}
              autoComplete="off"
            />
          )}
        </Field>
        <Field label="Attribution window (days)" error={errors.attributionWindowDays}>
          {(p) => <Input {...p} name="attributionWindowDays" type="number" inputMode="numeric" min={1} max={365} defaultValue={offer?.attributionWindowDays ?? 30} />}
        </Field>
        <Field label="Visibility" error={errors.visibility}>
          {(p) => (
            <Select {...p} name="visibility" defaultValue={offer?.visibility ?? "all"}>
              {Object.entries(VISIBILITY_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <Field label="Event types" error={errors.eventTypes} hint="Comma separated; lower-case letters, digits and _. Other events are refused.">
        {(p) => <Textarea {...p} name="eventTypes" rows={2} spellCheck={false} defaultValue={offer ? offer.eventTypes.join(", ") : DEFAULT_EVENTS} />}
      </Field>
      <Field label="Deep link hosts" error={errors.deepLinkHosts} hint="One per line or comma separated: example.com, or *.example.com for its subdomains. Empty: no deep links.">
        {(p) => <Textarea {...p} name="deepLinkHosts" rows={2} spellCheck={false} defaultValue={offer?.deepLinkHosts.join("\n") ?? ""} placeholder="www.example.com" />}
      </Field>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={mutation.isPending}>
          {offer ? (update.isPending ? "Saving…" : "Save offer") : create.isPending ? "Creating…" : "Create offer"}
        </Button>
        {saved ? (
          <span role="status" className="text-sm text-green-700">
            Saved. The next click uses it.
          </span>
        ) : null}
      </div>
    </form>
  );
}
