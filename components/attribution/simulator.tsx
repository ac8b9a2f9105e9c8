"use client";

import { useMutation } from "@tanstack/react-query";
import { Play } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { StoredModel } from "@/db/schema";
import { FormError, useFormErrors } from "@/components/forms/use-form-errors";
import { Button } from "@/components/ui/button";
import { CardBody } from "@/components/ui/card";
import { useTRPC } from "@/components/trpc";
import type { SimulationResult } from "@/server/attribution/simulate";
import { DEFAULT_MODELS, MODELS, modelLabel, type ModelName } from "./models";
import { DateRangeFields } from "./date-range-fields";
import { rangeOf } from "./range";
import { RunProgress } from "./run-progress";
import { SimulationTable } from "./simulation-table";
import { useRun } from "./use-run";

/** The program's own parameters where it uses that model, the documented defaults otherwise. */
const candidates = (programModel: StoredModel) => MODELS.map((m) => (programModel.model === m.value ? programModel : DEFAULT_MODELS[m.value]));

/** "What if": the period's conversions decided under several models side by side. Writes nothing. */
export function Simulator({ programId, programModel, defaultRange }: { programId: string; programModel: StoredModel; defaultRange: { from: string; to: string } }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [from, setFrom] = useState(defaultRange.from);
  const [to, setTo] = useState(defaultRange.to);
  const [picked, setPicked] = useState<Set<ModelName>>(() => new Set(MODELS.map((m) => m.value)));
  const [runId, setRunId] = useState<string | null>(null);
  const start = useMutation(trpc.attribution.simulate.mutationOptions({ onSuccess: (r) => setRunId(r.runId) }));
  const { errors, formError } = useFormErrors(start.error);
  const run = useRun(programId, runId);
  const models = candidates(programModel);
  const finished = run.data?.status === "done" || run.data?.status === "failed";

  // The recent runs list on the page picks up the finished run.
  useEffect(() => {
    if (finished) router.refresh();
  }, [finished, router]);

  function toggle(m: ModelName) {
    setPicked((s) => {
      const next = new Set(s);
      if (next.has(m)) next.delete(m);
      else next.add(m);
      return next;
    });
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setRunId(null);
    start.mutate({ programId, ...rangeOf(from, to), models: models.filter((m) => picked.has(m.model)) });
  }

  // The run's result is written by the job for its kind: a simulation stores a SimulationResult.
  const result = run.data?.status === "done" && run.data.kind === "simulate" ? (run.data.result as SimulationResult | null) : null;
  const busy = start.isPending || (runId !== null && !finished && !run.isError);

  return (
    <>
      <CardBody>
        <form onSubmit={onSubmit} noValidate className="space-y-4">
          <FormError message={formError} />
          <DateRangeFields from={from} to={to} onFrom={setFrom} onTo={setTo} errors={errors} />
          <fieldset>
            <legend className="text-sm font-medium text-slate-700">Models to compare</legend>
            <div className="mt-2 grid gap-x-6 gap-y-2 sm:grid-cols-2 lg:grid-cols-3">
              {models.map((m) => (
                <label key={m.model} className="flex items-center gap-2 text-sm text-slate-700">
                  <input type="checkbox" checked={picked.has(m.model)} onChange={() => toggle(m.model)} className="size-4 rounded border-slate-300" />
                  {modelLabel(m)}
                </label>
              ))}
            </div>
            {errors.models ? (
              <p className="mt-1.5 text-sm text-red-600" role="alert">
                {errors.models}
              </p>
            ) : (
              <p className="mt-1.5 text-sm text-slate-500">Differences are shown against the first model picked.</p>
            )}
          </fieldset>
          <div className="flex flex-wrap items-center gap-4">
            <Button type="submit" disabled={busy}>
              <Play aria-hidden /> {busy ? "Running…" : "Run simulation"}
            </Button>
            <p className="text-sm text-slate-500">Dates are whole days in UTC. Nothing is written.</p>
          </div>
        </form>
      </CardBody>
      {runId && !result ? (
        <CardBody className="border-t border-slate-200">
          {run.error ? (
            <p role="alert" className="text-sm text-red-600">
              Could not read the run: {run.error.message}
            </p>
          ) : (
            <RunProgress run={run.data} label="Simulation" />
          )}
        </CardBody>
      ) : null}
      {result ? <SimulationTable result={result} /> : null}
    </>
  );
}
