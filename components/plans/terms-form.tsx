"use client";

import { Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { KpiFields } from "./kpi-fields";
import { errorAt, type PathErrors, type TermsDraft } from "./terms-draft";

type Props = { value: TermsDraft; onChange: (next: TermsDraft) => void; errors: PathErrors };

/** The common plan components, each switched on with its checkbox. Money in the plan's currency, rates in percent. */
export function TermsForm({ value: d, onChange, errors }: Props) {
  const set = <K extends keyof TermsDraft>(key: K, patch: Partial<TermsDraft[K]>) => onChange({ ...d, [key]: { ...(d[key] as object), ...patch } });
  const err = (path: string) => errorAt(errors, path);
  const cur = d.currency.trim().toUpperCase() || "the plan's currency";
  return (
    <div className="space-y-3">
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Currency" error={err("currency")} hint="ISO code, e.g. USD">
          {(p) => <Input {...p} value={d.currency} onChange={(e) => onChange({ ...d, currency: e.target.value.toUpperCase() })} maxLength={3} autoComplete="off" spellCheck={false} className="font-mono uppercase" />}
        </Field>
      </div>
      {err("components") && !Object.keys(errors).some((k) => k.startsWith("components.")) ? (
        <p role="alert" className="text-sm text-red-600">
          {err("components")}
        </p>
      ) : null}

      <Section title="CPA" hint="A fixed amount per qualifying event" on={d.cpa.on} onToggle={(on) => set("cpa", { on })}>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="CPA event" error={err("components.cpa.event")} hint="e.g. ftd, lead (CPL)">
            {(p) => <Input {...p} value={d.cpa.event} onChange={(e) => set("cpa", { event: e.target.value })} spellCheck={false} />}
          </Field>
          <Field label={`CPA amount (${cur})`} error={err("components.cpa.amount")}>
            {(p) => <Input {...p} value={d.cpa.amount} onChange={(e) => set("cpa", { amount: e.target.value })} inputMode="decimal" placeholder="200.00" />}
          </Field>
        </div>
      </Section>

      <Section title="Revenue share" hint="A percentage of each event's amount" on={d.revshare.on} onToggle={(on) => set("revshare", { on })}>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label="Revshare events" error={err("components.revshare.events")} hint="Comma separated">
            {(p) => <Input {...p} value={d.revshare.events} onChange={(e) => set("revshare", { events: e.target.value })} spellCheck={false} placeholder="deposit, sale" />}
          </Field>
          <Field label="Revshare rate (%)" error={err("components.revshare.rateBp")}>
            {(p) => <Input {...p} value={d.revshare.rate} onChange={(e) => set("revshare", { rate: e.target.value })} inputMode="decimal" placeholder="25" />}
          </Field>
          <Field label="Recurring months" error={err("components.revshare.recurringMonths")} hint="Empty: the customer's lifetime">
            {(p) => <Input {...p} value={d.revshare.months} onChange={(e) => set("revshare", { months: e.target.value })} inputMode="numeric" placeholder="12" />}
          </Field>
        </div>
      </Section>

      <Section title="NGR revenue share" hint="Settled monthly on net gaming revenue" on={d.ngr.on} onToggle={(on) => set("ngr", { on })}>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="NGR rate (%)" error={err("components.ngr.rateBp")}>
            {(p) => <Input {...p} value={d.ngr.rate} onChange={(e) => set("ngr", { rate: e.target.value })} inputMode="decimal" placeholder="30" />}
          </Field>
          <Field label="Negative NGR" error={err("components.ngr.carryover")}>
            {(p) => (
              <Select {...p} value={d.ngr.carryover} onChange={(e) => set("ngr", { carryover: e.target.value as TermsDraft["ngr"]["carryover"] })}>
                <option value="carry_forward">Carried forward to next months</option>
                <option value="reset_monthly">Reset every month</option>
                <option value="none">Not netted (counts as 0)</option>
              </Select>
            )}
          </Field>
        </div>
      </Section>

      <Section title="Tiers" hint="The month's volume picks the CPA amount or the rate" on={d.tiers.on} onToggle={(on) => set("tiers", { on })}>
        <TiersFields d={d} set={set} err={err} cur={cur} />
      </Section>

      <Section title="Lots (forex IB)" hint="A rebate per traded lot, by instrument group" on={d.lots.on} onToggle={(on) => set("lots", { on })}>
        <LotsFields d={d} set={set} err={err} cur={cur} />
      </Section>

      <Section title="KPI deal" hint="Pay only when the month's traffic meets quality targets; settled when the month closes" on={d.kpi.on} onToggle={(on) => set("kpi", { on })}>
        <KpiFields d={d} set={set} err={err} cur={cur} />
      </Section>

      <Section title="Multi-tier overrides" hint="A share of sub-partners' commissions for their uplines" on={d.multiTier.on} onToggle={(on) => set("multiTier", { on })}>
        <div className="space-y-2">
          {d.multiTier.levels.map((l, i) => (
            <div key={i} className="flex items-end gap-2">
              <div className="flex-1">
                <Field label={`Level ${i + 1} (%)`} error={err(`components.multiTier.levels.${i}`)} hint={i === 0 ? "Paid to the partner's parent" : undefined}>
                  {(p) => <Input {...p} value={l} onChange={(e) => set("multiTier", { levels: d.multiTier.levels.map((x, j) => (j === i ? e.target.value : x)) })} inputMode="decimal" />}
                </Field>
              </div>
              <RemoveButton label={`Remove level ${i + 1}`} disabled={d.multiTier.levels.length === 1} onClick={() => set("multiTier", { levels: d.multiTier.levels.filter((_, j) => j !== i) })} />
            </div>
          ))}
          {err("components.multiTier.levels") && !d.multiTier.levels.some((_, i) => errors[`components.multiTier.levels.${i}`]) ? <p className="text-sm text-red-600">{err("components.multiTier.levels")}</p> : null}
          <AddButton label="Add level" disabled={d.multiTier.levels.length >= 5} onClick={() => set("multiTier", { levels: [...d.multiTier.levels, ""] })} />
        </div>
      </Section>
    </div>
  );
}

type SectionProps = { d: TermsDraft; set: <K extends keyof TermsDraft>(key: K, patch: Partial<TermsDraft[K]>) => void; err: (path: string) => string | undefined; cur: string };

function TiersFields({ d, set, err, cur }: SectionProps) {
  const t = d.tiers;
  const rows = (next: TermsDraft["tiers"]["rows"]) => set("tiers", { rows: next });
  const bound = t.metric === "amount_sum" ? ` (${cur})` : "";
  const valueLabel = t.appliesTo === "cpa" ? `Amount (${cur})` : "Rate (%)";
  return (
    <div className="space-y-3">
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Volume measured by" error={err("components.tiers.metric")}>
          {(p) => (
            <Select {...p} value={t.metric} onChange={(e) => set("tiers", { metric: e.target.value as TermsDraft["tiers"]["metric"] })}>
              <option value="ftd_count">FTDs a month</option>
              <option value="event_count">Events a month</option>
              <option value="amount_sum">Amount a month</option>
            </Select>
          )}
        </Field>
        <Field label="Counted event" error={err("components.tiers.event")}>
          {(p) => <Input {...p} value={t.event} onChange={(e) => set("tiers", { event: e.target.value })} spellCheck={false} />}
        </Field>
        <Field label="Tiers set" error={err("components.tiers.appliesTo")}>
          {(p) => (
            <Select {...p} value={t.appliesTo} onChange={(e) => set("tiers", { appliesTo: e.target.value as TermsDraft["tiers"]["appliesTo"] })}>
              <option value="cpa">CPA amount</option>
              <option value="revshare">Revshare rate</option>
              <option value="ngr">NGR rate</option>
            </Select>
          )}
        </Field>
      </div>
      <div className="space-y-2" role="group" aria-label="Tier rows">
        {t.rows.map((r, i) => {
          const base = `components.tiers.tiers.${i}`;
          const patch = (p: Partial<typeof r>) => rows(t.rows.map((x, j) => (j === i ? { ...x, ...p } : x)));
          return (
            <div key={i} className="grid grid-cols-[1fr_1fr_1fr_auto] items-start gap-2" data-testid="tier-row">
              <Field label={`Tier ${i + 1} from${bound}`} error={err(`${base}.from`)}>
                {(p) => <Input {...p} value={r.from} onChange={(e) => patch({ from: e.target.value })} inputMode="decimal" />}
              </Field>
              <Field label={`To${bound}`} error={err(`${base}.to`)} hint={i === t.rows.length - 1 ? "Empty: no end" : undefined}>
                {(p) => <Input {...p} value={r.to} onChange={(e) => patch({ to: e.target.value })} inputMode="decimal" placeholder="and up" />}
              </Field>
              <Field label={valueLabel} error={err(`${base}.${t.appliesTo === "cpa" ? "amount" : "rateBp"}`)}>
                {(p) => <Input {...p} value={r.value} onChange={(e) => patch({ value: e.target.value })} inputMode="decimal" />}
              </Field>
              <div className="pt-6">
                <RemoveButton label={`Remove tier ${i + 1}`} disabled={t.rows.length === 1} onClick={() => rows(t.rows.filter((_, j) => j !== i))} />
              </div>
            </div>
          );
        })}
      </div>
      <AddButton
        label="Add tier"
        disabled={t.rows.length >= 20}
        onClick={() => {
          const last = t.rows[t.rows.length - 1];
          const next = last && /^\d+$/.test(last.to.trim()) ? String(Number(last.to) + 1) : "";
          rows([...t.rows, { from: next, to: "", value: "" }]);
        }}
      />
    </div>
  );
}

function LotsFields({ d, set, err, cur }: SectionProps) {
  const l = d.lots;
  const groups = (next: TermsDraft["lots"]["groups"]) => set("lots", { groups: next });
  return (
    <div className="space-y-3">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Lots event" error={err("components.lots.event")}>
          {(p) => <Input {...p} value={l.event} onChange={(e) => set("lots", { event: e.target.value })} spellCheck={false} />}
        </Field>
        <Field label={`Other instruments, per lot (${cur})`} error={err("components.lots.defaultRatePerLot")} hint="Empty: instruments in no group earn nothing">
          {(p) => <Input {...p} value={l.defaultRate} onChange={(e) => set("lots", { defaultRate: e.target.value })} inputMode="decimal" />}
        </Field>
      </div>
      {err("components.lots.groups") && !l.groups.some((_, i) => err(`components.lots.groups.${i}`)) ? <p className="text-sm text-red-600">{err("components.lots.groups")}</p> : null}
      {l.groups.map((g, i) => {
        const base = `components.lots.groups.${i}`;
        const patch = (p: Partial<typeof g>) => groups(l.groups.map((x, j) => (j === i ? { ...x, ...p } : x)));
        return (
          <div key={i} className="grid grid-cols-[1fr_2fr_1fr_auto] items-start gap-2" data-testid="lot-group">
            <Field label="Group" error={err(`${base}.name`)}>
              {(p) => <Input {...p} value={g.name} onChange={(e) => patch({ name: e.target.value })} />}
            </Field>
            <Field label="Instruments" error={err(`${base}.instruments`)}>
              {(p) => <Input {...p} value={g.instruments} onChange={(e) => patch({ instruments: e.target.value })} spellCheck={false} className="font-mono uppercase" placeholder="EURUSD, GBPUSD" />}
            </Field>
            <Field label={`Per lot (${cur})`} error={err(`${base}.ratePerLot`)}>
              {(p) => <Input {...p} value={g.rate} onChange={(e) => patch({ rate: e.target.value })} inputMode="decimal" />}
            </Field>
            <div className="pt-6">
              <RemoveButton label={`Remove group ${g.name || i + 1}`} onClick={() => groups(l.groups.filter((_, j) => j !== i))} />
            </div>
          </div>
        );
      })}
      <AddButton label="Add group" disabled={l.groups.length >= 50} onClick={() => groups([...l.groups, { name: "", instruments: "", rate: "" }])} />
    </div>
  );
}

function Section({ title, hint, on, onToggle, children }: { title: string; hint: string; on: boolean; onToggle: (on: boolean) => void; children: React.ReactNode }) {
  return (
    <fieldset className={on ? "rounded-md border border-brand-500/40 bg-brand-50/30" : "rounded-md border border-slate-200"}>
      <legend className="sr-only">{title}</legend>
      <label className="flex cursor-pointer items-start gap-3 px-3 py-2.5">
        <input type="checkbox" checked={on} onChange={(e) => onToggle(e.target.checked)} className="mt-0.5 size-4 rounded border-slate-300" />
        <span>
          <span className="block text-sm font-medium text-slate-900">{title}</span>
          <span className="block text-xs text-slate-500">{hint}</span>
        </span>
      </label>
      {on ? <div className="border-t border-slate-200 px-3 py-3">{children}</div> : null}
    </fieldset>
  );
}

function AddButton({ label, onClick, disabled }: { label: string; onClick: () => void; disabled?: boolean }) {
  return (
    <Button type="button" size="sm" variant="ghost" onClick={onClick} disabled={disabled}>
      <Plus aria-hidden /> {label}
    </Button>
  );
}

function RemoveButton({ label, onClick, disabled }: { label: string; onClick: () => void; disabled?: boolean }) {
  return (
    <Button type="button" size="sm" variant="ghost" onClick={onClick} disabled={disabled} aria-label={label} className="px-2 text-slate-500">
      <Trash2 aria-hidden />
    </Button>
  );
}
