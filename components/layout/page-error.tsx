"use client";

import { AlertTriangle, RotateCw } from "lucide-react";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** The error state of every admin and portal page: what happened, and a way to try again. */
export function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => console.error(error), [error]);
  const digest = error instanceof Error && "digest" in error ? String((error as { digest?: unknown }).digest ?? "") : "";
  return (
    <Card className="mx-auto mt-8 max-w-lg" role="alert">
      <div className="flex flex-col items-center px-6 py-10 text-center">
        <div className="mb-3 rounded-full bg-red-50 p-3 text-red-600">
          <AlertTriangle className="size-6" aria-hidden />
        </div>
        <h1 className="font-semibold text-slate-900">This page could not be loaded</h1>
        <p className="mt-1 text-sm text-slate-500">Something went wrong on our side. Try again; if it keeps happening, contact the program team.</p>
        {digest ? <p className="mt-2 font-mono text-xs text-slate-400">Reference {digest}</p> : null}
        <Button className="mt-5" variant="secondary" onClick={() => retry()}>
          <RotateCw aria-hidden /> Try again
        </Button>
      </div>
    </Card>
  );
}
