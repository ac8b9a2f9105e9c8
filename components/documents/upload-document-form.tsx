"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { DOCUMENT_LABELS } from "./labels";

type Choice = { type: keyof typeof DOCUMENT_LABELS; label: string; expires: boolean };

/** Uploads one document to /api/documents (a multipart POST: tRPC carries JSON). Refusals name their field. */
export function UploadDocumentForm({ choices }: { choices: Choice[] }) {
  const router = useRouter();
  const [type, setType] = useState<string>(choices[0]?.type ?? "identity");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);
  const needsExpiry = choices.find((c) => c.type === type)?.expires ?? false;
  const others = (Object.keys(DOCUMENT_LABELS) as Choice["type"][]).filter((t) => t !== "vat_number" && !choices.some((c) => c.type === t));
  return (
    <form
      className="grid gap-4 sm:grid-cols-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const form = e.currentTarget;
        setErrors({});
        setFormError(null);
        setDone(false);
        const file = (form.elements.namedItem("file") as HTMLInputElement).files?.[0];
        if (!file) return setErrors({ file: "Choose a file" });
        if (file.size > 10 * 1024 * 1024) return setErrors({ file: "The file is larger than 10 MB" });
        setPending(true);
        try {
          const res = await fetch("/api/documents", { method: "POST", body: new FormData(form) });
          if (res.ok) {
            form.reset();
            setDone(true);
            router.refresh();
            return;
          }
          const body = (await res.json().catch(() => ({}))) as { error?: string; message?: string; fieldErrors?: Record<string, string[]> | null };
          const fields = Object.fromEntries(Object.entries(body.fieldErrors ?? {}).map(([k, v]) => [k, v[0] ?? ""]));
          setErrors(fields);
          if (Object.keys(fields).length === 0) setFormError(body.error ?? body.message ?? `Upload failed (${res.status})`);
        } finally {
          setPending(false);
        }
      }}
    >
      <Field label="Document" error={errors.type}>
        {(p) => (
          <Select {...p} name="type" value={type} onChange={(e) => setType(e.target.value)}>
            {choices.map((c) => (
              <option key={c.type} value={c.type}>
                {c.label}
              </option>
            ))}
            {others.map((t) => (
              <option key={t} value={t}>
                {DOCUMENT_LABELS[t]}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="File" hint="PDF, PNG or JPEG, up to 10 MB" error={errors.file}>
        {(p) => <Input {...p} name="file" type="file" accept="application/pdf,image/png,image/jpeg" className="py-1.5" />}
      </Field>
      <Field label={needsExpiry ? "Expires on" : "Expires on (if it does)"} error={errors.expiresAt}>
        {(p) => <Input {...p} name="expiresAt" type="date" required={needsExpiry} />}
      </Field>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Uploading…" : "Upload"}
        </Button>
        {done ? <span className="text-sm text-emerald-700">Uploaded. The program team will review it.</span> : null}
        {formError ? (
          <span role="alert" className="text-sm text-red-600">
            {formError}
          </span>
        ) : null}
      </div>
    </form>
  );
}
