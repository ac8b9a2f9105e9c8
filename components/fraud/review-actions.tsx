"use client";

import { useMutation } from "@tanstack/react-query";
import { Check, MessageSquareReply, X } from "lucide-react";
import { useState } from "react";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { FormError } from "@/components/forms/use-form-errors";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { DialogFormActions } from "@/components/ui/dialog-form-actions";
import { Field, Textarea } from "@/components/ui/field";

type Decision = "clear" | "reject";

const COPY: Record<Decision, { button: string; title: string; description: string; noteHint: string; submit: string }> = {
  clear: {
    button: "Clear",
    title: "Clear this conversion?",
    description: "Its fraud status becomes clear, so its commission can be approved. A conversion the rules rejected earns its commission now.",
    noteHint: "For your team (optional); the partner never sees it.",
    submit: "Clear conversion",
  },
  reject: {
    button: "Reject",
    title: "Reject this conversion?",
    description: "Every commission it earned is reversed. The partner sees the reason category only, never the rules or the evidence.",
    noteHint: "For your team; the partner never sees it.",
    submit: "Reject and reverse",
  },
};

function DecisionDialog({ checkId, decision, hasAppeal }: { checkId: string; decision: Decision; hasAppeal: boolean }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const [reply, setReply] = useState("");
  const [noteError, setNoteError] = useState<string | null>(null);
  const done = { onSuccess: () => (setOpen(false), refresh.onSuccess()) };
  const clear = useMutation(trpc.fraud.clear.mutationOptions(done));
  const reject = useMutation(trpc.fraud.reject.mutationOptions(done));
  const m = decision === "clear" ? clear : reject;
  const copy = COPY[decision];

  function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const extra = { ...(note.trim() ? { note } : {}), ...(reply.trim() ? { reply } : {}) };
    if (decision === "reject") {
      if (note.trim().length < 3) return setNoteError("Say why (at least 3 characters).");
      setNoteError(null);
      reject.mutate({ checkId, note, ...(reply.trim() ? { reply } : {}) });
    } else clear.mutate({ checkId, ...extra });
  }

  return (
    <Dialog open={open} onOpenChange={(o) => (setOpen(o), o && (m.reset(), setNoteError(null)))}>
      <DialogTrigger asChild>
        <Button variant={decision === "clear" ? "primary" : "danger"}>
          {decision === "clear" ? <Check aria-hidden /> : <X aria-hidden />} {copy.button}
        </Button>
      </DialogTrigger>
      <DialogContent title={copy.title} description={copy.description}>
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <FormError message={m.error && !fieldErrors(m.error).note ? errorMessage(m.error) : null} />
          <Field label={decision === "reject" ? "Why" : "Note"} hint={copy.noteHint} error={noteError ?? fieldErrors(m.error).note}>
            {(p) => <Textarea {...p} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
          </Field>
          {hasAppeal ? (
            <Field label="Answer to the partner's appeal" hint="Shown to the partner. Leave empty for a standard answer.">
              {(p) => <Textarea {...p} rows={2} value={reply} onChange={(e) => setReply(e.target.value)} />}
            </Field>
          ) : null}
          <DialogFormActions label={copy.submit} pendingLabel="Saving…" pending={m.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** Clear or reject a review item. Which are offered depends on where the review stands. */
export function ReviewActions({ checkId, canClear, canReject, hasAppeal }: { checkId: string; canClear: boolean; canReject: boolean; hasAppeal: boolean }) {
  return (
    <div className="flex flex-wrap gap-2">
      {canClear ? <DecisionDialog checkId={checkId} decision="clear" hasAppeal={hasAppeal} /> : null}
      {canReject ? <DecisionDialog checkId={checkId} decision="reject" hasAppeal={hasAppeal} /> : null}
    </div>
  );
}

/** Answer an appeal without deciding yet, e.g. to ask for the customer's registration time. */
export function ReplyToAppeal({ appealId }: { appealId: string }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [open, setOpen] = useState(false);
  const [reply, setReply] = useState("");
  const send = useMutation(trpc.fraud.replyToAppeal.mutationOptions({ onSuccess: () => (setOpen(false), setReply(""), refresh.onSuccess()) }));
  return (
    <Dialog open={open} onOpenChange={(o) => (setOpen(o), o && send.reset())}>
      <DialogTrigger asChild>
        <Button size="sm" variant="secondary">
          <MessageSquareReply aria-hidden /> Reply
        </Button>
      </DialogTrigger>
      <DialogContent title="Reply to the appeal" description="The partner sees your reply on the conversion's page. The conversion stays as it is.">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            send.mutate({ appealId, reply });
          }}
          className="space-y-4"
          noValidate
        >
          <Field label="Reply" error={fieldErrors(send.error).reply ?? (send.error && !fieldErrors(send.error).reply ? errorMessage(send.error) : null)}>
            {(p) => <Textarea {...p} rows={3} value={reply} onChange={(e) => setReply(e.target.value)} />}
          </Field>
          <DialogFormActions label="Send reply" pendingLabel="Sending…" pending={send.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
