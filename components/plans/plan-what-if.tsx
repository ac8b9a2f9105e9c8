"use client";

import { useMutation } from "@tanstack/react-query";
import { Calculator, FlaskConical, Users } from "lucide-react";
import { useMemo, useState } from "react";
import { DeltaLines, difference, MoneyLines } from "@/components/attribution/money";
import { DateRangeFields } from "@/components/attribution/date-range-fields";
import { lastDays, rangeOf } from "@/components/attribution/range";
import { FormError } from "@/components/forms/use-form-errors";
import { formatDate, formatMoney } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CardBody } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Input, Select } from "@/components/ui/field";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { useTRPC } from "@/components/trpc";
import type { WhatIfResult } from "@/server/commissions/what-if";
import { draftFromStored, emptyDraft } from "./terms-draft";
import { TermsForm } from "./terms-form";
import { TermsPreview } from "./terms-preview";
import { useTermsDraft } from "./use-terms-draft";

type StoredTerms = { currency: string; components: Record<string, unknown> };
type PlanOption = { id: string; name: string; latest: StoredTerms | null };
const MAX_PARTNERS = 50;

/**
 * "What would these terms have paid?": an existing plan, a changed copy of its terms, or new terms, priced over a
 * past period's real conversions of the partners picked, by accrual itself, next to what they were paid.
 */
export function PlanWhatIf({ programId, currency, plans, partners, offers }: { programId: string; currency: string; plans: PlanOption[]; partners: { id: string; name: string }[]; offers: { id: string; name: string; currency: string }[] }) {
  const trpc = useTRPC();
  const initial = lastDays(90);
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const [source, setSource] = useState(plans[0] ? `plan:${plans[0].id}` : "new");
  const [editing, setEditing] = useState(plans.length === 0);
  const [filter, setFilter] = useState("");
  const [offerId, setOfferId] = useState(offers.length > 1 ? "" : (offers[0]?.id ?? ""));
  const [picked, setPicked] = useState<Set<string>>(() => new Set());
  const run = useMutation(trpc.plans.whatIf.mutationOptions());
  const plan = plans.find((p) => `plan:${p.id}` === source) ?? null;
  const draftOf = (p: PlanOption | null) => (p?.latest ? draftFromStored(p.latest) : emptyDraft(currency));
  const form = useTermsDraft(() => draftOf(plan), run.error);
  const errors = form.fieldErrors;
  const termsCurrency = (editing || !plan ? form.draft.currency : (plan.latest?.currency ?? currency)).trim().toUpperCase();
  const otherCurrency = (offerId ? offers.filter((o) => o.id === offerId) : offers).filter((o) => o.currency !== termsCurrency);
  const shown = useMemo(() => partners.filter((p) => p.name.toLowerCase().includes(filter.trim().toLowerCase())), [partners, filter]);

  function pickSource(value: string) {
    setSource(value);
    const next = plans.find((p) => `plan:${p.id}` === value) ?? null;
    setEditing(next === null);
    form.reset(draftOf(next));
    run.reset();
  }

  function toggle(id: string) {
    setPicked((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else if (next.size < MAX_PARTNERS) next.add(id);
      return next;
    });
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const range = rangeOf(from, to);
    if (editing || !plan) {
      const terms = form.submit();
      if (terms) run.mutate({ programId, ...range, offerId: offerId || null, partnerIds: [...picked], draft: { terms } });
      return;
    }
    run.mutate({ programId, ...range, offerId: offerId || null, partnerIds: [...picked], draft: { planId: plan.id } });
  }

  if (partners.length === 0) {
    return (
      <EmptyState icon={Users} title="No approved partners yet">
        A what-if prices the real conversions of partners: approve a partner first.
      </EmptyState>
    );
  }

  return (
    <>
      <CardBody>
        <form onSubmit={onSubmit} noValidate className="space-y-5" aria-label="Plan what-if">
          <FormError message={form.formError} />
          <div className="grid gap-4 lg:grid-cols-2">
            <div className="space-y-4">
              <Field label="Terms to try" error={errors.planId ?? errors.draft}>
                {(p) => (
                  <Select {...p} value={source} onChange={(e) => pickSource(e.target.value)}>
                    {plans.map((x) => (
                      <option key={x.id} value={`plan:${x.id}`}>
                        {x.name} (latest version)
                      </option>
                    ))}
                    <option value="new">New terms (a draft)</option>
                  </Select>
                )}
              </Field>
              {plan ? (
                <label className="flex items-center gap-2 text-sm text-slate-700">
                  <input type="checkbox" checked={editing} onChange={(e) => (setEditing(e.target.checked), form.reset(draftOf(plan)))} className="size-4 rounded border-slate-300" />
                  Change its terms before trying them (the plan itself is not changed)
                </label>
              ) : null}
              {offers.length > 1 ? (
                <Field label="On" error={errors.offerId} hint="The partners' other offers keep the plans they had">
                  {(p) => (
                    <Select {...p} value={offerId} onChange={(e) => setOfferId(e.target.value)}>
                      <option value="">Every offer</option>
                      {offers.map((o) => (
                        <option key={o.id} value={o.id}>
                          {o.name} ({o.currency})
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
              ) : null}
              {otherCurrency.length > 0 && termsCurrency ? (
                <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800" role="status">
                  These terms pay in {termsCurrency}: events on {otherCurrency.map((o) => `${o.name} (${o.currency})`).join(", ")} earn nothing under them.
                </p>
              ) : null}
              <DateRangeFields from={from} to={to} onFrom={setFrom} onTo={setTo} errors={{ from: errors.from, to: errors.to }} />
            </div>
            <fieldset className="min-w-0 space-y-2">
              <legend className="text-sm font-medium text-slate-700">
                Partners <span className="font-normal text-slate-500">({picked.size} of at most {MAX_PARTNERS} picked)</span>
              </legend>
              <Input aria-label="Filter partners" placeholder="Filter by name" value={filter} onChange={(e) => setFilter(e.target.value)} />
              <div className="max-h-52 overflow-y-auto rounded-md border border-slate-200 p-2" aria-invalid={Boolean(errors.partnerIds)}>
                {shown.length === 0 ? <p className="px-1 py-2 text-sm text-slate-500">No partner matches “{filter}”.</p> : null}
                {shown.map((p) => (
                  <label key={p.id} className="flex items-center gap-2 rounded px-1 py-1 text-sm text-slate-700 hover:bg-slate-50">
                    <input type="checkbox" checked={picked.has(p.id)} onChange={() => toggle(p.id)} disabled={!picked.has(p.id) && picked.size >= MAX_PARTNERS} className="size-4 rounded border-slate-300" />
                    <span className="truncate">{p.name}</span>
                  </label>
                ))}
              </div>
              {errors.partnerIds ? (
                <p className="text-sm text-red-600" role="alert">
                  {errors.partnerIds}
                </p>
              ) : null}
            </fieldset>
          </div>
          {editing || !plan ? (
            <div className="space-y-3 rounded-md border border-slate-200 p-4">
              <TermsForm value={form.draft} onChange={(d) => (form.setDraft(d), run.isError && run.reset())} errors={form.termsErrors} />
              <TermsPreview lines={form.preview} />
            </div>
          ) : null}
          <div className="flex flex-wrap items-center gap-4">
            <Button type="submit" disabled={run.isPending}>
              <Calculator aria-hidden /> {run.isPending ? "Pricing…" : "Price the period"}
            </Button>
            <p className="text-sm text-slate-500">Priced by accrual itself, then undone: nothing is written and nobody is told.</p>
          </div>
        </form>
      </CardBody>
      {run.data ? <WhatIfTable result={run.data} /> : null}
    </>
  );
}

function WhatIfTable({ result }: { result: WhatIfResult }) {
  if (result.events === 0) {
    return (
      <div className="border-t border-slate-200">
        <EmptyState icon={FlaskConical} title="No conversions of these partners in this period">
          Pick another period or other partners.
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="border-t border-slate-200" data-testid="what-if-result">
      <div className="flex flex-wrap gap-x-8 gap-y-2 px-5 py-4 text-sm">
        <p>
          <span className="text-slate-500">Period</span>{" "}
          <span className="font-semibold text-slate-900">
            {formatDate(result.from)} – {formatDate(new Date(new Date(result.to).getTime() - 1))}
          </span>
        </p>
        <p>
          <span className="text-slate-500">Events replayed</span> <span className="font-semibold tabular-nums text-slate-900">{result.events.toLocaleString("en-US")}</span>
        </p>
        <p>
          <span className="text-slate-500">KPI months judged</span> <span className="font-semibold text-slate-900">{result.kpiMonths.length > 0 ? result.kpiMonths.join(", ") : "none (no whole month in the period)"}</span>
        </p>
      </div>
      <Table>
        <THead>
          <tr>
            <TH>Partner</TH>
            <TH className="text-right">Paid</TH>
            <TH className="text-right">{result.planName} would pay</TH>
            <TH className="text-right">Difference</TH>
          </tr>
        </THead>
        <TBody>
          {result.rows.map((r) => (
            <tr key={r.partnerId}>
              <TD>
                <span className="font-medium text-slate-900">{r.name}</span>
                {r.chosen ? null : (
                  <Badge tone="info" className="ml-2" title="Shares a replayed conversion, or earns an override on one">
                    not picked
                  </Badge>
                )}
              </TD>
              <TD className="text-right">
                <MoneyLines amounts={r.actual} />
              </TD>
              <TD className="text-right">
                <MoneyLines amounts={r.projected} />
              </TD>
              <TD className="text-right">
                <DeltaLines amounts={difference(r.projected, r.actual)} />
              </TD>
            </tr>
          ))}
        </TBody>
      </Table>
      <dl className="grid gap-3 border-t border-slate-200 bg-slate-50/60 px-5 py-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="what-if-totals">
        {result.totals.map((t) => (
          <div key={t.currency} className="rounded-md border border-slate-200 bg-white px-4 py-3 text-sm">
            <dt className="font-semibold text-slate-900">Total {t.currency}</dt>
            <dd className="mt-1 grid grid-cols-[auto_1fr] gap-x-4 gap-y-0.5 tabular-nums">
              <span className="text-slate-500">Paid</span>
              <span className="text-right">{formatMoney(t.actual, t.currency)}</span>
              <span className="text-slate-500">Would pay</span>
              <span className="text-right font-semibold text-slate-900">{formatMoney(t.projected, t.currency)}</span>
              <span className="text-slate-500">Difference</span>
              <DeltaLines amounts={{ [t.currency]: t.projected - t.actual }} className="text-right" />
            </dd>
          </div>
        ))}
      </dl>
      <p className="px-5 py-3 text-xs text-slate-500">
        Amounts per currency, never converted; terms in one currency pay nothing for events in another. Refunds reported since the period count in both columns; rejected commissions count as paid nothing but would be accrued again; NGR settlements are not replayed.
      </p>
    </div>
  );
}
