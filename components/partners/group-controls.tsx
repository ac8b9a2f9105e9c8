"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { FormError, formValues, useFormErrors } from "@/components/forms/use-form-errors";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { groupInput, groupPlanInput, partnerTypesInput } from "@/server/partners/schemas";

type Group = { id: string; name: string };

/** New group (or rename one): name and an optional description. */
export function GroupForm({ group }: { group?: { id: string; name: string; description: string | null } }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [saved, setSaved] = useState(false);
  const save = useMutation(trpc.onboarding.saveGroup.mutationOptions({ onSuccess: () => (setSaved(true), refresh.onSuccess()) }));
  const { errors, formError, check } = useFormErrors(save.error);
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        const v = formValues(e.currentTarget);
        const input = { groupId: group?.id, name: v.name ?? "", description: v.description || undefined };
        if (check(groupInput, input)) save.mutate(input, { onSuccess: () => (group ? undefined : (e.target as HTMLFormElement).reset()) });
      }}
    >
      <div className="min-w-40 flex-1">
        <Field label={group ? "Name" : "New group"} error={errors.name}>{(p) => <Input {...p} name="name" defaultValue={group?.name} placeholder="Gold" />}</Field>
      </div>
      <div className="min-w-40 flex-[2]">
        <Field label="Description (optional)" error={errors.description}>{(p) => <Input {...p} name="description" defaultValue={group?.description ?? ""} />}</Field>
      </div>
      <Button type="submit" size="md" variant={group ? "secondary" : "primary"} disabled={save.isPending}>
        {group ? "Rename" : "Add group"}
      </Button>
      {saved ? <span role="status" className="text-sm text-green-700">Saved.</span> : null}
      <div className="w-full">
        <FormError message={formError} />
      </div>
    </form>
  );
}

export function DeleteGroupButton({ groupId, name }: { groupId: string; name: string }) {
  const trpc = useTRPC();
  const del = useMutation(trpc.onboarding.deleteGroup.mutationOptions(useRefreshOnSuccess()));
  return (
    <>
      <Button
        size="sm"
        variant="danger"
        disabled={del.isPending}
        onClick={() => {
          if (window.confirm(`Delete the group ${name}? Plans already assigned to its members stay.`)) del.mutate({ groupId });
        }}
      >
        Delete
      </Button>
      {del.error ? <p className="text-sm text-red-600">{errorMessage(del.error)}</p> : null}
    </>
  );
}

/** Checkboxes for a set of groups, saved together. */
function GroupChecklist({ groups, current, pending, onSave, label }: { groups: Group[]; current: string[]; pending: boolean; onSave: (ids: string[]) => void; label: string }) {
  const [chosen, setChosen] = useState(new Set(current));
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        onSave([...chosen]);
      }}
    >
      <fieldset className="space-y-1.5">
        <legend className="sr-only">{label}</legend>
        {groups.map((g) => (
          <label key={g.id} className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              className="size-4 rounded border-slate-300"
              checked={chosen.has(g.id)}
              onChange={(e) => {
                const next = new Set(chosen);
                if (e.target.checked) next.add(g.id);
                else next.delete(g.id);
                setChosen(next);
              }}
            />
            {g.name}
          </label>
        ))}
      </fieldset>
      <Button type="submit" size="sm" variant="secondary" disabled={pending}>
        Save groups
      </Button>
    </form>
  );
}

export function PartnerGroupsForm({ partnerId, groups, current }: { partnerId: string; groups: Group[]; current: string[] }) {
  const trpc = useTRPC();
  const set = useMutation(trpc.onboarding.setPartnerGroups.mutationOptions(useRefreshOnSuccess()));
  return (
    <div className="space-y-2">
      <GroupChecklist label="Groups" groups={groups} current={current} pending={set.isPending} onSave={(groupIds) => set.mutate({ partnerId, groupIds })} />
      {set.error ? <p className="text-sm text-red-600">{errorMessage(set.error)}</p> : null}
    </div>
  );
}

export function OfferGroupsForm({ offerId, groups, current }: { offerId: string; groups: Group[]; current: string[] }) {
  const trpc = useTRPC();
  const set = useMutation(trpc.onboarding.setOfferGroups.mutationOptions(useRefreshOnSuccess()));
  return (
    <div className="space-y-2">
      <GroupChecklist label="Groups that see this offer" groups={groups} current={current} pending={set.isPending} onSave={(groupIds) => set.mutate({ offerId, groupIds })} />
      {set.error ? <p className="text-sm text-red-600">{errorMessage(set.error)}</p> : null}
    </div>
  );
}

type PlanChoice = { programId: string; programName: string; plans: { id: string; name: string }[]; offers: { id: string; name: string }[] };

/** Assign one plan to every member of a group (each gets their own assignment, from now or a later date). */
export function GroupPlanForm({ groups, programs }: { groups: Group[]; programs: PlanChoice[] }) {
  const trpc = useTRPC();
  const [programId, setProgramId] = useState(programs[0]?.programId ?? "");
  const [done, setDone] = useState<string | null>(null);
  const assign = useMutation(trpc.onboarding.assignPlanToGroup.mutationOptions({ onSuccess: (r) => setDone(`Assigned to ${r.assigned} partner${r.assigned === 1 ? "" : "s"}.`) }));
  const { errors, formError, check } = useFormErrors(assign.error);
  const program = programs.find((p) => p.programId === programId);
  if (programs.length === 0 || groups.length === 0) return <p className="text-sm text-slate-500">Create a group and a commission plan first.</p>;
  return (
    <form
      className="grid gap-3 sm:grid-cols-2"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setDone(null);
        const v = formValues(e.currentTarget);
        const input = { programId, planId: v.planId ?? "", groupId: v.groupId ?? "", offerId: v.offerId || null, effectiveFrom: v.effectiveFrom ? new Date(v.effectiveFrom) : undefined, note: v.note ?? "" };
        if (check(groupPlanInput, input)) assign.mutate(input);
      }}
    >
      <Field label="Group" error={errors.groupId}>
        {(p) => (
          <Select {...p} name="groupId">
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Program" error={errors.programId}>
        {(p) => (
          <Select {...p} value={programId} onChange={(e) => setProgramId(e.target.value)}>
            {programs.map((pr) => (
              <option key={pr.programId} value={pr.programId}>
                {pr.programName}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Plan" error={errors.planId}>
        {(p) => (
          <Select {...p} name="planId" key={programId}>
            {program?.plans.map((pl) => (
              <option key={pl.id} value={pl.id}>
                {pl.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Offer" error={errors.offerId}>
        {(p) => (
          <Select {...p} name="offerId" key={programId}>
            <option value="">Every offer of the program</option>
            {program?.offers.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="From (optional)" error={errors.effectiveFrom} hint="Empty: from now.">
        {(p) => <Input {...p} name="effectiveFrom" type="datetime-local" />}
      </Field>
      <Field label="Note" error={errors.note} hint="The partners see it with the change.">
        {(p) => <Input {...p} name="note" placeholder="Gold tier from this month" />}
      </Field>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <Button type="submit" disabled={assign.isPending}>
          Assign to the group
        </Button>
        {done ? <span role="status" className="text-sm text-green-700">{done}</span> : null}
        <FormError message={formError} />
      </div>
    </form>
  );
}

/** The program's partner types, one per line. */
export function PartnerTypesForm({ programId, types }: { programId: string; types: string[] }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [saved, setSaved] = useState(false);
  const save = useMutation(trpc.onboarding.setPartnerTypes.mutationOptions({ onSuccess: () => (setSaved(true), refresh.onSuccess()) }));
  const { errors, formError, check } = useFormErrors(save.error);
  return (
    <form
      className="space-y-3"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        const text = formValues(e.currentTarget).types ?? "";
        const input = { programId, types: text.split("\n").map((t) => t.trim()).filter(Boolean) };
        if (check(partnerTypesInput, input)) save.mutate(input);
      }}
    >
      <Field label="Partner types" error={errors.types} hint="One per line. Partners keep their type when it is removed from the list.">
        {(p) => <Textarea {...p} name="types" rows={6} defaultValue={types.join("\n")} />}
      </Field>
      <div className="flex items-center gap-3">
        <Button type="submit" size="sm" variant="secondary" disabled={save.isPending}>
          Save types
        </Button>
        {saved ? <span role="status" className="text-sm text-green-700">Saved.</span> : null}
      </div>
      <FormError message={formError} />
    </form>
  );
}
