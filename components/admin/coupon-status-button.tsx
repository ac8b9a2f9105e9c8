"use client";

import { useMutation } from "@tanstack/react-query";
import { Pause, Play } from "lucide-react";
import { Button } from "@/components/ui/button";
import { errorMessage, useTRPC } from "@/components/trpc";
import { useRefreshOnSuccess } from "./use-admin-mutation";

export function CouponStatusButton({ couponId, code, status }: { couponId: string; code: string; status: "active" | "paused" }) {
  const trpc = useTRPC();
  const set = useMutation(trpc.coupons.setStatus.mutationOptions(useRefreshOnSuccess()));
  const next = status === "active" ? "paused" : "active";
  const verb = next === "paused" ? "Pause" : "Resume";
  return (
    <div className="flex flex-col items-end gap-1">
      <Button size="sm" variant="secondary" disabled={set.isPending} onClick={() => set.mutate({ couponId, status: next })} aria-label={`${verb} ${code}`}>
        {next === "paused" ? <Pause aria-hidden /> : <Play aria-hidden />}
        {verb}
      </Button>
      {set.error ? <span className="text-xs text-red-600">{errorMessage(set.error)}</span> : null}
    </div>
  );
}
