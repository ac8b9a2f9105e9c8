"use client";

import { useMutation } from "@tanstack/react-query";
import { Banknote } from "lucide-react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { errorMessage, useTRPC } from "@/components/trpc";

/** Gathers every due partner of one currency into a draft batch, then opens it for review. The batch page lists
 * who was left out and why, so that answer survives a reload. */
export function CreateBatchButton({ currency, disabled }: { currency: string; disabled?: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(trpc.admin.createPayoutBatch.mutationOptions({ onSuccess: (r) => (r.batchId ? router.push(`/admin/payouts/${r.batchId}`) : router.refresh()) }));
  return (
    <div className="flex flex-col items-end gap-1">
      <Button size="sm" disabled={disabled || create.isPending || create.isSuccess} onClick={() => create.mutate({ currency })}>
        <Banknote aria-hidden /> {create.isPending || create.isSuccess ? "Creating…" : `Create ${currency} batch`}
      </Button>
      {create.error ? <p className="max-w-sm text-right text-xs text-red-600">{errorMessage(create.error)}</p> : null}
    </div>
  );
}
