"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { errorMessage, useTRPC } from "@/components/trpc";

/** A button, not the page load, spends the link: mail scanners that open links do not confirm anything. */
export function VerifyEmailButton({ token }: { token: string }) {
  const trpc = useTRPC();
  const verify = useMutation(trpc.team.verifyEmail.mutationOptions());
  if (verify.isSuccess) {
    return (
      <div className="space-y-3">
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          Thanks: your e-mail address is confirmed.
        </p>
        <Link href="/login" className="text-sm font-medium text-brand-600 hover:underline">
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <div className="space-y-3">
      {verify.error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {errorMessage(verify.error)}
        </p>
      ) : null}
      <Button className="w-full" onClick={() => verify.mutate({ token })} disabled={verify.isPending}>
        Confirm my e-mail address
      </Button>
    </div>
  );
}
