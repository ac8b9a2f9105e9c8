"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError, formValues, useFormErrors } from "@/components/forms/use-form-errors";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { DialogFormActions } from "@/components/ui/dialog-form-actions";
import { Field, Input, Select } from "@/components/ui/field";
import { addPartnerInput, createInviteInput } from "@/server/partners/schemas";

type Option = { id: string; name: string };

function LinkResult({ link, what }: { link: string; what: string }) {
  return (
    <div className="space-y-2" role="status">
      <p className="text-sm text-slate-700">{what}</p>
      <div className="flex items-start gap-2">
        <code className="block min-w-0 flex-1 break-all rounded bg-slate-100 px-3 py-2 text-xs text-slate-800" data-testid="created-link">
          {link}
        </code>
        <CopyButton value={link} />
      </div>
    </div>
  );
}

/** An admin opens a partner account; the partner sets their password through the link shown (and e-mailed). */
export function AddPartnerDialog({ types, sponsors, managers }: { types: string[]; sponsors: Option[]; managers: Option[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<{ partnerId: string; setPasswordUrl: string } | null>(null);
  const add = useMutation(trpc.onboarding.addPartner.mutationOptions({ onSuccess: (r) => (setCreated(r), router.refresh()) }));
  const { errors, formError, check, reset } = useFormErrors(add.error);
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) {
          setCreated(null);
          add.reset();
          reset();
        }
      }}
    >
      <DialogTrigger asChild>
        <Button size="sm">Add partner</Button>
      </DialogTrigger>
      <DialogContent title="Add a partner" description="Opens the account now; the partner chooses a password through an invitation link." size="lg">
        {created ? (
          <div className="space-y-4">
            <LinkResult link={created.setPasswordUrl} what="Partner added. We e-mailed them this link to set their password; it works once, for 7 days. You can also pass it on yourself." />
            <Button asChild variant="secondary">
              <Link href={`/admin/partners/${created.partnerId}`}>Open the partner</Link>
            </Button>
          </div>
        ) : (
          <form
            className="grid gap-3 sm:grid-cols-2"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              const v = formValues(e.currentTarget);
              const input = {
                name: v.name ?? "",
                email: v.email ?? "",
                status: v.status as "approved" | "pending",
                type: v.type || undefined,
                company: v.company || undefined,
                website: v.website || undefined,
                sponsorId: v.sponsorId || undefined,
                managerUserId: v.managerUserId || undefined,
              };
              if (check(addPartnerInput, input)) add.mutate(input);
            }}
          >
            <Field label="Name" error={errors.name}>{(p) => <Input {...p} name="name" />}</Field>
            <Field label="Email" error={errors.email}>{(p) => <Input {...p} name="email" type="email" />}</Field>
            <Field label="Status" error={errors.status}>
              {(p) => (
                <Select {...p} name="status" defaultValue="approved">
                  <option value="approved">Approved (gets tracking links now)</option>
                  <option value="pending">Pending review</option>
                </Select>
              )}
            </Field>
            <Field label="Type" error={errors.type}>
              {(p) => (
                <Select {...p} name="type" defaultValue={types[0]}>
                  {types.map((t) => (
                    <option key={t} value={t}>
                      {t}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label="Company (optional)" error={errors.company}>{(p) => <Input {...p} name="company" />}</Field>
            <Field label="Website (optional)" error={errors.website}>{(p) => <Input {...p} name="website" placeholder="https://" />}</Field>
            <Field label="Sponsor (optional)" error={errors.sponsorId}>
              {(p) => (
                <Select {...p} name="sponsorId" defaultValue="">
                  <option value="">No sponsor</option>
                  {sponsors.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label="Manager (optional)" error={errors.managerUserId}>
              {(p) => (
                <Select {...p} name="managerUserId" defaultValue="">
                  <option value="">No manager</option>
                  {managers.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <div className="sm:col-span-2">
              <FormError message={formError} />
              <DialogFormActions label="Add partner" pendingLabel="Adding…" pending={add.isPending} />
            </div>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}

/** A single-use sign-up link with an expiry; it works even when sign-up is by invitation only. */
export function InviteLinkDialog() {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [open, setOpen] = useState(false);
  const [link, setLink] = useState<string | null>(null);
  const create = useMutation(trpc.onboarding.createInvite.mutationOptions({ onSuccess: (r) => (setLink(r.inviteTokenUrl), refresh.onSuccess()) }));
  const { errors, formError, check, reset } = useFormErrors(create.error);
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) {
          setLink(null);
          create.reset();
          reset();
        }
      }}
    >
      <DialogTrigger asChild>
        <Button size="sm" variant="secondary">
          Invite link
        </Button>
      </DialogTrigger>
      <DialogContent title="Create an invitation link" description="One person can sign up with it, even when sign-up is by invitation only.">
        {link ? (
          <LinkResult link={link} what="Send this link to the person you invite. It is shown only now." />
        ) : (
          <form
            className="space-y-3"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              const form = e.currentTarget;
              const v = formValues(form);
              const input = { note: v.note || undefined, approve: (form.elements.namedItem("approve") as HTMLInputElement | null)?.checked ?? false, expiresInDays: v.expiresInDays?.trim() ? Number(v.expiresInDays) : Number.NaN };
              if (check(createInviteInput, input)) create.mutate(input);
            }}
          >
            <Field label="For (optional)" error={errors.note} hint="Only your team sees it.">
              {(p) => <Input {...p} name="note" placeholder="Jane from Acme Media" />}
            </Field>
            <Field label="Valid for (days)" error={errors.expiresInDays}>
              {(p) => <Input {...p} name="expiresInDays" type="number" min={1} max={90} defaultValue={7} />}
            </Field>
            <label className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" name="approve" className="size-4 rounded border-slate-300" />
              Approve them at sign-up (no review)
            </label>
            <FormError message={formError} />
            <DialogFormActions label="Create link" pending={create.isPending} />
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}

export function RevokeInviteButton({ inviteId }: { inviteId: string }) {
  const trpc = useTRPC();
  const revoke = useMutation(trpc.onboarding.revokeInvite.mutationOptions(useRefreshOnSuccess()));
  return (
    <>
      <Button size="sm" variant="secondary" disabled={revoke.isPending} onClick={() => revoke.mutate({ inviteId })}>
        Revoke
      </Button>
      {revoke.error ? <p className="text-sm text-red-600">{errorMessage(revoke.error)}</p> : null}
    </>
  );
}
