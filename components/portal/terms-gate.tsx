"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";

/** Stands in for every portal page until the partner accepts the terms in force. */
export function TermsGate({ terms, firstTime }: { terms: { id: string; version: number; body: string }; firstTime: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [ticked, setTicked] = useState(false);
  const accept = useMutation(trpc.onboarding.acceptTerms.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <Card data-testid="terms-gate">
      <CardHeader
        title={firstTime ? "Terms and conditions" : `Our terms have changed (version ${terms.version})`}
        description="Read and accept them to go on using the partner portal."
      />
      <CardBody className="space-y-4">
        <div className="max-h-96 overflow-y-auto whitespace-pre-wrap rounded-md border border-slate-200 bg-slate-50 p-3 text-sm text-slate-800" tabIndex={0} aria-label="Terms text">
          {terms.body}
        </div>
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input type="checkbox" className="mt-0.5 size-4 rounded border-slate-300" checked={ticked} onChange={(e) => setTicked(e.target.checked)} />I have read and accept the terms and conditions (version {terms.version})
        </label>
        {accept.error ? (
          <p role="alert" className="text-sm text-red-600">
            {errorMessage(accept.error)}
          </p>
        ) : null}
        <Button disabled={!ticked || accept.isPending} onClick={() => accept.mutate({ termsVersionId: terms.id })}>
          {accept.isPending ? "Saving…" : "Accept and continue"}
        </Button>
      </CardBody>
    </Card>
  );
}
