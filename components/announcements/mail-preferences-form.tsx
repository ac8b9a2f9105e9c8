"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/components/trpc";

/** Optional e-mails a partner can turn off; transactional mail (password, payouts, reviews, terms) always goes. */
export function MailPreferencesForm({ initial }: { initial: { announcements: boolean } }) {
  const trpc = useTRPC();
  const [announcements, setAnnouncements] = useState(initial.announcements);
  const save = useMutation(trpc.announcements.setMailPreferences.mutationOptions({ onSuccess: (r) => setAnnouncements(r.announcements) }));
  return (
    <div className="space-y-3">
      <label className="flex items-start gap-3 text-sm text-slate-700">
        <input
          type="checkbox"
          className="mt-0.5 size-4 rounded border-slate-300"
          checked={announcements}
          disabled={save.isPending}
          onChange={(e) => {
            setAnnouncements(e.target.checked);
            save.mutate({ announcements: e.target.checked });
          }}
        />
        <span>
          Announcements and program news
          <span className="block text-slate-500">News the program team sends to partners. You always see it in the portal.</span>
        </span>
      </label>
      <p className="text-sm text-slate-500">Account and money e-mails (password resets, payouts, reversals, reviews, changed terms) are always sent.</p>
      <p role="status" className="text-sm" aria-live="polite">
        {save.error ? <span className="text-red-600">{errorMessage(save.error)}</span> : save.isSuccess ? <span className="text-green-700">Saved.</span> : null}
      </p>
    </div>
  );
}
