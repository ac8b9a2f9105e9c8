"use client";

import { useMutation } from "@tanstack/react-query";
import { Pause, Play } from "lucide-react";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { Button } from "@/components/ui/button";
import { errorMessage, useTRPC } from "@/components/trpc";

/** Pause stops the link answering (visitors see "not active"); resume brings it back. */
export function LinkStatusButton({ linkId, status, name }: { linkId: string; status: "active" | "paused"; name: string }) {
  const trpc = useTRPC();
  const set = useMutation(trpc.links.setStatus.mutationOptions(useRefreshOnSuccess()));
  const next = status === "active" ? "paused" : "active";
  return (
    <div className="flex flex-col items-end gap-1">
      <Button size="sm" variant="secondary" disabled={set.isPending} onClick={() => set.mutate({ linkId, status: next })} aria-label={`${next === "paused" ? "Pause" : "Resume"} ${name}`}>
        {next === "paused" ? <Pause aria-hidden /> : <Play aria-hidden />}
        {next === "paused" ? "Pause" : "Resume"}
      </Button>
      {set.error ? <span className="text-xs text-red-600">{errorMessage(set.error)}</span> : null}
    </div>
  );
}
