"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { inferRouterInputs } from "@trpc/server";
import { CheckCircle2, Eye, RotateCcw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { FormError, useFormErrors } from "@/components/forms/use-form-errors";
import { Button } from "@/components/ui/button";
import { CardBody } from "@/components/ui/card";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { useTRPC } from "@/components/trpc";
import type { ReattributionResult } from "@/server/attribution/reattribute";
import type { AppRouter } from "@/server/trpc/root";
import { PreviewTable } from "./preview-table";
import { DateRangeFields } from "./date-range-fields";
import { rangeOf } from "./range";
import { RunProgress } from "./run-progress";
import { useRun } from "./use-run";

type Range = inferRouterInputs<AppRouter>["attribution"]["previewReattribution"];

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** Preview what the current settings would change in a period, then apply it as a background run. */
export function Reattribution({ programId, defaultRange }: { programId: string; defaultRange: { from: string; to: string } }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [from, setFrom] = useState(defaultRange.from);
  const [to, setTo] = useState(defaultRange.to);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [previewed, setPreviewed] = useState<Range | null>(null);
  const [confirm, setConfirm] = useState(false);
  const [runId, setRunId] = useState<string | null>(null);

  const queryClient = useQueryClient();
  // A query run on demand: every "Preview" reads the current state afresh.
  const preview = useMutation({
    mutationFn: (range: Range) => queryClient.fetchQuery(trpc.attribution.previewReattribution.queryOptions(range, { staleTime: 0 })),
    onSuccess: (_, range) => setPreviewed(range),
  });
  const apply = useMutation(trpc.attribution.reattribute.mutationOptions({ onSuccess: (r) => (setConfirm(false), setRunId(r.runId)) }));
  const previewErrors = useFormErrors(preview.error);
  const applyErrors = useFormErrors(apply.error);
  const errors = { ...previewErrors.errors, ...applyErrors.errors };
  const run = useRun(programId, runId);
  const finished = run.data?.status === "done" || run.data?.status === "failed";
  // A re-attribution run stores a ReattributionResult.
  const outcome = run.data?.status === "done" && run.data.kind === "reattribute" ? (run.data.result as ReattributionResult | null) : null;

  useEffect(() => {
    if (finished) router.refresh();
  }, [finished, router]);

  const reasonOk = () => {
    const ok = reason.trim().length >= 3;
    setReasonError(ok ? null : "Give a reason partners will see (at least 3 characters).");
    return ok;
  };

  function onPreview(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setRunId(null);
    apply.reset();
    if (reasonOk()) preview.mutate({ programId, ...rangeOf(from, to) });
  }

  function onApply() {
    if (previewed && reasonOk()) apply.mutate({ ...previewed, reason });
  }

  const data = previewed && preview.data ? preview.data : null;
  const canApply = data !== null && data.changed > 0 && !runId;

  return (
    <>
      <CardBody>
        <form onSubmit={onPreview} noValidate className="space-y-4">
          <FormError message={previewErrors.formError ?? applyErrors.formError} />
          <DateRangeFields from={from} to={to} onFrom={setFrom} onTo={setTo} errors={errors} />
          <Field label="Reason" error={reasonError ?? errors.reason} hint="Partners see it next to each reversed commission.">
            {(p) => <Input {...p} value={reason} maxLength={300} onChange={(e) => setReason(e.target.value)} placeholder="e.g. Switched to position-based attribution" className="lg:max-w-xl" />}
          </Field>
          <div className="flex flex-wrap items-center gap-4">
            <Button type="submit" variant="secondary" disabled={preview.isPending}>
              <Eye aria-hidden /> {preview.isPending ? "Previewing…" : "Preview"}
            </Button>
            <p className="text-sm text-slate-500">Uses the settings saved above. Nothing changes until you apply.</p>
          </div>
        </form>
      </CardBody>

      {data && !outcome ? (
        <div className="border-t border-slate-200" data-testid="reattribution-preview">
          <div className="flex flex-wrap gap-x-8 gap-y-2 px-5 py-4 text-sm">
            <p>
              <span className="text-slate-500">Conversions in the period</span> <span className="font-semibold tabular-nums text-slate-900">{data.conversions.toLocaleString("en-US")}</span>
            </p>
            <p>
              <span className="text-slate-500">Would change</span> <span className="font-semibold tabular-nums text-slate-900">{data.changed.toLocaleString("en-US")}</span>
            </p>
            <p>
              <span className="text-slate-500">Left unchanged (already paid)</span> <span className="font-semibold tabular-nums text-slate-900">{data.paidUnchanged.toLocaleString("en-US")}</span>
            </p>
            {data.settledUnchanged > 0 ? (
              <p>
                <span className="text-slate-500">Left unchanged (refunded, charged back or rejected)</span> <span className="font-semibold tabular-nums text-slate-900">{data.settledUnchanged.toLocaleString("en-US")}</span>
              </p>
            ) : null}
          </div>
          <PreviewTable preview={data} />
          {!runId ? (
            <div className="flex flex-wrap items-center gap-4 border-t border-slate-200 px-5 py-4">
              <Button variant="danger" disabled={!canApply || apply.isPending} onClick={() => setConfirm(true)}>
                <RotateCcw aria-hidden /> Apply re-attribution
              </Button>
              <p className="text-sm text-slate-500">
                {data.changed === 0 ? "Nothing to apply in this period." : `Re-decides ${plural(data.changed, "conversion")}: unpaid commissions are reversed with your reason and accrued again.`}
              </p>
            </div>
          ) : null}
        </div>
      ) : null}

      {runId ? (
        <CardBody className="space-y-3 border-t border-slate-200">
          {run.error ? (
            <p role="alert" className="text-sm text-red-600">
              Could not read the run: {run.error.message}
            </p>
          ) : (
            <RunProgress run={run.data} label="Re-attribution" />
          )}
          {outcome ? (
            <p role="status" className="flex gap-2 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800" data-testid="reattribution-done">
              <CheckCircle2 className="mt-0.5 size-4 shrink-0" aria-hidden />
              Re-attributed {plural(outcome.reattributed, "conversion")} of {plural(outcome.conversions, "conversion")} examined; {plural(outcome.paidUnchanged, "paid conversion")} left unchanged
              {outcome.settledUnchanged ? `, and ${plural(outcome.settledUnchanged, "refunded or rejected conversion")}` : ""}.
            </p>
          ) : null}
        </CardBody>
      ) : null}

      <Dialog open={confirm} onOpenChange={setConfirm}>
        <DialogContent
          title={`Re-attribute ${plural(data?.changed ?? 0, "conversion")}?`}
          description="Each changed conversion gets a new version of its decision. Its unpaid commissions are reversed (partners see your reason) and the new shares are accrued. Paid commissions are never touched."
        >
          {errors.reason ? <p className="mb-3 text-sm text-red-600">{errors.reason}</p> : null}
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button variant="danger" disabled={apply.isPending || !previewed} onClick={onApply}>
              {apply.isPending ? "Starting…" : "Re-attribute"}
            </Button>
          </div>
        </DialogContent>
      </Dialog>
    </>
  );
}
