"use client";

import { useMutation } from "@tanstack/react-query";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";

/** Archive or restore a program; the domain refuses to archive one whose offers still run, and says so. */
export function ProgramStatusAction({ programId, status }: { programId: string; status: "active" | "archived" }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const set = useMutation(trpc.programs.setStatus.mutationOptions(refresh));
  const next = status === "active" ? "archived" : "active";
  return (
    <div className="flex flex-col items-end gap-1">
      <Button variant="secondary" size="sm" disabled={set.isPending} onClick={() => set.mutate({ programId, status: next })}>
        {status === "active" ? "Archive program" : "Restore program"}
      </Button>
      {set.error ? (
        <p role="alert" className="text-sm text-red-600">
          {errorMessage(set.error)}
        </p>
      ) : null}
    </div>
  );
}
