"use client";

import { useMutation } from "@tanstack/react-query";
import { CheckCheck } from "lucide-react";
import { useRouter } from "next/navigation";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";

/** Marks one announcement (or all) read, then re-renders the page and the sidebar's unread badge. */
export function MarkReadButton({ ids, label }: { ids: string[] | "all"; label: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const mark = useMutation(trpc.announcements.markRead.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="flex flex-col items-end gap-1">
      <Button size="sm" variant="secondary" disabled={mark.isPending} onClick={() => mark.mutate({ ids })}>
        <CheckCheck aria-hidden /> {label}
      </Button>
      {mark.error ? <span className="text-xs text-red-600">{errorMessage(mark.error)}</span> : null}
    </div>
  );
}
