"use client";

import { useMutation } from "@tanstack/react-query";
import { signOut } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { errorMessage, useTRPC } from "@/components/trpc";

/** Ends every session of this account at once, on every device, this one included. */
export function SignOutEverywhere() {
  const trpc = useTRPC();
  const end = useMutation(trpc.team.signOutEverywhere.mutationOptions({ onSuccess: () => signOut({ callbackUrl: "/login" }) }));
  return (
    <div className="space-y-2">
      <Button variant="secondary" onClick={() => end.mutate()} disabled={end.isPending}>
        Sign out everywhere
      </Button>
      {end.error ? <p className="text-sm text-red-600">{errorMessage(end.error)}</p> : null}
    </div>
  );
}
