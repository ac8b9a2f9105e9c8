"use client";

import { useMutation } from "@tanstack/react-query";
import { Megaphone } from "lucide-react";
import { useState } from "react";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { FormError, formValues, useFormErrors } from "@/components/forms/use-form-errors";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { DialogFormActions } from "@/components/ui/dialog-form-actions";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { createAnnouncementInput } from "@/server/announcements/schemas";

type Option = { id: string; name: string };

/** "New announcement": to every partner, one group, or one offer's partners; optionally e-mailed. */
export function ComposeAnnouncementDialog({ groups, offers }: { groups: Option[]; offers: Option[] }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [open, setOpen] = useState(false);
  const [audience, setAudience] = useState("all");
  const [sent, setSent] = useState<string | null>(null);
  const create = useMutation(
    trpc.announcements.create.mutationOptions({
      onSuccess: (r) => {
        setOpen(false);
        setSent(`Sent to ${r.recipients} partner${r.recipients === 1 ? "" : "s"}${r.mailed ? `, ${r.mailed} by e-mail` : ""}.`);
        refresh.onSuccess();
      },
    }),
  );
  const { errors, formError, check, reset } = useFormErrors(create.error);

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      reset();
      create.reset();
    } else setSent(null);
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const values = { ...formValues(e.currentTarget), email: (e.currentTarget.elements.namedItem("email") as HTMLInputElement).checked };
    if (check(createAnnouncementInput, values)) create.mutate(createAnnouncementInput.parse(values));
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <Dialog open={open} onOpenChange={onOpenChange}>
        <DialogTrigger asChild>
          <Button>
            <Megaphone aria-hidden /> New announcement
          </Button>
        </DialogTrigger>
        <DialogContent title="New announcement" description="Shown in the partners' portal at once. Sent announcements cannot be edited." size="lg">
          <form onSubmit={onSubmit} className="space-y-4" noValidate>
            <FormError message={formError} />
            <Field label="Title" error={errors.title}>
              {(p) => <Input {...p} name="title" maxLength={150} />}
            </Field>
            <Field label="Message" error={errors.body} hint="Plain text; a blank line starts a new paragraph.">
              {(p) => <Textarea {...p} name="body" rows={6} maxLength={5000} />}
            </Field>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Send to" error={errors.audience}>
                {(p) => (
                  <Select {...p} name="audience" value={audience} onChange={(e) => setAudience(e.target.value)}>
                    <option value="all">All approved partners</option>
                    <option value="group" disabled={groups.length === 0}>
                      A partner group
                    </option>
                    <option value="offer">The partners of one offer</option>
                  </Select>
                )}
              </Field>
              {audience === "group" ? (
                <Field label="Group" error={errors.groupId}>
                  {(p) => (
                    <Select {...p} name="groupId" defaultValue="">
                      <option value="" disabled>
                        Select a group
                      </option>
                      {groups.map((g) => (
                        <option key={g.id} value={g.id}>
                          {g.name}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
              ) : audience === "offer" ? (
                <Field label="Offer" error={errors.offerId} hint="Partners holding a tracking link to it.">
                  {(p) => (
                    <Select {...p} name="offerId" defaultValue="">
                      <option value="" disabled>
                        Select an offer
                      </option>
                      {offers.map((o) => (
                        <option key={o.id} value={o.id}>
                          {o.name}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
              ) : null}
            </div>
            <label className="flex items-start gap-2 text-sm text-slate-700">
              <input type="checkbox" name="email" className="mt-0.5 size-4 rounded border-slate-300" />
              <span>
                Also e-mail it
                <span className="block text-slate-500">Only to partners who have not turned announcement e-mails off in their settings.</span>
              </span>
            </label>
            <DialogFormActions label="Send announcement" pendingLabel="Sending…" pending={create.isPending} />
          </form>
        </DialogContent>
      </Dialog>
      {sent ? (
        <p role="status" className="text-sm text-green-700">
          {sent}
        </p>
      ) : null}
    </div>
  );
}
