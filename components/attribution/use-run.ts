"use client";

import { skipToken, useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useTRPC } from "@/components/trpc";
import type { AppRouter } from "@/server/trpc/root";

export type AttributionRun = inferRouterOutputs<AppRouter>["attribution"]["run"];

const finished = (run: AttributionRun | undefined) => run?.status === "done" || run?.status === "failed";

/** A queued simulation or re-attribution, polled every 700 ms until it is done or failed. */
export function useRun(programId: string, runId: string | null) {
  const trpc = useTRPC();
  return useQuery(
    trpc.attribution.run.queryOptions(runId ? { programId, runId } : skipToken, {
      refetchInterval: (q) => (q.state.status === "error" || finished(q.state.data) ? false : 700),
      staleTime: 0,
    }),
  );
}
