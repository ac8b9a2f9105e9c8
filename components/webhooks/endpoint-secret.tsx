"use client";

import { useMutation } from "@tanstack/react-query";
import { Eye, EyeOff, RefreshCw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatDateTime } from "@/components/format";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";

/**
 * The signing secret: masked until revealed (a mutation, so only members who manage webhooks can, and each reveal
 * is in the audit log). Rotating keeps the previous secret signing for 24 hours (`previousUntil`: null once over).
 */
export function EndpointSecret({ endpointId, secretTail, previousUntil }: { endpointId: string; secretTail: string; previousUntil: Date | null }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [confirm, setConfirm] = useState(false);
  const reveal = useMutation(trpc.webhooks.revealSecret.mutationOptions());
  const rotate = useMutation(
    trpc.webhooks.rotateSecret.mutationOptions({
      onSuccess: () => {
        setConfirm(false);
        reveal.reset();
        router.refresh();
      },
    }),
  );
  const shown = reveal.data;
  const error = reveal.error ?? rotate.error;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <code className="min-w-0 flex-1 break-all rounded bg-slate-100 px-3 py-2 font-mono text-xs text-slate-800" data-testid="webhook-secret">
          {shown ? shown.secret : `whsec_${"•".repeat(12)}${secretTail}`}
        </code>
        {shown ? <CopyButton value={shown.secret} ariaLabel="Copy the signing secret" /> : null}
        <Button size="sm" variant="secondary" disabled={reveal.isPending} onClick={() => (shown ? reveal.reset() : reveal.mutate({ endpointId }))}>
          {shown ? <EyeOff aria-hidden /> : <Eye aria-hidden />} {shown ? "Hide" : "Reveal"}
        </Button>
        <Dialog open={confirm} onOpenChange={setConfirm}>
          <DialogTrigger asChild>
            <Button size="sm" variant="secondary">
              <RefreshCw aria-hidden /> Rotate secret
            </Button>
          </DialogTrigger>
          <DialogContent title="Rotate the signing secret?" description="A new secret signs from now on. For 24 hours every message also carries a signature with the current one, so your receiver keeps verifying while you switch it over.">
            <div className="flex justify-end gap-2">
              <DialogClose asChild>
                <Button variant="secondary">Cancel</Button>
              </DialogClose>
              <Button disabled={rotate.isPending} onClick={() => rotate.mutate({ endpointId })}>
                Rotate secret
              </Button>
            </div>
          </DialogContent>
        </Dialog>
      </div>
      {shown?.previousSecret ? (
        <div className="space-y-1">
          <p className="text-xs text-slate-500">Previous, signs until {shown.previousSecretExpiresAt ? formatDateTime(shown.previousSecretExpiresAt) : "soon"}:</p>
          <code className="block break-all rounded bg-slate-50 px-3 py-2 font-mono text-xs text-slate-600">{shown.previousSecret}</code>
        </div>
      ) : previousUntil ? (
        <p className="text-xs text-slate-500">The previous secret also signs until {formatDateTime(previousUntil)}.</p>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {errorMessage(error)}
        </p>
      ) : null}
    </div>
  );
}
