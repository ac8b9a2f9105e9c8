"use client";

import { useMutation } from "@tanstack/react-query";
import { Send } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError, useFormErrors } from "@/components/forms/use-form-errors";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Field, Textarea } from "@/components/ui/field";
import { appealInput } from "@/server/fraud/schemas";

/** A partner contests the review; the message lands in the program's fraud queue. */
export function AppealForm({ conversionId }: { conversionId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [message, setMessage] = useState("");
  const send = useMutation(trpc.fraud.appeal.mutationOptions({ onSuccess: () => (setMessage(""), router.refresh()) }));
  const { errors, formError, check } = useFormErrors(send.error);

  function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const input = { conversionId, message };
    if (check(appealInput, input)) send.mutate(input);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate>
      <FormError message={formError} />
      <Field label="Appeal" error={errors.message} hint="Explain where this traffic came from. The program answers here.">
        {(p) => <Textarea {...p} rows={3} value={message} onChange={(e) => setMessage(e.target.value)} placeholder="e.g. This customer found us through our newsletter of 12 May; happy to share the send log." />}
      </Field>
      <Button type="submit" disabled={send.isPending}>
        <Send aria-hidden /> {send.isPending ? "Sending…" : "Send appeal"}
      </Button>
    </form>
  );
}
