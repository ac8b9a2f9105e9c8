"use client";

import { useMutation } from "@tanstack/react-query";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { errorMessage, useTRPC } from "@/components/trpc";

/** The owner's switch: every team member must use an authenticator app. */
export function RequireTwoFactorSwitch({ required }: { required: boolean }) {
  const trpc = useTRPC();
  const set = useMutation(trpc.team.setRequireTwoFactor.mutationOptions(useRefreshOnSuccess()));
  return (
    <div className="space-y-1">
      <label className="flex items-center gap-3 text-sm text-slate-700">
        <input type="checkbox" className="size-4 rounded border-slate-300" checked={required} disabled={set.isPending} onChange={(e) => set.mutate({ required: e.target.checked })} />
        Require two-factor authentication for the whole team
      </label>
      <p className="text-sm text-slate-500">Members without it can only open their account page until they set it up.</p>
      {set.error ? <p className="text-sm text-red-600">{errorMessage(set.error)}</p> : null}
    </div>
  );
}
