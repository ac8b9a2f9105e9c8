"use client";

import { useMutation } from "@tanstack/react-query";
import { Eye, EyeOff, RefreshCw } from "lucide-react";
import { useState } from "react";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { formatDateTime } from "@/components/format";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { DialogFormActions } from "@/components/ui/dialog-form-actions";
import { Field, Select } from "@/components/ui/field";
import { GRACE_HOURS } from "@/server/programs/schemas";

const GRACE_LABELS: Record<(typeof GRACE_HOURS)[number], string> = {
  0: "None: refuse the old token at once",
  1: "1 hour",
  24: "24 hours",
  72: "3 days",
  168: "7 days",
  720: "30 days",
};

const mask = (token: string) => `${"•".repeat(12)}${token.slice(-4)}`;

/** The program's postback token: masked until revealed, copyable, and regenerated with a grace period for the old one. */
export function PostbackToken({ programId, token, previousExpiresAt }: { programId: string; token: string; previousExpiresAt: Date | null }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [shown, setShown] = useState(false);
  const [open, setOpen] = useState(false);
  const regenerate = useMutation(trpc.programs.regeneratePostbackToken.mutationOptions({ onSuccess: () => (setOpen(false), setShown(false), refresh.onSuccess()) }));

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const graceHours = Number(new FormData(e.currentTarget).get("graceHours"));
    regenerate.mutate({ programId, graceHours });
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <code className="min-w-0 flex-1 break-all rounded bg-slate-100 px-3 py-2 font-mono text-sm text-slate-800" data-testid="postback-token">
          {shown ? token : mask(token)}
        </code>
        <Button type="button" variant="secondary" size="sm" onClick={() => setShown((s) => !s)} aria-pressed={shown}>
          {shown ? <EyeOff aria-hidden /> : <Eye aria-hidden />} {shown ? "Hide" : "Reveal"}
        </Button>
        <CopyButton value={token} ariaLabel="Copy the postback token" />
        <Dialog open={open} onOpenChange={(o) => (setOpen(o), regenerate.reset())}>
          <DialogTrigger asChild>
            <Button type="button" variant="secondary" size="sm">
              <RefreshCw aria-hidden /> Regenerate
            </Button>
          </DialogTrigger>
          <DialogContent title="Regenerate the postback token?" description="Your backend must switch to the new token. Keep the old one working meanwhile so no conversion is lost.">
            <form onSubmit={onSubmit} className="space-y-4">
              <Field label="Keep the old token working for" error={regenerate.error ? errorMessage(regenerate.error) : null}>
                {(p) => (
                  <Select {...p} name="graceHours" defaultValue="24">
                    {GRACE_HOURS.map((h) => (
                      <option key={h} value={h}>
                        {GRACE_LABELS[h]}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <DialogFormActions label="Regenerate token" pendingLabel="Regenerating…" pending={regenerate.isPending} />
            </form>
          </DialogContent>
        </Dialog>
      </div>
      {previousExpiresAt ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800" data-testid="token-grace">
          The previous token is still accepted until {formatDateTime(previousExpiresAt)}.
        </p>
      ) : null}
    </div>
  );
}
