"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";

/** Revokes an API key (`kind="key"`) or a partner token (`kind="token"`) after a confirmation. */
export function RevokeButton({ kind, id, name }: { kind: "key" | "token"; id: string; name: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const options = { onSuccess: () => (setOpen(false), router.refresh()) };
  const key = useMutation(trpc.apiKeys.revoke.mutationOptions(options));
  const token = useMutation(trpc.partnerTokens.revoke.mutationOptions(options));
  const m = kind === "key" ? key : token;
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="secondary" size="sm">
          Revoke
        </Button>
      </DialogTrigger>
      <DialogContent title={`Revoke “${name}”?`} description="Requests with it are refused at once. This cannot be undone: make a new one if you need it again.">
        {m.error ? (
          <p role="alert" className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {errorMessage(m.error)}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button variant="danger" disabled={m.isPending} onClick={() => m.mutate({ id })}>
            {m.isPending ? "Revoking…" : "Revoke"}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
