"use client";

import { useState } from "react";
import { errorMessage, fieldErrors } from "@/components/trpc";
import { termsFromDraft, type PathErrors, type TermsDraft } from "./terms-draft";

/**
 * A terms form's state: the draft, the problems found before sending, and the server's answer mapped back onto
 * the same paths. The server names nested problems "terms" or "terms.components.…"; both land here.
 */
export function useTermsDraft(initial: () => TermsDraft, mutationError: unknown) {
  const [draft, setDraft] = useState(initial);
  const [checked, setChecked] = useState(false);
  const server = fieldErrors(mutationError);
  const fromServer: PathErrors = {};
  const other: Record<string, string> = {};
  for (const [k, v] of Object.entries(server)) {
    if (k.startsWith("terms.")) fromServer[k.slice("terms.".length)] = v;
    else other[k] = v;
  }
  const result = termsFromDraft(draft);
  const formError = other.terms ? `Terms: ${other.terms}` : mutationError && Object.keys(server).length === 0 ? errorMessage(mutationError) : null;
  return {
    draft,
    preview: result.preview,
    /** Problems show once the admin has tried to save, then follow every edit. */
    termsErrors: { ...fromServer, ...(checked ? result.errors : {}) },
    fieldErrors: other,
    formError,
    setDraft,
    /** The terms to send, or null (the problems are then shown). */
    submit() {
      setChecked(true);
      return result.terms;
    },
    reset(next: TermsDraft) {
      setDraft(next);
      setChecked(false);
    },
  };
}

export const todayUtc = () => new Date().toISOString().slice(0, 10);

/** A date input's value as the moment a change takes effect: empty or today means now (midnight today is already past). */
export function effectiveFrom(date: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date === todayUtc()) return undefined;
  return new Date(`${date}T00:00:00Z`);
}
