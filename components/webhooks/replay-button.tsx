"use client";

import { useMutation } from "@tanstack/react-query";
import { RotateCcw } from "lucide-react";
import { useRouter } from "next/navigation";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";

/** Sends the message again: the same webhook-id and payload, on a fresh retry schedule. */
export function ReplayButton({ deliveryId }: { deliveryId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const replay = useMutation(trpc.webhooks.replay.mutationOptions({ onSuccess: () => setTimeout(() => router.refresh(), 1_500) }));
  return (
    <div className="flex flex-col items-end gap-1">
      <Button size="sm" variant="ghost" disabled={replay.isPending || replay.isSuccess} onClick={() => replay.mutate({ deliveryId })}>
        <RotateCcw aria-hidden /> {replay.isSuccess ? "Queued" : "Replay"}
      </Button>
      {replay.error ? <span role="alert" className="text-xs text-red-600">{errorMessage(replay.error)}</span> : null}
    </div>
  );
}
