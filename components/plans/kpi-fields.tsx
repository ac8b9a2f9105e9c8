"use client";

import { Field, Input, Select } from "@/components/ui/field";
import { KPI_RULES, kpiRuleIndex, type KpiDraft, type KpiRuleId, type TermsDraft } from "./terms-draft";

type Props = {
  d: TermsDraft;
  set: <K extends keyof TermsDraft>(key: K, patch: Partial<TermsDraft[K]>) => void;
  err: (path: string) => string | undefined;
  cur: string;
};

/** The KPI deal: what it pays when met, and each rule switched on with its own checkbox. */
export function KpiFields({ d, set, err, cur }: Props) {
  const k = d.kpi;
  const rule = <R extends KpiRuleId>(id: R, patch: Partial<KpiDraft[R]>) => set("kpi", { [id]: { ...k[id], ...patch } } as Partial<KpiDraft>);
  const at = (id: KpiRuleId, field: string) => err(`components.kpi.rules.${kpiRuleIndex(k, id)}.${field}`);
  const toggle = (id: KpiRuleId, label: string) => (
    <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
      <input type="checkbox" checked={k[id].on} onChange={(e) => rule(id, { on: e.target.checked } as Partial<KpiDraft[typeof id]>)} className="size-4 rounded border-slate-300" />
      {label}
    </label>
  );
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="When the KPI is met" error={err("components.kpi.effect")} hint="Measured per calendar month (UTC) over the partner's FTDs">
          {(p) => (
            <Select {...p} value={k.effect} onChange={(e) => set("kpi", { effect: e.target.value as KpiDraft["effect"] })}>
              <option value="cpa">Pay the FTD CPA (withheld until then)</option>
              <option value="bonus">Pay a bonus for the month</option>
            </Select>
          )}
        </Field>
        {k.effect === "bonus" ? (
          <Field label={`Bonus (${cur})`} error={err("components.kpi.bonusAmount")}>
            {(p) => <Input {...p} value={k.bonus} onChange={(e) => set("kpi", { bonus: e.target.value })} inputMode="decimal" placeholder="1000.00" />}
          </Field>
        ) : null}
      </div>
      {err("components.kpi.rules") && KPI_NONE(k) ? <p className="text-sm text-red-600">{err("components.kpi.rules")}</p> : null}
      <div className="space-y-2">
        {toggle("repeat", "Repeat-deposit rate")}
        {k.repeat.on ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="At least (% of FTDs)" error={at("repeat", "minBp")}>
              {(p) => <Input {...p} value={k.repeat.rate} onChange={(e) => rule("repeat", { rate: e.target.value })} inputMode="decimal" placeholder="60" />}
            </Field>
            <Field label="Deposit again within (days)" error={at("repeat", "withinDays")}>
              {(p) => <Input {...p} value={k.repeat.days} onChange={(e) => rule("repeat", { days: e.target.value })} inputMode="numeric" placeholder="30" />}
            </Field>
          </div>
        ) : null}
      </div>
      <div className="space-y-2">
        {toggle("avgDeposit", "Average first deposit")}
        {k.avgDeposit.on ? (
          <Field label={`At least (${cur})`} error={at("avgDeposit", "minAmount")}>
            {(p) => <Input {...p} value={k.avgDeposit.amount} onChange={(e) => rule("avgDeposit", { amount: e.target.value })} inputMode="decimal" placeholder="50.00" />}
          </Field>
        ) : null}
      </div>
      <div className="space-y-2">
        {toggle("median", "Median first deposit")}
        {k.median.on ? (
          <Field label={`At least (${cur})`} error={at("median", "minAmount")}>
            {(p) => <Input {...p} value={k.median.amount} onChange={(e) => rule("median", { amount: e.target.value })} inputMode="decimal" placeholder="50.00" />}
          </Field>
        ) : null}
      </div>
      <div className="space-y-2">
        {toggle("qualified", "Qualified FTDs (neither refunded nor rejected)")}
        {k.qualified.on ? (
          <Field label="At least" error={at("qualified", "min")}>
            {(p) => <Input {...p} value={k.qualified.min} onChange={(e) => rule("qualified", { min: e.target.value })} inputMode="numeric" placeholder="20" />}
          </Field>
        ) : null}
      </div>
      <div className="space-y-2">
        {toggle("refund", "Refund rate")}
        {k.refund.on ? (
          <Field label="At most (% of FTDs)" error={at("refund", "maxBp")}>
            {(p) => <Input {...p} value={k.refund.rate} onChange={(e) => rule("refund", { rate: e.target.value })} inputMode="decimal" placeholder="10" />}
          </Field>
        ) : null}
      </div>
      <div className="space-y-2">
        {toggle("ngr", "NGR per player (the month's NGR of the FTDs' customers, per qualified FTD)")}
        {k.ngr.on ? (
          <Field label={`At least (${cur})`} error={at("ngr", "minAmount")}>
            {(p) => <Input {...p} value={k.ngr.amount} onChange={(e) => rule("ngr", { amount: e.target.value })} inputMode="decimal" placeholder="100.00" />}
          </Field>
        ) : null}
      </div>
      <div className="space-y-2">
        {toggle("lotsPerTrader", "Lots per trader (lots traded in the month, per qualified FTD)")}
        {k.lotsPerTrader.on ? (
          <Field label="At least (lots)" error={at("lotsPerTrader", "minLots")}>
            {(p) => <Input {...p} value={k.lotsPerTrader.lots} onChange={(e) => rule("lotsPerTrader", { lots: e.target.value })} inputMode="decimal" placeholder="2.5" />}
          </Field>
        ) : null}
      </div>
    </div>
  );
}

const KPI_NONE = (k: KpiDraft) => KPI_RULES.every((id) => !k[id].on);
