"use client";

import { useMutation } from "@tanstack/react-query";
import { Archive, ArchiveRestore } from "lucide-react";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";

export function CreativeStatusButton({ creativeId, name, status }: { creativeId: string; name: string; status: "active" | "archived" }) {
  const trpc = useTRPC();
  const set = useMutation(trpc.creatives.setStatus.mutationOptions(useRefreshOnSuccess()));
  const next = status === "active" ? "archived" : "active";
  const verb = next === "archived" ? "Archive" : "Restore";
  return (
    <div className="flex flex-col items-end gap-1">
      <Button size="sm" variant="secondary" disabled={set.isPending} onClick={() => set.mutate({ creativeId, status: next })} aria-label={`${verb} ${name}`}>
        {next === "archived" ? <Archive aria-hidden /> : <ArchiveRestore aria-hidden />}
        {verb}
      </Button>
      {set.error ? <span className="text-xs text-red-600">{errorMessage(set.error)}</span> : null}
    </div>
  );
}
