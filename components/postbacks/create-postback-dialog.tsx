"use client";

import { DialogFormActions } from "@/components/ui/dialog-form-actions";
import { useMutation } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/field";
import { useFormErrors } from "@/components/forms/use-form-errors";
import { useTRPC } from "@/components/trpc";

/** Add a URL template (GET with macros) or a signed JSON webhook, for every offer or one. */
export function CreatePostbackDialog({ offers, macros }: { offers: { id: string; name: string }[]; macros: string[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<"url" | "webhook">("url");
  const create = useMutation(trpc.postbacks.create.mutationOptions({ onSuccess: () => (setOpen(false), router.refresh()) }));
  const form = useFormErrors(create.error);

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const values = {
      kind,
      url: String(data.get("url") ?? ""),
      offerId: String(data.get("offerId") ?? "") || null,
      events: String(data.get("events") ?? "")
        .split(/[\s,]+/)
        .filter(Boolean),
    };
    // The URL rules need node:net (server only): the server answers with field errors.
    form.reset();
    create.mutate(values);
  }

  return (
    <Dialog open={open} onOpenChange={(o) => (setOpen(o), form.reset())}>
      <DialogTrigger asChild>
        <Button size="sm">
          <Plus aria-hidden /> Add postback
        </Button>
      </DialogTrigger>
      <DialogContent title="Add a postback" description="We call your tracker whenever a conversion is credited to you.">
        <form onSubmit={submit} className="space-y-4" noValidate>
          {form.formError ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{form.formError}</p> : null}
          <Field label="Type">
            {(p) => (
              <Select {...p} value={kind} onChange={(e) => setKind(e.target.value as "url" | "webhook")}>
                <option value="url">URL template (GET with macros)</option>
                <option value="webhook">Signed JSON webhook (POST)</option>
              </Select>
            )}
          </Field>
          <Field
            label={kind === "url" ? "URL template" : "Webhook URL"}
            error={form.errors.url}
            hint={kind === "url" ? `Macros: ${macros.map((m) => `{${m}}`).join(" ")}` : "We sign each request: X-Touchpoint-Signature: t=<unix>,v1=<HMAC-SHA256 of \"<t>.<body>\"> with your secret."}
          >
            {(p) => <Input {...p} name="url" placeholder={kind === "url" ? "https://tracker.example.com/pb?cid={sub1}&payout={payout}" : "https://tracker.example.com/hooks/touchpoint"} />}
          </Field>
          <Field label="Offer" error={form.errors.offerId}>
            {(p) => (
              <Select {...p} name="offerId" defaultValue="">
                <option value="">All offers</option>
                {offers.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label="Only for these events (optional)" error={form.errors.events} hint="Comma-separated, e.g. ftd, sale. Empty means every event.">
            {(p) => <Input {...p} name="events" placeholder="ftd" />}
          </Field>
          <DialogFormActions label="Save postback" pending={create.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
