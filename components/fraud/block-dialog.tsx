"use client";

import { useMutation } from "@tanstack/react-query";
import { Ban } from "lucide-react";
import { useState } from "react";
import { FormError, formValues, useFormErrors } from "@/components/forms/use-form-errors";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { DialogFormActions } from "@/components/ui/dialog-form-actions";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { blockInput } from "@/server/fraud/schemas";

type Kind = "ip" | "cidr" | "sub_id";
const KIND_LABELS: Record<Kind, string> = { ip: "IP address", cidr: "IP range (CIDR)", sub_id: "A partner's sub-ID" };
const HINTS: Record<Kind, string> = {
  ip: "Every click and conversion from this address scores the blocked-range rule (100 points by default: reject).",
  cidr: "e.g. 203.0.113.0/24 or 2001:db8::/32.",
  sub_id: "Only this partner's traffic with this sub-ID value is blocked; other partners may use the same value.",
};

/**
 * "Block this IP / range / sub-ID": opened from a review item with the value filled in, or from the block list
 * empty. Blocks apply to checks from now on; what was decided stays decided.
 */
export function BlockDialog({
  programId,
  partners,
  initial,
  label = "Add block",
  size = "sm",
}: {
  programId: string;
  partners: { id: string; name: string }[];
  initial?: { kind: Kind; value: string; partnerId?: string };
  label?: string;
  size?: "sm" | "md";
}) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<Kind>(initial?.kind ?? "ip");
  const save = useMutation(trpc.fraud.block.mutationOptions({ onSuccess: () => (setOpen(false), refresh.onSuccess()) }));
  const { errors, formError, check, reset } = useFormErrors(save.error);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    const input = { programId, kind, value: v.value ?? "", reason: v.reason ?? "", ...(kind === "sub_id" && v.partnerId ? { partnerId: v.partnerId } : {}) };
    if (check(blockInput, input)) save.mutate(input);
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) return;
        reset();
        save.reset();
        setKind(initial?.kind ?? "ip");
      }}
    >
      <DialogTrigger asChild>
        <Button size={size} variant="secondary">
          <Ban aria-hidden /> {label}
        </Button>
      </DialogTrigger>
      <DialogContent title="Block traffic" description="New clicks and conversions that match score the blocked-range rule.">
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <FormError message={formError} />
          <Field label="What to block">
            {(p) => (
              <Select {...p} name="kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
                {(Object.keys(KIND_LABELS) as Kind[]).map((k) => (
                  <option key={k} value={k}>
                    {KIND_LABELS[k]}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={kind === "sub_id" ? "Sub-ID" : kind === "cidr" ? "Range" : "IP address"} error={errors.value} hint={HINTS[kind]}>
            {(p) => <Input {...p} name="value" defaultValue={initial?.kind === kind ? initial.value : ""} className="font-mono" spellCheck={false} key={kind} />}
          </Field>
          {kind === "sub_id" ? (
            <Field label="Partner" error={errors.partnerId}>
              {(p) => (
                <Select {...p} name="partnerId" defaultValue={initial?.partnerId ?? ""}>
                  <option value="" disabled>
                    Select a partner
                  </option>
                  {partners.map((pt) => (
                    <option key={pt.id} value={pt.id}>
                      {pt.name}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          ) : null}
          <Field label="Reason" error={errors.reason} hint="For your team; partners never see it.">
            {(p) => <Textarea {...p} name="reason" rows={2} placeholder="e.g. Proxy farm seen in three partners' traffic" />}
          </Field>
          <DialogFormActions label="Block" pendingLabel="Blocking…" pending={save.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
