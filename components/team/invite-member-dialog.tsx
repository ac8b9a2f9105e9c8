"use client";

import { useMutation } from "@tanstack/react-query";
import { UserPlus } from "lucide-react";
import { useState } from "react";
import { FormError, formValues, useFormErrors } from "@/components/forms/use-form-errors";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { DialogFormActions } from "@/components/ui/dialog-form-actions";
import { Field, Input, Select } from "@/components/ui/field";
import { useTRPC } from "@/components/trpc";
import { inviteInput } from "@/server/team/schemas";
import { ROLE_LABELS } from "./roles";

/** "Invite member": an e-mail with a link to set a password. */
export function InviteMemberDialog({ roles }: { roles: string[] }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [open, setOpen] = useState(false);
  const invite = useMutation(trpc.team.invite.mutationOptions({ onSuccess: () => (setOpen(false), refresh.onSuccess()) }));
  const { errors, formError, check, reset } = useFormErrors(invite.error);

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      reset();
      invite.reset();
    }
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const values = formValues(e.currentTarget);
    if (check(inviteInput, values)) invite.mutate(inviteInput.parse(values));
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <UserPlus aria-hidden /> Invite member
        </Button>
      </DialogTrigger>
      <DialogContent title="Invite a team member" description="They get an e-mail with a link to set their password. The link works once, for 7 days.">
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <FormError message={formError} />
          <Field label="Name" error={errors.name}>
            {(p) => <Input {...p} name="name" maxLength={120} autoComplete="off" />}
          </Field>
          <Field label="Email" error={errors.email}>
            {(p) => <Input {...p} name="email" type="email" maxLength={254} autoComplete="off" />}
          </Field>
          <Field label="Role" error={errors.role} hint={roles.length ? ROLE_HINTS : undefined}>
            {(p) => (
              <Select {...p} name="role" defaultValue="">
                <option value="" disabled>
                  Select a role
                </option>
                {roles.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r] ?? r}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <DialogFormActions label="Send invite" pendingLabel="Sending…" pending={invite.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}

const ROLE_HINTS = "Finance approves and pays; a manager works with their own partners; support and viewers read.";
