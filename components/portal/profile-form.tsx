"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/field";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";

type Profile = { name: string; contactName: string | null; company: string | null; phone: string | null; website: string | null; country: string | null; trafficSources: string[]; promotionMethods: string | null };

export function ProfileForm({ profile }: { profile: Profile }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const save = useMutation(trpc.partner.updateProfile.mutationOptions({ onSuccess: () => (setSaved(true), router.refresh()) }));
  const errors = fieldErrors(save.error);
  return (
    <form
      className="grid gap-4 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        const v = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
        save.mutate({ name: v.name ?? "", contactName: v.contactName, company: v.company, phone: v.phone, website: v.website, country: v.country, promotionMethods: v.promotionMethods, trafficSources: (v.trafficSources ?? "").split(",").map((s) => s.trim()).filter(Boolean) });
      }}
    >
      <Field label="Name" error={errors.name}>{(p) => <Input {...p} name="name" defaultValue={profile.name} />}</Field>
      <Field label="Contact person" error={errors.contactName}>{(p) => <Input {...p} name="contactName" defaultValue={profile.contactName ?? ""} />}</Field>
      <Field label="Company" error={errors.company}>{(p) => <Input {...p} name="company" defaultValue={profile.company ?? ""} />}</Field>
      <Field label="Phone" error={errors.phone}>{(p) => <Input {...p} name="phone" defaultValue={profile.phone ?? ""} />}</Field>
      <Field label="Website" error={errors.website}>{(p) => <Input {...p} name="website" defaultValue={profile.website ?? ""} placeholder="https://" />}</Field>
      <Field label="Country (2 letters)" error={errors.country}>{(p) => <Input {...p} name="country" defaultValue={profile.country ?? ""} maxLength={2} />}</Field>
      <div className="sm:col-span-2">
        <Field label="Traffic sources" hint="Separate with commas: SEO, email, paid social…" error={errors.trafficSources}>
          {(p) => <Input {...p} name="trafficSources" defaultValue={profile.trafficSources.join(", ")} />}
        </Field>
      </div>
      <div className="sm:col-span-2">
        <Field label="How you promote the program" error={errors.promotionMethods}>{(p) => <Textarea {...p} name="promotionMethods" defaultValue={profile.promotionMethods ?? ""} />}</Field>
      </div>
      <div className="flex items-center gap-3 sm:col-span-2">
        <Button type="submit" disabled={save.isPending}>
          Save profile
        </Button>
        {saved ? <span className="text-sm text-emerald-700">Saved.</span> : null}
        {save.error && !Object.keys(errors).length ? <span className="text-sm text-red-600">{errorMessage(save.error)}</span> : null}
      </div>
    </form>
  );
}

export function PasswordForm() {
  const trpc = useTRPC();
  const [done, setDone] = useState(false);
  // a new password ends every session, this one too: sign in again with it
  const change = useMutation(trpc.partner.changePassword.mutationOptions({ onSuccess: () => (setDone(true), signOut({ callbackUrl: "/login?changed=1" })) }));
  const errors = fieldErrors(change.error);
  return (
    <form
      className="max-w-sm space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        setDone(false);
        const form = e.currentTarget;
        const v = Object.fromEntries(new FormData(form)) as Record<string, string>;
        change.mutate({ current: v.current ?? "", next: v.next ?? "" }, { onSuccess: () => form.reset() });
      }}
    >
      <Field label="Current password" error={errors.current}>{(p) => <Input {...p} name="current" type="password" autoComplete="current-password" />}</Field>
      <Field label="New password" hint="At least 10 characters." error={errors.next}>{(p) => <Input {...p} name="next" type="password" autoComplete="new-password" />}</Field>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="secondary" disabled={change.isPending}>
          Change password
        </Button>
        {done ? <span className="text-sm text-emerald-700">Password changed.</span> : null}
        {change.error && !Object.keys(errors).length ? <span className="text-sm text-red-600">{errorMessage(change.error)}</span> : null}
      </div>
    </form>
  );
}
