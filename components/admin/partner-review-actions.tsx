"use client";

import { useMutation } from "@tanstack/react-query";
import { Check, X } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Textarea } from "@/components/ui/field";
import { errorMessage, useTRPC } from "@/components/trpc";
import { useRefreshOnSuccess } from "./use-admin-mutation";

export function PartnerReviewActions({ partnerId, name, status }: { partnerId: string; name: string; status: string }) {
  const trpc = useTRPC();
  const review = useMutation(trpc.admin.reviewPartner.mutationOptions(useRefreshOnSuccess()));
  const [note, setNote] = useState("");
  return (
    <div className="flex items-center justify-end gap-2">
      {review.error ? <span className="text-xs text-red-600">{errorMessage(review.error)}</span> : null}
      {status === "pending" || status === "rejected" ? (
        <Button size="sm" disabled={review.isPending} onClick={() => review.mutate({ partnerId, decision: "approve" })} aria-label={`Approve ${name}`}>
          <Check aria-hidden /> Approve
        </Button>
      ) : null}
      {status === "pending" ? (
        <Dialog>
          <DialogTrigger asChild>
            <Button size="sm" variant="secondary" aria-label={`Reject ${name}`}>
              <X aria-hidden /> Reject
            </Button>
          </DialogTrigger>
          <DialogContent title={`Reject ${name}?`} description="They will not be able to sign in.">
            <Field label="Note (optional, internal)">{(p) => <Textarea {...p} value={note} onChange={(e) => setNote(e.target.value)} />}</Field>
            <div className="mt-4 flex justify-end gap-2">
              <DialogClose asChild>
                <Button variant="secondary">Cancel</Button>
              </DialogClose>
              <DialogClose asChild>
                <Button variant="danger" onClick={() => review.mutate({ partnerId, decision: "reject", note })}>
                  Reject application
                </Button>
              </DialogClose>
            </div>
          </DialogContent>
        </Dialog>
      ) : null}
    </div>
  );
}
