"use client";

import * as DialogPrimitive from "@radix-ui/react-dialog";
import { Menu, X } from "lucide-react";
import { useState } from "react";

/**
 * Below `md` the sidebar folds into a menu button that opens it as a sheet from the left (a Radix dialog: focus
 * is trapped, Escape and the overlay close it). Following a link closes it; `children` is the sidebar's content.
 */
export function MobileNav({ area, children }: { area: string; children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <DialogPrimitive.Root open={open} onOpenChange={setOpen}>
      <DialogPrimitive.Trigger className="rounded-md p-2 text-slate-200 hover:bg-white/10 hover:text-white md:hidden" aria-label={`Open ${area.toLowerCase()} menu`}>
        <Menu className="size-5" aria-hidden />
      </DialogPrimitive.Trigger>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="fixed inset-0 z-40 bg-slate-900/50 md:hidden" />
        <DialogPrimitive.Content
          className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col gap-4 overflow-y-auto bg-slate-900 px-3 py-4 shadow-xl md:hidden"
          // following a link closes the sheet (also a link to the page already shown, which changes no path)
          onClick={(e) => (e.target as HTMLElement).closest("a") && setOpen(false)}
        >
          <div className="flex items-center justify-between px-3">
            <DialogPrimitive.Title className="font-semibold text-white">Touchpoint · {area}</DialogPrimitive.Title>
            <DialogPrimitive.Close className="rounded p-1 text-slate-300 hover:text-white" aria-label="Close menu">
              <X className="size-5" aria-hidden />
            </DialogPrimitive.Close>
          </div>
          <DialogPrimitive.Description className="sr-only">Where to go in the {area.toLowerCase()} area</DialogPrimitive.Description>
          {children}
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}
