"use client";

import { useId } from "react";
import { Input, Label, Textarea } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";
import { fraudConfigSchema, type FraudConfig } from "@/server/fraud/rules/config";
import { REASON_CODES, type ReasonCode } from "@/server/fraud/rules/types";
import { FIELD_LABELS, RULE_LABELS } from "./labels";

type RuleValues = Record<string, number | boolean | string[]>;
const THRESHOLDS = [
  { key: "flagAt", label: "Flag at", hint: "approvable, with a warning" },
  { key: "holdAt", label: "Hold at", hint: "waits for a review" },
  { key: "rejectAt", label: "Reject at", hint: "earns nothing" },
] as const;

const num = (v: string) => (v.trim() === "" ? Number.NaN : Number(v));

/**
 * Every rule's switch, points and thresholds, and the score ladder, as one controlled form. With `base` (an
 * offer's program settings), what differs from it is marked: that is what the offer overrides.
 */
export function RuleSettings({ value, onChange, base }: { value: FraudConfig; onChange: (next: FraudConfig) => void; base?: FraudConfig }) {
  // The program form and an offer's dialog are on one page: their controls need ids of their own.
  const uid = useId();
  const setRule = (code: ReasonCode, field: string, v: number | boolean | string[]) =>
    onChange({ ...value, rules: { ...value.rules, [code]: { ...value.rules[code], [field]: v } } } as FraudConfig);
  const differs = (code: ReasonCode, field: string) => base !== undefined && JSON.stringify((base.rules[code] as RuleValues)[field]) !== JSON.stringify((value.rules[code] as RuleValues)[field]);
  const mark = (on: boolean) => (on ? "border-amber-400 ring-2 ring-amber-400/30" : undefined);

  return (
    <div className="space-y-6">
      <fieldset>
        <legend className="text-sm font-semibold text-slate-900">Actions by total score</legend>
        <div className="mt-2 grid gap-3 sm:grid-cols-3">
          {THRESHOLDS.map((t) => (
            <div key={t.key} className="space-y-1">
              <Label htmlFor={`${uid}-threshold-${t.key}`}>{t.label}</Label>
              <Input
                id={`${uid}-threshold-${t.key}`}
                type="number"
                min={1}
                value={Number.isNaN(value.actions[t.key]) ? "" : value.actions[t.key]}
                onChange={(e) => onChange({ ...value, actions: { ...value.actions, [t.key]: num(e.target.value) } })}
                className={mark(base !== undefined && base.actions[t.key] !== value.actions[t.key])}
              />
              <p className="text-xs text-slate-500">{t.hint}</p>
            </div>
          ))}
        </div>
      </fieldset>

      <fieldset>
        <legend className="text-sm font-semibold text-slate-900">Rules</legend>
        <ul className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200">
          {REASON_CODES.map((code) => {
            const rule = value.rules[code] as RuleValues;
            const params = Object.keys(rule).filter((k) => k !== "enabled" && k !== "score");
            return (
              <li key={code} className={cn("grid gap-3 px-3 py-3 sm:grid-cols-[minmax(0,16rem)_5.5rem_minmax(0,1fr)] sm:items-start", !rule.enabled && "bg-slate-50/70")} data-testid={`rule-${code}`}>
                <label className="flex items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    className={cn("mt-0.5 size-4 rounded border-slate-300", mark(differs(code, "enabled")))}
                    checked={rule.enabled as boolean}
                    onChange={(e) => setRule(code, "enabled", e.target.checked)}
                  />
                  <span>
                    <span className="font-medium text-slate-900">{RULE_LABELS[code]}</span>
                    <span className="block font-mono text-[11px] text-slate-400">{code}</span>
                  </span>
                </label>
                <div className="space-y-1">
                  <Label htmlFor={`${uid}-${code}-score`} className="text-xs text-slate-500">
                    Points
                  </Label>
                  <Input id={`${uid}-${code}-score`} type="number" min={0} value={Number.isNaN(rule.score) ? "" : (rule.score as number)} onChange={(e) => setRule(code, "score", num(e.target.value))} className={mark(differs(code, "score"))} />
                </div>
                <div className="grid gap-2 sm:grid-cols-2">
                  {params.map((field) => {
                    const v = rule[field];
                    const id = `${uid}-${code}-${field}`;
                    if (typeof v === "boolean") {
                      return (
                        <label key={field} className="flex items-center gap-2 pt-5 text-sm text-slate-700">
                          <input id={id} type="checkbox" className={cn("size-4 rounded border-slate-300", mark(differs(code, field)))} checked={v} onChange={(e) => setRule(code, field, e.target.checked)} />
                          {FIELD_LABELS[field] ?? field}
                        </label>
                      );
                    }
                    return (
                      <div key={field} className={cn("space-y-1", Array.isArray(v) && "sm:col-span-2")}>
                        <Label htmlFor={id} className="text-xs text-slate-500">
                          {FIELD_LABELS[field] ?? field}
                        </Label>
                        {Array.isArray(v) ? (
                          <Textarea
                            id={id}
                            rows={2}
                            spellCheck={false}
                            className={cn("min-h-14 font-mono text-xs", mark(differs(code, field)))}
                            value={v.join("\n")}
                            onChange={(e) => setRule(code, field, e.target.value.split("\n").map((s) => s.trim()).filter(Boolean))}
                          />
                        ) : (
                          <Input id={id} type="number" min={0} step="any" value={Number.isNaN(v) ? "" : v} onChange={(e) => setRule(code, field, num(e.target.value))} className={mark(differs(code, field))} />
                        )}
                      </div>
                    );
                  })}
                </div>
              </li>
            );
          })}
        </ul>
      </fieldset>
    </div>
  );
}

/** The config's first problem, named the way the form labels it: "Click spamming, From clicks: Too small". */
export function configProblem(config: FraudConfig): string | null {
  const parsed = fraudConfigSchema.safeParse(config);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  if (!issue) return null;
  const [section, code, field] = issue.path.map(String);
  const where =
    section === "rules" && code
      ? [RULE_LABELS[code as ReasonCode] ?? code, field === "score" ? "Points" : field ? (FIELD_LABELS[field] ?? field) : null].filter(Boolean).join(", ")
      : THRESHOLDS.find((t) => t.key === code)?.label ?? "Thresholds";
  return `${where}: ${issue.message}`;
}
