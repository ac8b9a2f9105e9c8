"use client";

import { useId } from "react";
import type { StoredModel } from "@/db/schema";
import { Field, Input, Select } from "@/components/ui/field";
import { MODELS, type ModelName } from "./models";

/** What the form holds: parameters as typed (strings), shares as percentages. "default" follows the program. */
export type ModelDraft = { model: ModelName | "default"; halfLifeDays: string; firstPct: string; lastPct: string };

const pct = (fraction: number) => String(Math.round(fraction * 1000) / 10);

export function draftOf(m: StoredModel | null): ModelDraft {
  return {
    model: m?.model ?? "default",
    halfLifeDays: m?.model === "time_decay" ? String(m.halfLifeDays) : "7",
    firstPct: m?.model === "position_based" ? pct(m.firstShare) : "40",
    lastPct: m?.model === "position_based" ? pct(m.lastShare) : "40",
  };
}

/** Empty or malformed numbers become NaN, which the shared schema refuses with its own message. */
const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));

export function modelOf(d: ModelDraft): StoredModel | null {
  switch (d.model) {
    case "default":
      return null;
    case "time_decay":
      return { model: "time_decay", halfLifeDays: num(d.halfLifeDays) };
    case "position_based":
      // Entered as percentages, stored as fractions.
      return { model: "position_based", firstShare: num(d.firstPct) / 100, lastShare: num(d.lastPct) / 100 };
    default:
      return { model: d.model };
  }
}

/** The model select and the parameters of the chosen model; `error` is the server's message for the model. */
export function ModelFields({
  label,
  value,
  onChange,
  error,
  defaultOption,
}: {
  label: string;
  value: ModelDraft;
  onChange: (next: ModelDraft) => void;
  error?: string | null;
  /** Offers may follow the program: the label of that choice, e.g. "Program default (Linear)". */
  defaultOption?: string;
}) {
  const sharesNote = useId();
  const set = (patch: Partial<ModelDraft>) => onChange({ ...value, ...patch });
  const description = MODELS.find((m) => m.value === value.model)?.description;
  const hasParams = value.model === "time_decay" || value.model === "position_based";
  return (
    <div className="space-y-4">
      <Field label={label} error={hasParams ? null : error} hint={description}>
        {(p) => (
          <Select {...p} value={value.model} onChange={(e) => set({ model: e.target.value as ModelDraft["model"] })}>
            {defaultOption ? <option value="default">{defaultOption}</option> : null}
            {MODELS.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      {value.model === "time_decay" ? (
        <Field label="Half-life (days)" error={error} hint="0.1 to 365 days. A click this long before the last click counts half as much.">
          {(p) => <Input {...p} type="number" inputMode="decimal" min={0.1} max={365} step="any" value={value.halfLifeDays} onChange={(e) => set({ halfLifeDays: e.target.value })} className="w-32" />}
        </Field>
      ) : null}
      {value.model === "position_based" ? (
        <div className="space-y-1.5">
          <div className="grid grid-cols-2 gap-4 sm:max-w-xs">
            <Field label="First click (%)">
              {(p) => <Input {...p} aria-invalid={Boolean(error)} aria-describedby={sharesNote} type="number" inputMode="decimal" min={0} max={100} step="any" value={value.firstPct} onChange={(e) => set({ firstPct: e.target.value })} />}
            </Field>
            <Field label="Last click (%)">
              {(p) => <Input {...p} aria-invalid={Boolean(error)} aria-describedby={sharesNote} type="number" inputMode="decimal" min={0} max={100} step="any" value={value.lastPct} onChange={(e) => set({ lastPct: e.target.value })} />}
            </Field>
          </div>
          {error ? (
            <p id={sharesNote} className="text-sm text-red-600" role="alert">
              {error}
            </p>
          ) : (
            <p id={sharesNote} className="text-sm text-slate-500">Together at most 100%. The rest is shared by the clicks in between; with two clicks, the two shares are scaled to 100%.</p>
          )}
        </div>
      ) : null}
    </div>
  );
}
