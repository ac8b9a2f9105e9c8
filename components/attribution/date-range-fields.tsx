"use client";

import { Field, Input } from "@/components/ui/field";

/** The period of a simulation or re-attribution: two date inputs (whole UTC days) with their field errors. */
export function DateRangeFields(p: { from: string; to: string; onFrom: (v: string) => void; onTo: (v: string) => void; errors: { from?: string; to?: string } }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:max-w-md">
      <Field label="From" error={p.errors.from}>
        {(f) => <Input {...f} type="date" value={p.from} onChange={(e) => p.onFrom(e.target.value)} />}
      </Field>
      <Field label="To" error={p.errors.to}>
        {(f) => <Input {...f} type="date" value={p.to} onChange={(e) => p.onTo(e.target.value)} />}
      </Field>
    </div>
  );
}
