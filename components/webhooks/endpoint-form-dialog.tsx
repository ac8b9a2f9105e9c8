"use client";

import { useMutation } from "@tanstack/react-query";
import { Pencil, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@/db/schema/values";
import { useFormErrors } from "@/components/forms/use-form-errors";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { DialogFormActions } from "@/components/ui/dialog-form-actions";
import { Field, Input } from "@/components/ui/field";
import { WEBHOOK_EVENT_LABELS } from "./event-labels";

type Existing = { id: string; url: string; description: string; events: string[] };

/** Add an endpoint, or edit one: its URL, a description and the events it receives (none ticked: all). */
export function EndpointFormDialog({ endpoint }: { endpoint?: Existing }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [events, setEvents] = useState<Set<string>>(new Set(endpoint?.events ?? []));
  const done = {
    onSuccess: (r: { endpointId: string }) => {
      setOpen(false);
      if (endpoint) router.refresh();
      else router.push(`/admin/settings/webhooks/${r.endpointId}`);
    },
  };
  const create = useMutation(trpc.webhooks.create.mutationOptions(done));
  const update = useMutation(trpc.webhooks.update.mutationOptions(done));
  const pending = create.isPending || update.isPending;
  const form = useFormErrors(endpoint ? update.error : create.error);

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const values = { url: String(data.get("url") ?? ""), description: String(data.get("description") ?? ""), events: [...events] as WebhookEventType[] };
    // The URL rules need node:net (server only): the server answers with field errors.
    form.reset();
    if (endpoint) update.mutate({ endpointId: endpoint.id, ...values });
    else create.mutate(values);
  }

  const toggle = (type: string, on: boolean) =>
    setEvents((prev) => {
      const next = new Set(prev);
      if (on) next.add(type);
      else next.delete(type);
      return next;
    });

  return (
    <Dialog open={open} onOpenChange={(o) => (setOpen(o), form.reset())}>
      <DialogTrigger asChild>
        {endpoint ? (
          <Button size="sm" variant="secondary">
            <Pencil aria-hidden /> Edit
          </Button>
        ) : (
          <Button size="sm">
            <Plus aria-hidden /> Add endpoint
          </Button>
        )}
      </DialogTrigger>
      <DialogContent title={endpoint ? "Edit endpoint" : "Add a webhook endpoint"} description="We POST signed JSON (Standard Webhooks) to this URL when the events you pick happen." size="lg">
        <form onSubmit={submit} className="space-y-4" noValidate>
          {form.formError ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{form.formError}</p> : null}
          <Field label="Endpoint URL" error={form.errors.url} hint="A public https:// address of your server.">
            {(p) => <Input {...p} name="url" defaultValue={endpoint?.url} placeholder="https://crm.example.com/hooks/touchpoint" inputMode="url" />}
          </Field>
          <Field label="Description (optional)" error={form.errors.description}>
            {(p) => <Input {...p} name="description" defaultValue={endpoint?.description} maxLength={200} placeholder="CRM sync" />}
          </Field>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-700">Events</legend>
            <p className="text-sm text-slate-500">{events.size === 0 ? "None ticked: this endpoint receives every event." : `${events.size} of ${WEBHOOK_EVENT_TYPES.length} events.`}</p>
            {form.errors.events ? <p className="text-sm text-red-600">{form.errors.events}</p> : null}
            <div className="grid gap-2 sm:grid-cols-2">
              {WEBHOOK_EVENT_TYPES.map((type) => (
                <label key={type} className="flex items-start gap-2 rounded-md border border-slate-200 p-2 text-sm">
                  <input type="checkbox" className="mt-0.5" name="events" value={type} checked={events.has(type)} onChange={(e) => toggle(type, e.target.checked)} />
                  <span>
                    <code className="font-mono text-xs text-slate-900">{type}</code>
                    <span className="block text-xs text-slate-500">{WEBHOOK_EVENT_LABELS[type]}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <DialogFormActions label={endpoint ? "Save changes" : "Add endpoint"} pending={pending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
