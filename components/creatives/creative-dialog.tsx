"use client";

import { useMutation } from "@tanstack/react-query";
import { Pencil, Plus } from "lucide-react";
import { useState } from "react";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { FormError, useFormErrors } from "@/components/forms/use-form-errors";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { DialogFormActions } from "@/components/ui/dialog-form-actions";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { MAX_FILE_BYTES } from "@/server/creatives/limits";
import { createCreativeInput, updateCreativeInput } from "@/server/creatives/schemas";
import { KIND_LABELS, readFileBase64, type CreativeKindValue } from "./read-file";

type Option = { id: string; name: string };
export type EditableCreative = {
  id: string;
  offerId: string;
  kind: CreativeKindValue;
  name: string;
  language: string | null;
  tags: string[];
  body: string | null;
  subject: string | null;
  altText: string | null;
  startsAt: Date | null;
  endsAt: Date | null;
  groups: Option[];
};

const day = (d: Date | null, shift = 0) => (d ? new Date(d.getTime() + shift).toISOString().slice(0, 10) : "");

/** "New creative" and "Edit": one form; a banner's file is read in the browser and checked again by its bytes on the server. */
export function CreativeDialog({ offers, groups, creative }: { offers: Option[]; groups: Option[]; creative?: EditableCreative }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<CreativeKindValue>(creative?.kind ?? "image");
  const [reading, setReading] = useState(false);
  const done = { onSuccess: () => (setOpen(false), refresh.onSuccess()) };
  const create = useMutation(trpc.creatives.create.mutationOptions(done));
  const update = useMutation(trpc.creatives.update.mutationOptions(done));
  const active = creative ? update : create;
  const { errors, formError, check, reset } = useFormErrors(active.error);

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      reset();
      create.reset();
      update.reset();
    }
  }

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? "";
    const chosen = (form.elements.namedItem("file") as HTMLInputElement | null)?.files?.[0];
    setReading(true);
    const file = chosen ? { name: chosen.name, data: chosen.size > MAX_FILE_BYTES * 2 ? "" : await readFileBase64(chosen) } : undefined;
    setReading(false);
    const fields = {
      name: value("name"),
      language: value("language"),
      tags: value("tags"),
      body: value("body"),
      subject: value("subject"),
      altText: value("altText"),
      startsOn: value("startsOn"),
      endsOn: value("endsOn"),
      groupIds: Array.from(form.querySelectorAll<HTMLInputElement>("input[name=groupIds]:checked")).map((i) => i.value),
      file,
    };
    if (creative) {
      const input = { creativeId: creative.id, ...fields };
      if (check(updateCreativeInput, input)) update.mutate(updateCreativeInput.parse(input));
    } else {
      const input = { offerId: value("offerId"), kind, ...fields };
      if (check(createCreativeInput, input)) create.mutate(createCreativeInput.parse(input));
    }
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        {creative ? (
          <Button size="sm" variant="secondary" aria-label={`Edit ${creative.name}`}>
            <Pencil aria-hidden /> Edit
          </Button>
        ) : (
          <Button>
            <Plus aria-hidden /> New creative
          </Button>
        )}
      </DialogTrigger>
      <DialogContent title={creative ? `Edit ${creative.name}` : "New creative"} description="Partners see it in their library with their own tracking link filled in." size="lg">
        {offers.length === 0 ? (
          <p className="text-sm text-slate-600">Create an offer first: every creative belongs to one.</p>
        ) : (
          <form onSubmit={onSubmit} className="space-y-4" noValidate>
            <FormError message={formError} />
            {creative ? null : (
              <div className="grid gap-4 sm:grid-cols-2">
                <Field label="Offer" error={errors.offerId}>
                  {(p) => (
                    <Select {...p} name="offerId" defaultValue={offers.length === 1 ? offers[0]?.id : ""}>
                      <option value="" disabled>
                        Select an offer
                      </option>
                      {offers.map((o) => (
                        <option key={o.id} value={o.id}>
                          {o.name}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
                <Field label="Kind" error={errors.kind}>
                  {(p) => (
                    <Select {...p} name="kind" value={kind} onChange={(e) => setKind(e.target.value as CreativeKindValue)}>
                      {Object.entries(KIND_LABELS).map(([v, l]) => (
                        <option key={v} value={v}>
                          {l}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
              </div>
            )}
            <Field label="Name" error={errors.name}>
              {(p) => <Input {...p} name="name" maxLength={120} defaultValue={creative?.name} placeholder="Leaderboard 728×90, spring promo" />}
            </Field>
            {kind === "image" ? (
              <>
                <Field label={creative ? "Replace the file (optional)" : "Image file"} error={errors.file} hint={`PNG, JPEG, GIF or WebP, up to ${MAX_FILE_BYTES / 1024} KB and 5000 px a side. SVG is not accepted.`}>
                  {(p) => <Input {...p} name="file" type="file" accept="image/png,image/jpeg,image/gif,image/webp" className="h-auto py-1.5" />}
                </Field>
                <Field label="Alt text" error={errors.altText} hint="Read by screen readers; shown when the image cannot load.">
                  {(p) => <Input {...p} name="altText" maxLength={200} defaultValue={creative?.altText ?? ""} />}
                </Field>
              </>
            ) : null}
            {kind === "email" ? (
              <Field label="Subject" error={errors.subject}>
                {(p) => <Input {...p} name="subject" maxLength={200} defaultValue={creative?.subject ?? ""} />}
              </Field>
            ) : null}
            {kind !== "image" ? (
              <Field
                label={kind === "text_link" ? "Link text" : kind === "html" ? "HTML snippet" : "E-mail text"}
                error={errors.body}
                hint={kind === "text_link" ? "The words that link to the offer." : "Write {link} where the partner's tracking link goes. Shown to partners as code, never rendered here."}
              >
                {(p) => <Textarea {...p} name="body" rows={kind === "text_link" ? 2 : 6} defaultValue={creative?.body ?? ""} className="font-mono text-xs" spellCheck={kind !== "html"} />}
              </Field>
            ) : null}
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Language (optional)" error={errors.language} hint="e.g. en, de, pt-BR">
                {(p) => <Input {...p} name="language" maxLength={8} defaultValue={creative?.language ?? ""} />}
              </Field>
              <Field label="Tags (optional)" error={errors.tags} hint="Comma-separated, e.g. sports, welcome">
                {(p) => <Input {...p} name="tags" defaultValue={creative?.tags.join(", ") ?? ""} />}
              </Field>
              <Field label="Shown from (optional)" error={errors.startsOn}>
                {(p) => <Input {...p} name="startsOn" type="date" defaultValue={day(creative?.startsAt ?? null)} />}
              </Field>
              <Field label="Shown until (optional)" error={errors.endsOn} hint="Inclusive, in UTC.">
                {(p) => <Input {...p} name="endsOn" type="date" defaultValue={day(creative?.endsAt ?? null, -86_400_000)} />}
              </Field>
            </div>
            {groups.length ? (
              <fieldset className="space-y-2">
                <legend className="text-sm font-medium text-slate-700">Visible to</legend>
                <p className="text-sm text-slate-500">Leave all unticked to show it to every partner who sees the offer.</p>
                <div className="flex flex-wrap gap-x-4 gap-y-2">
                  {groups.map((g) => (
                    <label key={g.id} className="flex items-center gap-2 text-sm">
                      <input type="checkbox" name="groupIds" value={g.id} defaultChecked={creative?.groups.some((x) => x.id === g.id)} className="size-4 rounded border-slate-300" />
                      {g.name}
                    </label>
                  ))}
                </div>
                {errors.groupIds ? <p className="text-sm text-red-600">{errors.groupIds}</p> : null}
              </fieldset>
            ) : null}
            <DialogFormActions label={creative ? "Save" : "Create creative"} pendingLabel={reading ? "Reading file…" : "Saving…"} pending={active.isPending || reading} />
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
