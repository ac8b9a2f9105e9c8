"use client";

import { useMutation } from "@tanstack/react-query";
import { Pause, Play, RotateCcw } from "lucide-react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { errorMessage, useTRPC } from "@/components/trpc";

export function PostbackStatusButton({ id, status }: { id: string; status: "active" | "paused" }) {
  const trpc = useTRPC();
  const router = useRouter();
  const set = useMutation(trpc.postbacks.setStatus.mutationOptions({ onSuccess: () => router.refresh() }));
  const next = status === "active" ? "paused" : "active";
  return (
    <Button size="sm" variant="secondary" disabled={set.isPending} onClick={() => set.mutate({ id, status: next })}>
      {status === "active" ? <Pause aria-hidden /> : <Play aria-hidden />}
      {status === "active" ? "Pause" : "Resume"}
    </Button>
  );
}

export function ResendButton({ postbackId, conversionId }: { postbackId: string; conversionId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const resend = useMutation(trpc.postbacks.resend.mutationOptions({ onSuccess: () => setTimeout(() => router.refresh(), 800) }));
  return (
    <div className="flex flex-col items-end gap-1">
      <Button size="sm" variant="ghost" disabled={resend.isPending || resend.isSuccess} onClick={() => resend.mutate({ postbackId, conversionId })}>
        <RotateCcw aria-hidden /> {resend.isSuccess ? "Queued" : "Resend"}
      </Button>
      {resend.error ? <span className="text-xs text-red-600">{errorMessage(resend.error)}</span> : null}
    </div>
  );
}
