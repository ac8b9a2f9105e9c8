"use client";

import { useMutation } from "@tanstack/react-query";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { DOCUMENT_LABELS } from "./labels";

type Type = keyof typeof DOCUMENT_LABELS;

/** Adds a requirement: a document type, who must give it (all, only or except some countries), and whether payouts wait. */
export function RequirementForm() {
  const trpc = useTRPC();
  const save = useMutation(trpc.documents.saveRequirement.mutationOptions(useRefreshOnSuccess()));
  const errors = fieldErrors(save.error);
  return (
    <form
      className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const f = new FormData(form);
        const type = String(f.get("type")) as Type;
        save.mutate(
          {
            type,
            label: String(f.get("label") ?? "") || DOCUMENT_LABELS[type],
            scope: String(f.get("scope")) as "all" | "only" | "except",
            countries: String(f.get("countries") ?? "").split(/[\s,]+/).filter(Boolean),
            blocksPayouts: f.get("blocksPayouts") === "on",
            expires: f.get("expires") === "on",
          },
          { onSuccess: () => form.reset() },
        );
      }}
    >
      <Field label="Document" error={errors.type}>
        {(p) => (
          <Select {...p} name="type" defaultValue="identity">
            {(Object.keys(DOCUMENT_LABELS) as Type[]).map((t) => (
              <option key={t} value={t}>
                {DOCUMENT_LABELS[t]}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Label partners see" hint="Blank: the document's name" error={errors.label}>{(p) => <Input {...p} name="label" maxLength={80} />}</Field>
      <Field label="Who" error={errors.scope}>
        {(p) => (
          <Select {...p} name="scope" defaultValue="all">
            <option value="all">Every partner</option>
            <option value="only">Partners in these countries</option>
            <option value="except">Partners outside these countries</option>
          </Select>
        )}
      </Field>
      <Field label="Countries" hint="e.g. US, or DE FR IT" error={errors.countries}>{(p) => <Input {...p} name="countries" placeholder="US" />}</Field>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" name="blocksPayouts" defaultChecked className="size-4 rounded border-slate-300" /> Hold payouts until approved
      </label>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" name="expires" className="size-4 rounded border-slate-300" /> Has an expiry date
      </label>
      <div className="flex items-center gap-3 sm:col-span-2">
        <Button type="submit" disabled={save.isPending}>
          Add requirement
        </Button>
        {save.error && !Object.keys(errors).length ? <span className="text-sm text-red-600">{errorMessage(save.error)}</span> : null}
      </div>
    </form>
  );
}

export function ArchiveRequirementButton({ id, label }: { id: string; label: string }) {
  const trpc = useTRPC();
  const archive = useMutation(trpc.documents.archiveRequirement.mutationOptions(useRefreshOnSuccess()));
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button size="sm" variant="secondary" disabled={archive.isPending} onClick={() => archive.mutate({ id })} aria-label={`Stop asking for ${label}`}>
        Stop asking
      </Button>
      {archive.error ? <span className="text-xs text-red-600">{errorMessage(archive.error)}</span> : null}
    </span>
  );
}
