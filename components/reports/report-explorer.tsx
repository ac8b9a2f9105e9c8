"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowDown, ArrowUp, BarChart3, Download, Save, Trash2 } from "lucide-react";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Label, Select } from "@/components/ui/field";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { DIMENSION_LABELS, DIMENSIONS, type Dimension } from "@/server/reports/grains";
import { ADMIN_ONLY_METRICS, METRIC_LABELS, METRICS, type Metric } from "@/server/reports/schemas";
import { change, formatRate, metricText } from "./metric-format";

type Scope = "admin" | "portal";
type State = { from: string; to: string; dimensions: Dimension[]; metrics: Metric[]; compare: boolean; sort: { by: string; dir: "asc" | "desc" }; page: number };

const DEFAULT_METRICS: Metric[] = ["clicks", "uniqueClicks", "conversions", "conversionRate", "commissionPending", "commissionApproved", "epc"];
const iso = (d: Date) => d.toISOString().slice(0, 10);
const PAGE = 50;

function initial(): State {
  const now = new Date();
  return { from: iso(new Date(now.getTime() - 29 * 86_400_000)), to: iso(now), dimensions: ["day"], metrics: DEFAULT_METRICS, compare: false, sort: { by: "day", dir: "desc" }, page: 1 };
}

/** The report builder shared by /admin/reports and /portal/reports: pickers, table with totals, CSV, saved views. */
export function ReportExplorer({ scope }: { scope: Scope }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [s, setS] = useState<State>(initial);
  const [viewName, setViewName] = useState("");
  const available = METRICS.filter((m) => scope === "admin" || !ADMIN_ONLY_METRICS.includes(m));
  const input = { from: s.from, to: s.to, dimensions: s.dimensions, compare: s.compare, sort: s.sort, page: s.page, pageSize: PAGE };
  const report = useQuery(scope === "admin" ? trpc.reports.run.queryOptions(input) : trpc.reports.partnerRun.queryOptions(input));
  const views = useQuery(scope === "admin" ? trpc.reports.views.queryOptions() : trpc.reports.partnerViews.queryOptions());
  const viewsKey = scope === "admin" ? trpc.reports.views.queryKey() : trpc.reports.partnerViews.queryKey();
  const save = useMutation(scope === "admin" ? trpc.reports.saveView.mutationOptions() : trpc.reports.partnerSaveView.mutationOptions());
  const remove = useMutation(scope === "admin" ? trpc.reports.deleteView.mutationOptions() : trpc.reports.partnerDeleteView.mutationOptions());

  const set = (patch: Partial<State>) => setS((prev) => ({ ...prev, page: 1, ...patch }));
  const setDimension = (i: number, d: string) => {
    const next = [...s.dimensions];
    if (d === "") next.splice(i, 1);
    else next[i] = d as Dimension;
    const dims = [...new Set(next)];
    set({ dimensions: dims, sort: dims.includes(s.sort.by as Dimension) || available.includes(s.sort.by as Metric) ? s.sort : { by: "clicks", dir: "desc" } });
  };
  const sortBy = (by: string) => set({ sort: { by, dir: s.sort.by === by && s.sort.dir === "desc" ? "asc" : "desc" } });
  const csvHref = `/api/reports/csv?scope=${scope}&q=${encodeURIComponent(JSON.stringify({ from: s.from, to: s.to, dimensions: s.dimensions, sort: s.sort }))}`;
  const data = report.data;
  const currencies = data?.currencies ?? [];
  const columns = s.metrics.filter((m) => available.includes(m));
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE)) : 1;

  const sortMark = (by: string) => (s.sort.by !== by ? null : s.sort.dir === "desc" ? <ArrowDown className="inline size-3" aria-hidden /> : <ArrowUp className="inline size-3" aria-hidden />);

  return (
    <>
      <Card className="p-4">
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
          <div>
            <Label htmlFor="r-from">From</Label>
            <Input id="r-from" type="date" value={s.from} max={s.to} onChange={(e) => e.target.value && set({ from: e.target.value })} />
          </div>
          <div>
            <Label htmlFor="r-to">To</Label>
            <Input id="r-to" type="date" value={s.to} min={s.from} onChange={(e) => e.target.value && set({ to: e.target.value })} />
          </div>
          {[0, 1].map((i) => (
            <div key={i}>
              <Label htmlFor={`r-dim-${i}`}>{i === 0 ? "Break down by" : "Then by"}</Label>
              <Select id={`r-dim-${i}`} value={s.dimensions[i] ?? ""} disabled={i > s.dimensions.length} onChange={(e) => setDimension(i, e.target.value)}>
                <option value="">{i === 0 ? "Totals only" : "Nothing"}</option>
                {DIMENSIONS.filter((d) => scope === "admin" || (d !== "partner" && d !== "partner_type" && d !== "partner_group")).map((d) => (
                  <option key={d} value={d}>
                    {DIMENSION_LABELS[d]}
                  </option>
                ))}
              </Select>
            </div>
          ))}
          <div className="flex items-end gap-2">
            <label className="flex h-9 items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" checked={s.compare} onChange={(e) => set({ compare: e.target.checked })} className="size-4" />
              Compare with previous period
            </label>
          </div>
        </div>
        <fieldset className="mt-4">
          <legend className="text-sm font-medium text-slate-700">Columns</legend>
          <div className="mt-2 flex flex-wrap gap-x-4 gap-y-2">
            {available.map((m) => (
              <label key={m} className="flex items-center gap-1.5 text-sm text-slate-700">
                <input type="checkbox" className="size-4" checked={s.metrics.includes(m)} onChange={(e) => setS((p) => ({ ...p, metrics: e.target.checked ? [...p.metrics, m] : p.metrics.filter((x) => x !== m) }))} />
                {METRIC_LABELS[m]}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="mt-4 flex flex-wrap items-end gap-2 border-t border-slate-100 pt-4">
          <div className="min-w-40">
            <Label htmlFor="r-view">Saved views</Label>
            <Select
              id="r-view"
              value=""
              onChange={(e) => {
                const v = views.data?.find((x) => x.id === e.target.value);
                if (v) setS({ ...initial(), ...(v.query as Partial<State>), page: 1 });
              }}
            >
              <option value="">{views.data?.length ? "Open a view…" : "No saved views yet"}</option>
              {views.data?.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </Select>
          </div>
          <div className="min-w-40">
            <Label htmlFor="r-view-name">Save this view as</Label>
            <Input id="r-view-name" value={viewName} maxLength={80} placeholder="e.g. Sub1 this month" onChange={(e) => setViewName(e.target.value)} />
          </div>
          <Button
            variant="secondary"
            disabled={!viewName.trim() || save.isPending}
            onClick={() => save.mutate({ name: viewName, query: { from: s.from, to: s.to, dimensions: s.dimensions, metrics: s.metrics, compare: s.compare, sort: s.sort } }, { onSuccess: () => { setViewName(""); void qc.invalidateQueries({ queryKey: viewsKey }); } })}
          >
            <Save aria-hidden /> Save view
          </Button>
          {views.data?.length ? (
            <Button variant="ghost" onClick={() => { const last = views.data?.at(-1); if (last) remove.mutate({ id: last.id }, { onSuccess: () => void qc.invalidateQueries({ queryKey: viewsKey }) }); }} title="Delete the last saved view">
              <Trash2 aria-hidden /> Delete last view
            </Button>
          ) : null}
          <a href={csvHref} className="ml-auto inline-flex h-9 items-center gap-2 rounded-md border border-slate-300 bg-white px-4 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50" download>
            <Download className="size-4" aria-hidden /> Export CSV
          </a>
        </div>
        {save.error ? <p className="mt-2 text-sm text-red-600">{errorMessage(save.error)}</p> : null}
      </Card>

      <Card className="mt-6">
        {report.error ? (
          <p role="alert" className="px-5 py-6 text-sm text-red-700">
            {errorMessage(report.error)}
          </p>
        ) : !data ? (
          <p className="px-5 py-6 text-sm text-slate-500">Loading the report…</p>
        ) : data.total === 0 && data.totals.clicks === 0 && data.totals.conversions === 0 ? (
          <EmptyState icon={BarChart3} title="Nothing in this period">
            {scope === "admin" ? "Pick a longer date range, or share a tracking link: clicks and conversions show here within seconds." : "Share your tracking links: clicks and conversions show here within seconds."}
          </EmptyState>
        ) : (
          <>
            <p className="px-5 pt-3 text-xs text-slate-500">
              {data.range.from} to {data.range.to}, dates in {data.timeZone}
              {data.previousRange ? `, compared with ${data.previousRange.from} to ${data.previousRange.to}` : ""}. {data.total} rows.
            </p>
            <Table>
              <THead>
                <tr>
                  {s.dimensions.map((d) => (
                    <TH key={d}>
                      <button type="button" onClick={() => sortBy(d)} className="font-medium">
                        {DIMENSION_LABELS[d]} {sortMark(d)}
                      </button>
                    </TH>
                  ))}
                  {columns.map((m) => (
                    <TH key={m} className="text-right">
                      <button type="button" onClick={() => sortBy(m)} className="font-medium">
                        {METRIC_LABELS[m]} {sortMark(m)}
                      </button>
                    </TH>
                  ))}
                </tr>
              </THead>
              <TBody>
                {data.rows.map((row) => (
                  <tr key={JSON.stringify(row.key)}>
                    {s.dimensions.map((d) => (
                      <TD key={d} className="max-w-64 truncate font-medium text-slate-900" title={row.key[d]}>
                        {row.label[d]}
                      </TD>
                    ))}
                    {columns.map((m) => (
                      <TD key={m} className="text-right tabular-nums">
                        <Cell lines={metricText(row.values, m, currencies)} delta={row.previous ? deltaOf(row.values, row.previous, m) : undefined} />
                      </TD>
                    ))}
                  </tr>
                ))}
                <tr className="bg-slate-50 font-semibold">
                  {s.dimensions.length ? <TD colSpan={s.dimensions.length}>Total</TD> : null}
                  {columns.map((m) => (
                    <TD key={m} className="text-right tabular-nums">
                      <Cell lines={metricText(data.totals, m, currencies)} delta={data.previousTotals ? deltaOf(data.totals, data.previousTotals, m) : undefined} />
                    </TD>
                  ))}
                </tr>
              </TBody>
            </Table>
            {pages > 1 ? (
              <div className="flex items-center justify-end gap-2 px-5 py-3 text-sm">
                <Button variant="secondary" size="sm" disabled={s.page <= 1} onClick={() => setS((p) => ({ ...p, page: p.page - 1 }))}>
                  Previous
                </Button>
                <span className="text-slate-600">
                  Page {s.page} of {pages}
                </span>
                <Button variant="secondary" size="sm" disabled={s.page >= pages} onClick={() => setS((p) => ({ ...p, page: p.page + 1 }))}>
                  Next
                </Button>
              </div>
            ) : null}
          </>
        )}
      </Card>
    </>
  );
}

type V = Parameters<typeof metricText>[0];
function deltaOf(v: V, p: V, m: Metric): number | null | undefined {
  const x = v[m as keyof V];
  const y = p[m as keyof V];
  if (typeof x === "number" && typeof y === "number") return change(x, y);
  return undefined;
}

function Cell({ lines, delta }: { lines: string[]; delta?: number | null }) {
  return (
    <div>
      {lines.map((l, i) => (
        <div key={i}>{l}</div>
      ))}
      {delta === undefined ? null : <div className={delta === null ? "text-xs text-slate-400" : delta >= 0 ? "text-xs text-green-700" : "text-xs text-red-700"}>{delta === null ? "new" : `${delta >= 0 ? "+" : ""}${formatRate(delta)}`}</div>}
    </div>
  );
}
