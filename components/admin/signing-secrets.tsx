"use client";

import { useMutation } from "@tanstack/react-query";
import { KeyRound, Trash2 } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { errorMessage, useTRPC } from "@/components/trpc";
import { useRefreshOnSuccess } from "./use-admin-mutation";

const mask = (secret: string) => `${"•".repeat(12)}${secret.slice(-4)}`;

/** HMAC signing secrets, oldest first in `secrets`: shown newest first, masked, with copy buttons. */
export function SigningSecrets({ programId, secrets }: { programId: string; secrets: string[] }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [confirm, setConfirm] = useState(false);
  const generate = useMutation(trpc.programs.generateSigningSecret.mutationOptions(refresh));
  const retire = useMutation(trpc.programs.retireSigningSecret.mutationOptions({ onSuccess: () => (setConfirm(false), refresh.onSuccess()) }));
  const error = generate.error ?? retire.error;
  const rows = [...secrets].reverse().map((secret, i) => ({ secret, name: i === 0 ? "Newest" : "Previous" }));

  return (
    <div className="space-y-3">
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">No signing secret yet: postbacks authenticate with the token only.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200" data-testid="signing-secrets">
          {rows.map((r) => (
            <li key={r.secret} className="flex flex-wrap items-center gap-3 px-3 py-2">
              <span className="w-16 text-xs font-medium uppercase tracking-wide text-slate-500">{r.name}</span>
              <code className="flex-1 font-mono text-sm text-slate-800" data-testid="masked-secret">
                {mask(r.secret)}
              </code>
              <CopyButton value={r.secret} ariaLabel={`Copy the ${r.name.toLowerCase()} signing secret`} />
            </li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" disabled={generate.isPending} onClick={() => generate.mutate({ programId })}>
          <KeyRound aria-hidden /> Generate signing secret
        </Button>
        {secrets.length >= 2 ? (
          <Dialog open={confirm} onOpenChange={setConfirm}>
            <DialogTrigger asChild>
              <Button variant="ghost">
                <Trash2 aria-hidden /> Retire oldest
              </Button>
            </DialogTrigger>
            <DialogContent title="Retire the previous secret?" description={`Postbacks signed with the secret ending in ${secrets[0]?.slice(-4)} will be refused. Switch your sender to the newest secret first.`}>
              <div className="flex justify-end gap-2">
                <DialogClose asChild>
                  <Button variant="secondary">Cancel</Button>
                </DialogClose>
                <Button variant="danger" disabled={retire.isPending} onClick={() => retire.mutate({ programId })}>
                  Retire secret
                </Button>
              </div>
            </DialogContent>
          </Dialog>
        ) : null}
      </div>
      {secrets.length >= 2 ? <p className="text-xs text-slate-500">Generating another secret drops the previous one; both live secrets are accepted meanwhile.</p> : null}
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {errorMessage(error)}
        </p>
      ) : null}
    </div>
  );
}
