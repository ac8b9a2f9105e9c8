"use client";

import { useMutation } from "@tanstack/react-query";
import { Pause, Play, Send, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";

/** Send a test event, enable or disable, delete (after confirming). */
export function EndpointControls({ endpointId, enabled }: { endpointId: string; enabled: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [confirm, setConfirm] = useState(false);
  const refresh = { onSuccess: () => router.refresh() };
  const test = useMutation(trpc.webhooks.sendTest.mutationOptions({ onSuccess: () => setTimeout(() => router.refresh(), 1_500) }));
  const toggle = useMutation(trpc.webhooks.setEnabled.mutationOptions(refresh));
  const remove = useMutation(trpc.webhooks.delete.mutationOptions({ onSuccess: () => router.push("/admin/settings/webhooks") }));
  const error = test.error ?? toggle.error ?? remove.error;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <Button size="sm" variant="secondary" disabled={test.isPending} onClick={() => test.mutate({ endpointId })}>
          <Send aria-hidden /> Send test event
        </Button>
        <Button size="sm" variant="secondary" disabled={toggle.isPending} onClick={() => toggle.mutate({ endpointId, enabled: !enabled })}>
          {enabled ? <Pause aria-hidden /> : <Play aria-hidden />} {enabled ? "Disable" : "Enable"}
        </Button>
        <Dialog open={confirm} onOpenChange={setConfirm}>
          <DialogTrigger asChild>
            <Button size="sm" variant="ghost">
              <Trash2 aria-hidden /> Delete
            </Button>
          </DialogTrigger>
          <DialogContent title="Delete this endpoint?" description="It receives nothing more, and its delivery log is deleted with it. Disable it instead to keep the log.">
            <div className="flex justify-end gap-2">
              <DialogClose asChild>
                <Button variant="secondary">Cancel</Button>
              </DialogClose>
              <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate({ endpointId })}>
                Delete endpoint
              </Button>
            </div>
          </DialogContent>
        </Dialog>
      </div>
      {test.isSuccess ? <p className="text-sm text-slate-600">Test event queued: it appears in the delivery log below.</p> : null}
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {errorMessage(error)}
        </p>
      ) : null}
    </div>
  );
}
