"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/field";

/** Approve (optionally setting the expiry the document shows) or reject with a reason the partner is e-mailed. */
export function ReviewActions({ documentId, expiresAt }: { documentId: string; expiresAt: string | null }) {
  const trpc = useTRPC();
  const review = useMutation(trpc.documents.review.mutationOptions(useRefreshOnSuccess()));
  const [rejecting, setRejecting] = useState(false);
  const errors = fieldErrors(review.error);
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const expires = String(f.get("expiresAt") ?? "");
        const decision = (e.nativeEvent as SubmitEvent).submitter?.getAttribute("value") === "reject" ? "reject" : "approve";
        if (decision === "reject" && !rejecting) return setRejecting(true);
        review.mutate({ documentId, decision, reason: String(f.get("reason") ?? "") || undefined, expiresAt: expires ? new Date(`${expires}T00:00:00Z`) : undefined });
      }}
    >
      <Field label="Expires on" error={errors.expiresAt}>
        {(p) => <Input {...p} name="expiresAt" type="date" defaultValue={expiresAt ?? ""} className="max-w-44" />}
      </Field>
      {rejecting ? <Field label="Reason (the partner sees it)" error={errors.reason}>{(p) => <Textarea {...p} name="reason" rows={2} maxLength={500} placeholder="e.g. The scan is blurred; upload a sharper copy." />}</Field> : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="sm" value="approve" disabled={review.isPending}>
          Approve
        </Button>
        <Button type="submit" size="sm" variant="danger" value="reject" disabled={review.isPending}>
          {rejecting ? "Send rejection" : "Reject…"}
        </Button>
      </div>
      {review.error && !Object.keys(errors).length ? <p className="text-xs text-red-600">{errorMessage(review.error)}</p> : null}
    </form>
  );
}

/** Deletes a document's file once its retention period has passed (the server refuses before). */
export function DeleteDocumentButton({ documentId }: { documentId: string }) {
  const trpc = useTRPC();
  const del = useMutation(trpc.documents.delete.mutationOptions(useRefreshOnSuccess()));
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Button size="sm" variant="ghost" disabled={del.isPending} onClick={() => del.mutate({ documentId })}>
        Delete file
      </Button>
      {del.error ? <span className="text-xs text-red-600">{errorMessage(del.error)}</span> : null}
    </span>
  );
}
