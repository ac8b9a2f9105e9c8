"use client";

import { CopyButton } from "@/components/ui/copy-button";

/** A new key or token: shown in full this once, with a copy button. */
export function SecretOnce({ secret, onDone }: { secret: string; onDone: () => void }) {
  return (
    <div className="space-y-4">
      <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
        Copy it now: it is shown only this once. We keep only a hash of it.
      </p>
      <div className="flex items-start gap-2">
        <code className="block min-w-0 flex-1 break-all rounded bg-slate-100 px-3 py-2 text-xs text-slate-800" data-testid="new-secret">
          {secret}
        </code>
        <CopyButton value={secret} />
      </div>
      <div className="flex justify-end">
        <button type="button" onClick={onDone} className="text-sm font-medium text-brand-600 hover:underline">
          Done
        </button>
      </div>
    </div>
  );
}
