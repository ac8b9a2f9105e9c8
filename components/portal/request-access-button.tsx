"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";

/** Asks the program team for access to an offer shown on request. */
export function RequestAccessButton({ offerId, offerName, again }: { offerId: string; offerName: string; again: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const request = useMutation(trpc.offers.requestAccess.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="flex flex-col items-start gap-1">
      <Button size="sm" disabled={request.isPending} onClick={() => request.mutate({ offerId })} aria-label={`Request access to ${offerName}`}>
        {again ? "Ask again" : "Request access"}
      </Button>
      {request.error ? (
        <p role="alert" className="text-sm text-red-600">
          {errorMessage(request.error)}
        </p>
      ) : null}
    </div>
  );
}
