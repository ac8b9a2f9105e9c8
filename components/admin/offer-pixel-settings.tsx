"use client";

import { useMutation } from "@tanstack/react-query";
import { Eye, EyeOff, KeyRound } from "lucide-react";
import { useState } from "react";
import { FormError, useFormErrors } from "@/components/forms/use-form-errors";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, Textarea } from "@/components/ui/field";
import { savePixelSettingsInput } from "@/server/offers/pixel-schemas";
import type { PixelSettings } from "@/server/offers/pixel-settings";
import { useRefreshOnSuccess } from "./use-admin-mutation";

const mask = (key: string) => `pxk_${"•".repeat(12)}${key.slice(-4)}`;

/** The pixel key, masked until revealed, with copy and regenerate. */
function PixelKey({ offerId, pixelKey }: { offerId: string; pixelKey: string }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [shown, setShown] = useState(false);
  const regenerate = useMutation(trpc.offerPixels.regenerateKey.mutationOptions(refresh));
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <code className="min-w-0 flex-1 break-all rounded bg-slate-100 px-3 py-2 font-mono text-xs text-slate-800" data-testid="pixel-key">
          {shown ? pixelKey : mask(pixelKey)}
        </code>
        <Button variant="ghost" size="sm" onClick={() => setShown(!shown)} aria-label={shown ? "Hide the pixel key" : "Reveal the pixel key"}>
          {shown ? <EyeOff aria-hidden /> : <Eye aria-hidden />} {shown ? "Hide" : "Reveal"}
        </Button>
        <CopyButton value={pixelKey} ariaLabel="Copy the pixel key" />
        <Button variant="secondary" size="sm" disabled={regenerate.isPending} onClick={() => regenerate.mutate({ offerId })}>
          <KeyRound aria-hidden /> Regenerate
        </Button>
      </div>
      <p className="text-xs text-slate-500">Regenerating stops every page that still sends the old key at once: update your snippet right after.</p>
      {regenerate.error ? (
        <p role="alert" className="text-sm text-red-600">
          {errorMessage(regenerate.error)}
        </p>
      ) : null}
    </div>
  );
}

/** One offer's pixel: on or off, the events it may report, and the pages it may report from. */
function OfferPixelForm({ offer, base }: { offer: PixelSettings; base: string }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [saved, setSaved] = useState(false);
  const [enabled, setEnabled] = useState(offer.enabled);
  const [events, setEvents] = useState<string[]>(offer.events);
  const save = useMutation(trpc.offerPixels.save.mutationOptions({ onSuccess: () => (setSaved(true), refresh.onSuccess()) }));
  const { errors, formError, check } = useFormErrors(save.error);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSaved(false);
    const origins = (new FormData(e.currentTarget).get("allowedOrigins") ?? "").toString();
    const input = { offerId: offer.offerId, enabled, events, allowedOrigins: origins.split(/\s+/).filter(Boolean) };
    if (check(savePixelSettingsInput, input)) save.mutate(input);
  }

  const toggle = (event: string) => setEvents((cur) => (cur.includes(event) ? cur.filter((e) => e !== event) : [...cur, event]));
  const snippet = offer.key ? `<script src="${base}/api/pixel.js?key=${offer.key}"></script>` : null;

  return (
    <form onSubmit={onSubmit} className="space-y-4 border-t border-slate-100 px-6 py-5 first:border-t-0" noValidate data-testid={`pixel-${offer.offerId}`}>
      <div className="flex flex-wrap items-center gap-3">
        <h3 className="text-sm font-semibold text-slate-900">{offer.offerName}</h3>
        <Badge tone={offer.enabled ? "warning" : "neutral"}>{offer.enabled ? `On for ${offer.events.join(", ")}` : "Off"}</Badge>
      </div>
      <FormError message={formError} />
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} className="size-4 rounded border-slate-300" />
        Accept conversions from the browser pixel for this offer
      </label>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Events the pixel may report</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-2">
          {offer.eventTypes.map((event) => (
            <label key={event} className="flex items-center gap-1.5 text-sm text-slate-700">
              <input type="checkbox" checked={events.includes(event)} onChange={() => toggle(event)} className="size-4 rounded border-slate-300" />
              {event}
            </label>
          ))}
        </div>
        {errors.events ? (
          <p role="alert" className="text-sm text-red-600">
            {errors.events}
          </p>
        ) : (
          <p className="text-xs text-slate-500">Choose only what the page itself decides (a registration, a lead). Money events such as a deposit belong in a server postback.</p>
        )}
      </fieldset>
      <Field label="Your page origins" error={errors.allowedOrigins} hint="One per line, e.g. https://www.example.com. Reports whose Origin or Referer is another site are refused. Leave empty to accept any page.">
        {(p) => <Textarea {...p} name="allowedOrigins" rows={2} spellCheck={false} defaultValue={offer.allowedOrigins.join("\n")} placeholder="https://www.example.com" className="font-mono" />}
      </Field>
      {offer.key ? (
        <div className="space-y-2">
          <p className="text-sm font-medium text-slate-700">Pixel key</p>
          <PixelKey offerId={offer.offerId} pixelKey={offer.key} />
          {offer.enabled && snippet ? (
            <div className="flex items-start gap-2">
              <code className="block min-w-0 flex-1 break-all rounded bg-slate-100 px-3 py-2 text-xs text-slate-800">{snippet}</code>
              <CopyButton value={snippet} ariaLabel="Copy the pixel snippet" />
            </div>
          ) : null}
        </div>
      ) : null}
      <div className="flex items-center gap-3">
        <Button type="submit" variant="secondary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save pixel settings"}
        </Button>
        <span aria-live="polite" className="text-sm text-green-700">
          {saved ? "Saved" : ""}
        </span>
      </div>
    </form>
  );
}

/** Every offer's browser pixel in one card section; each is off until an admin turns it on. */
export function OfferPixelSettings({ offers, base }: { offers: PixelSettings[]; base: string }) {
  if (offers.length === 0) return <p className="px-6 py-5 text-sm text-slate-500">No offers yet: create an offer, then choose whether its conversions may come from a browser pixel.</p>;
  return (
    <div>
      {offers.map((o) => (
        <OfferPixelForm key={`${o.offerId}-${o.key ?? "none"}-${o.enabled}-${o.events.join()}`} offer={o} base={base} />
      ))}
    </div>
  );
}
