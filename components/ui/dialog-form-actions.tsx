"use client";

import { Button } from "./button";
import { DialogClose } from "./dialog";

/** A dialog form's footer: Cancel closes, the submit button says what it does and shows when it is busy. */
export function DialogFormActions({ label, pendingLabel, pending }: { label: string; pendingLabel?: string; pending: boolean }) {
  return (
    <div className="flex justify-end gap-2 pt-2">
      <DialogClose asChild>
        <Button type="button" variant="secondary">
          Cancel
        </Button>
      </DialogClose>
      <Button type="submit" disabled={pending}>
        {pending && pendingLabel ? pendingLabel : label}
      </Button>
    </div>
  );
}
