"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { FormError, formValues, useFormErrors } from "@/components/forms/use-form-errors";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Field, Textarea } from "@/components/ui/field";
import { publishTermsInput } from "@/server/partners/schemas";

/** Publishes a new version of the terms; partners must accept it (on sign-up, or in the portal). */
export function PublishTermsForm({ programId, current }: { programId: string; current: string | null }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [done, setDone] = useState<number | null>(null);
  const publish = useMutation(trpc.onboarding.publishTerms.mutationOptions({ onSuccess: (r) => (setDone(r.version), refresh.onSuccess()) }));
  const { errors, formError, check } = useFormErrors(publish.error);
  return (
    <form
      className="space-y-3"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setDone(null);
        const input = { programId, body: formValues(e.currentTarget).body ?? "" };
        if (!check(publishTermsInput, input)) return;
        if (current !== null && !window.confirm("Publish this version? Every approved partner must accept it before using the portal again.")) return;
        publish.mutate(input);
      }}
    >
      <Field label={current === null ? "Terms and conditions" : "New version"} error={errors.body} hint="Plain text. Publishing makes it the version in force at once.">
        {(p) => <Textarea {...p} name="body" rows={8} defaultValue={current ?? ""} />}
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" size="sm" disabled={publish.isPending}>
          {current === null ? "Publish terms" : "Publish new version"}
        </Button>
        {done !== null ? (
          <span role="status" className="text-sm text-green-700">
            Version {done} published.
          </span>
        ) : null}
      </div>
      <FormError message={formError} />
    </form>
  );
}
