"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { DialogFormActions } from "@/components/ui/dialog-form-actions";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import { useRefreshOnSuccess } from "./use-admin-mutation";

type Action = "approve" | "reject" | "suspend" | "reactivate" | "close";
const LABEL: Record<Action, string> = { approve: "Approve", reject: "Reject", suspend: "Suspend", reactivate: "Reactivate", close: "Close account" };
const NEEDS_REASON: Record<Action, boolean> = { approve: false, reject: false, suspend: true, reactivate: true, close: true };
const ACTIONS_FOR: Record<string, Action[]> = { pending: ["approve", "reject", "close"], approved: ["suspend", "close"], suspended: ["reactivate", "close"], rejected: ["approve", "close"], closed: [] };
const HINT: Partial<Record<Action, string>> = {
  suspend: "Their links keep sending visitors to your landing pages, but nothing they bring earns. They see this reason.",
  close: "The partner can no longer sign in or earn. They see this reason.",
};

function StatusDialog({ partnerId, action }: { partnerId: string; action: Action }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const refresh = useRefreshOnSuccess();
  const run = useMutation(trpc.admin.partnerAction.mutationOptions({ onSuccess: () => (setOpen(false), refresh.onSuccess()) }));
  const errors = fieldErrors(run.error);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm" variant={action === "approve" || action === "reactivate" ? "primary" : action === "close" || action === "suspend" ? "danger" : "secondary"}>
          {LABEL[action]}
        </Button>
      </DialogTrigger>
      <DialogContent title={`${LABEL[action]} this partner?`} description={HINT[action]}>
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            const reason = String(new FormData(e.currentTarget).get("reason") ?? "");
            run.mutate({ partnerId, action, reason: reason || undefined });
          }}
        >
          <Field label={NEEDS_REASON[action] ? "Reason" : "Reason (optional)"} error={errors.reason ?? (errors.action || (!Object.keys(errors).length ? errorMessage(run.error) : null))}>
            {(p) => <Textarea {...p} name="reason" />}
          </Field>
          <DialogFormActions label={LABEL[action]} pending={run.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}

export function PartnerStatusActions({ partnerId, status }: { partnerId: string; status: string }) {
  return (
    <div className="flex flex-wrap gap-2" data-testid="partner-status-actions">
      {(ACTIONS_FOR[status] ?? []).map((a) => (
        <StatusDialog key={a} partnerId={partnerId} action={a} />
      ))}
    </div>
  );
}

type Profile = { name: string; contactName: string | null; company: string | null; phone: string | null; website: string | null; country: string | null; type: string; trafficSources: string[] };

export function EditPartnerDialog({ partnerId, profile, types }: { partnerId: string; profile: Profile; types: string[] }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const refresh = useRefreshOnSuccess();
  const save = useMutation(trpc.admin.updatePartner.mutationOptions({ onSuccess: () => (setOpen(false), refresh.onSuccess()) }));
  const errors = fieldErrors(save.error);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm" variant="secondary">
          Edit profile
        </Button>
      </DialogTrigger>
      <DialogContent title="Edit partner" size="lg">
        <form
          className="grid gap-3 sm:grid-cols-2"
          onSubmit={(e) => {
            e.preventDefault();
            const v = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
            save.mutate({ partnerId, name: v.name ?? "", contactName: v.contactName, company: v.company, phone: v.phone, website: v.website, country: v.country, type: v.type, trafficSources: (v.trafficSources ?? "").split(",").map((s) => s.trim()).filter(Boolean) });
          }}
        >
          <Field label="Name" error={errors.name}>{(p) => <Input {...p} name="name" defaultValue={profile.name} />}</Field>
          <Field label="Contact person" error={errors.contactName}>{(p) => <Input {...p} name="contactName" defaultValue={profile.contactName ?? ""} />}</Field>
          <Field label="Company" error={errors.company}>{(p) => <Input {...p} name="company" defaultValue={profile.company ?? ""} />}</Field>
          <Field label="Phone" error={errors.phone}>{(p) => <Input {...p} name="phone" defaultValue={profile.phone ?? ""} />}</Field>
          <Field label="Website" error={errors.website}>{(p) => <Input {...p} name="website" defaultValue={profile.website ?? ""} />}</Field>
          <Field label="Country (2 letters)" error={errors.country}>{(p) => <Input {...p} name="country" defaultValue={profile.country ?? ""} maxLength={2} />}</Field>
          <Field label="Type" error={errors.type}>
            {(p) => (
              <Select {...p} name="type" defaultValue={profile.type}>
                {[...new Set([...types, profile.type])].map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label="Traffic sources" hint="Separate with commas" error={errors.trafficSources}>{(p) => <Input {...p} name="trafficSources" defaultValue={profile.trafficSources.join(", ")} />}</Field>
          <div className="sm:col-span-2">
            {save.error && !Object.keys(errors).length ? <p className="text-sm text-red-600">{errorMessage(save.error)}</p> : null}
            <DialogFormActions label="Save" pending={save.isPending} />
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}

export function ManagerSelect({ partnerId, current, managers }: { partnerId: string; current: string | null; managers: { id: string; name: string }[] }) {
  const trpc = useTRPC();
  const assign = useMutation(trpc.admin.assignManager.mutationOptions(useRefreshOnSuccess()));
  return (
    <div className="space-y-1">
      <Select aria-label="Manager" defaultValue={current ?? ""} disabled={assign.isPending} onChange={(e) => assign.mutate({ partnerId, managerUserId: e.target.value || null })}>
        <option value="">No manager</option>
        {managers.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </Select>
      {assign.error ? <p className="text-sm text-red-600">{errorMessage(assign.error)}</p> : null}
    </div>
  );
}

export function SponsorForm({ partnerId, current, candidates }: { partnerId: string; current: string | null; candidates: { id: string; name: string }[] }) {
  const trpc = useTRPC();
  const set = useMutation(trpc.admin.setSponsor.mutationOptions(useRefreshOnSuccess()));
  const errors = fieldErrors(set.error);
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        const v = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
        set.mutate({ partnerId, sponsorId: v.sponsorId || null, reason: v.reason || undefined });
      }}
    >
      <Field label="Sponsor" error={errors.sponsorId} hint="Takes effect from now; earlier conversions keep the sponsor in force then.">
        {(p) => (
          <Select {...p} name="sponsorId" defaultValue={current ?? ""}>
            <option value="">No sponsor</option>
            {candidates
              .filter((c) => c.id !== partnerId)
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
          </Select>
        )}
      </Field>
      <Field label="Reason (optional)" error={errors.reason}>{(p) => <Input {...p} name="reason" />}</Field>
      {set.error && !Object.keys(errors).length ? <p className="text-sm text-red-600">{errorMessage(set.error)}</p> : null}
      <Button type="submit" size="sm" variant="secondary" disabled={set.isPending}>
        Change sponsor
      </Button>
    </form>
  );
}

export function NoteForm({ partnerId }: { partnerId: string }) {
  const trpc = useTRPC();
  const [body, setBody] = useState("");
  const refresh = useRefreshOnSuccess();
  const add = useMutation(trpc.admin.addPartnerNote.mutationOptions({ onSuccess: () => (setBody(""), refresh.onSuccess()) }));
  const errors = fieldErrors(add.error);
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate({ partnerId, body });
      }}
    >
      <Field label="Add an internal note" error={errors.body ?? errorMessage(add.error)} hint="Only your team sees notes.">
        {(p) => <Textarea {...p} value={body} onChange={(e) => setBody(e.target.value)} />}
      </Field>
      <Button type="submit" size="sm" variant="secondary" disabled={add.isPending || body.trim() === ""}>
        Add note
      </Button>
    </form>
  );
}
