"use client";

import { useMutation } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useState } from "react";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { FormError, useFormErrors } from "@/components/forms/use-form-errors";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { DialogFormActions } from "@/components/ui/dialog-form-actions";
import { Field, Input, Select } from "@/components/ui/field";
import { createApiKeyInput } from "@/server/api/schemas";
import { API_RESOURCES, API_SCOPES } from "@/server/api/scopes";
import { SecretOnce } from "./secret-once";

const EXPIRY = [
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In a year" },
  { value: "30", label: "In 30 days" },
  { value: "", label: "Never" },
];

/** "New API key": a name, a program (or all), scopes per resource and an expiry; the secret is shown once. */
export function CreateApiKeyDialog({ programs }: { programs: { id: string; name: string }[] }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [open, setOpen] = useState(false);
  const [scopes, setScopes] = useState<Set<string>>(new Set());
  const create = useMutation(trpc.apiKeys.create.mutationOptions({ onSuccess: refresh.onSuccess }));
  const { errors, formError, check, reset } = useFormErrors(create.error);

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      reset();
      create.reset();
      setScopes(new Set());
    }
  }

  function toggle(scope: string, on: boolean) {
    const next = new Set(scopes);
    if (on) next.add(scope);
    else next.delete(scope);
    setScopes(next);
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const days = String(form.get("expiresInDays") ?? "");
    const values = { name: String(form.get("name") ?? ""), programId: String(form.get("programId") ?? "") || null, scopes: [...scopes], expiresInDays: days ? Number(days) : null };
    if (check(createApiKeyInput, values)) create.mutate(createApiKeyInput.parse(values));
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden /> New API key
        </Button>
      </DialogTrigger>
      <DialogContent title={create.data ? "Your new API key" : "New API key"} description={create.data ? undefined : "For your back office, CRM or accounting system. Send it as Authorization: Bearer <key>."} size="lg">
        {create.data ? (
          <SecretOnce secret={create.data.secret} onDone={() => onOpenChange(false)} />
        ) : (
          <form onSubmit={onSubmit} className="space-y-4" noValidate>
            <FormError message={formError} />
            <Field label="Name" error={errors.name} hint="Say what uses it, e.g. “CRM sync”.">
              {(p) => <Input {...p} name="name" maxLength={80} autoComplete="off" />}
            </Field>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Program" error={errors.programId}>
                {(p) => (
                  <Select {...p} name="programId" defaultValue="">
                    <option value="">All programs</option>
                    {programs.map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.name}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <Field label="Expires" error={errors.expiresInDays}>
                {(p) => (
                  <Select {...p} name="expiresInDays" defaultValue="90">
                    {EXPIRY.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
            </div>
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium text-slate-900">Scopes</legend>
              <p className="text-sm text-slate-500">Write includes read. Give each system only what it needs.</p>
              <div className="divide-y divide-slate-100 rounded-md border border-slate-200">
                {API_RESOURCES.map((r) => (
                  <div key={r} className="flex items-center justify-between gap-3 px-3 py-2 text-sm">
                    <span className="capitalize text-slate-800">{r}</span>
                    <span className="flex gap-4">
                      {(["read", "write"] as const).map((a) => {
                        const scope = `${r}:${a}`;
                        if (!(API_SCOPES as string[]).includes(scope)) return <span key={a} className="w-14" />;
                        return (
                          <label key={a} className="flex w-14 items-center gap-1.5">
                            <input type="checkbox" checked={scopes.has(scope)} onChange={(e) => toggle(scope, e.target.checked)} className="size-4 rounded border-slate-300" />
                            {a}
                          </label>
                        );
                      })}
                    </span>
                  </div>
                ))}
              </div>
              {errors.scopes ? <p className="text-sm text-red-600">{errors.scopes}</p> : null}
            </fieldset>
            <DialogFormActions label="Create key" pendingLabel="Creating…" pending={create.isPending} />
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
