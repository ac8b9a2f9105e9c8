"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { FormError, formValues, useFormErrors } from "@/components/forms/use-form-errors";
import { Button } from "@/components/ui/button";
import { Field, Textarea } from "@/components/ui/field";
import { useTRPC } from "@/components/trpc";
import { ipAllowlistInput } from "@/server/programs/schemas";
import { useRefreshOnSuccess } from "./use-admin-mutation";

/** Which addresses may send this program's postbacks. */
export function IpAllowlistForm({ programId, allowlist }: { programId: string; allowlist: string[] }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [saved, setSaved] = useState(false);
  const save = useMutation(trpc.programs.setIpAllowlist.mutationOptions({ onSuccess: () => (setSaved(true), refresh.onSuccess()) }));
  const { errors, formError, check } = useFormErrors(save.error);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSaved(false);
    const input = { programId, allowlist: formValues(e.currentTarget).allowlist ?? "" };
    if (check(ipAllowlistInput, input)) save.mutate(input);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate>
      <FormError message={formError} />
      <Field
        label="Postback IP allowlist"
        error={errors.allowlist}
        hint="One IP address or CIDR range per line, e.g. 203.0.113.7 or 2001:db8::/32. Leave empty to accept postbacks from any address."
      >
        {(p) => <Textarea {...p} name="allowlist" rows={3} spellCheck={false} defaultValue={allowlist.join("\n")} placeholder="203.0.113.0/24" className="font-mono" />}
      </Field>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="secondary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save allowlist"}
        </Button>
        <span aria-live="polite" className="text-sm text-green-700">
          {saved ? "Saved" : ""}
        </span>
      </div>
    </form>
  );
}
