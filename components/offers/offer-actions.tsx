"use client";

import { useMutation } from "@tanstack/react-query";
import { Archive, Copy, Pause, Play } from "lucide-react";
import { useRouter } from "next/navigation";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import type { OfferStatus } from "@/db/schema/programs";

/** Pause / activate, archive and duplicate. A status change reaches the redirect at once. */
export function OfferActions({ offerId, status }: { offerId: string; status: OfferStatus }) {
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = useRefreshOnSuccess();
  const set = useMutation(trpc.offers.setStatus.mutationOptions(refresh));
  const duplicate = useMutation(trpc.offers.duplicate.mutationOptions({ onSuccess: (r) => router.push(`/admin/offers/${r.offerId}`) }));
  const error = set.error ?? duplicate.error;
  const busy = set.isPending || duplicate.isPending;
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex flex-wrap justify-end gap-2">
        {status === "active" ? (
          <Button variant="secondary" size="sm" disabled={busy} onClick={() => set.mutate({ offerId, status: "paused" })}>
            <Pause aria-hidden /> Pause
          </Button>
        ) : (
          <Button variant="secondary" size="sm" disabled={busy} onClick={() => set.mutate({ offerId, status: "active" })}>
            <Play aria-hidden /> Activate
          </Button>
        )}
        {status !== "archived" ? (
          <Button variant="secondary" size="sm" disabled={busy} onClick={() => set.mutate({ offerId, status: "archived" })}>
            <Archive aria-hidden /> Archive
          </Button>
        ) : null}
        <Button variant="secondary" size="sm" disabled={busy} onClick={() => duplicate.mutate({ offerId })}>
          <Copy aria-hidden /> Duplicate
        </Button>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {errorMessage(error)}
        </p>
      ) : null}
    </div>
  );
}
