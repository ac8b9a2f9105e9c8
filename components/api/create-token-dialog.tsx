"use client";

import { useMutation } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError, useFormErrors } from "@/components/forms/use-form-errors";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { DialogFormActions } from "@/components/ui/dialog-form-actions";
import { Field, Input, Select } from "@/components/ui/field";
import { createPartnerTokenInput } from "@/server/api/schemas";
import { SecretOnce } from "./secret-once";

/** The portal's "New token": a personal token for the partner API, shown once. */
export function CreateTokenDialog() {
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const create = useMutation(trpc.partnerTokens.create.mutationOptions({ onSuccess: () => router.refresh() }));
  const { errors, formError, check, reset } = useFormErrors(create.error);

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      reset();
      create.reset();
    }
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const days = String(form.get("expiresInDays") ?? "");
    const values = { name: String(form.get("name") ?? ""), expiresInDays: days ? Number(days) : null };
    if (check(createPartnerTokenInput, values)) create.mutate(createPartnerTokenInput.parse(values));
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden /> New token
        </Button>
      </DialogTrigger>
      <DialogContent title={create.data ? "Your new token" : "New token"} description={create.data ? undefined : "It reads your own stats, conversions, commissions and payouts. It cannot change anything."}>
        {create.data ? (
          <SecretOnce secret={create.data.secret} onDone={() => onOpenChange(false)} />
        ) : (
          <form onSubmit={onSubmit} className="space-y-4" noValidate>
            <FormError message={formError} />
            <Field label="Name" error={errors.name} hint="Say what uses it, e.g. “my tracker”.">
              {(p) => <Input {...p} name="name" maxLength={80} autoComplete="off" />}
            </Field>
            <Field label="Expires" error={errors.expiresInDays}>
              {(p) => (
                <Select {...p} name="expiresInDays" defaultValue="365">
                  <option value="30">In 30 days</option>
                  <option value="90">In 90 days</option>
                  <option value="365">In a year</option>
                  <option value="">Never</option>
                </Select>
              )}
            </Field>
            <DialogFormActions label="Create token" pendingLabel="Creating…" pending={create.isPending} />
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
