"use client";

import { useMutation } from "@tanstack/react-query";
import { RefreshCw } from "lucide-react";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { formatDate } from "@/components/format";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/components/trpc";

type Fit = { journeys: number; conversions: number; sufficient: boolean; fromAt: Date; toAt: Date; createdAt: Date } | null;

/** What the data-driven model has learned from, and when: shown beside the model choice. */
export function DataDrivenFit({ programId, fit, minConversions }: { programId: string; fit: Fit; minConversions: number }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const refit = useMutation(trpc.attribution.refit.mutationOptions({ onSuccess: refresh.onSuccess }));
  const n = (x: number) => x.toLocaleString("en-US");
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 px-5 py-4" data-testid="data-driven-fit">
      <div className="text-sm">
        <p className="font-medium text-slate-900">Data-driven weights</p>
        <p className="text-slate-600">
          {!fit
            ? "Not learned yet. Weights are learned daily once a program or offer uses the data-driven model."
            : fit.sufficient
              ? `Learned from ${n(fit.journeys)} journeys (${n(fit.conversions)} converting), ${formatDate(fit.fromAt)} – ${formatDate(fit.toAt)}; fitted ${formatDate(fit.createdAt)}.`
              : `Too little data: ${n(fit.conversions)} converting journeys of the ${n(minConversions)} needed (fitted ${formatDate(fit.createdAt)}). Data-driven counts every click equally until then.`}
        </p>
      </div>
      <Button type="button" variant="secondary" size="sm" onClick={() => refit.mutate({ programId })} disabled={refit.isPending}>
        <RefreshCw className="size-4" aria-hidden /> {refit.isPending ? "Learning…" : "Learn now"}
      </Button>
    </div>
  );
}
