"use client";

import { useMutation } from "@tanstack/react-query";
import { Bell, CheckCheck } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { formatDate, formatDateTime } from "@/components/format";
import { cn } from "@/components/ui/cn";
import { useTRPC } from "@/components/trpc";

/** Notices are written with ISO dates ("from 2026-12-01"); show them as every other date in the portal. */
const readable = (text: string) => text.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (d) => formatDate(`${d}T00:00:00Z`));

export type Notice = { id: string; title: string; body: string; href: string | null; readAt: Date | null; createdAt: Date };

/** The partner's notices (approvals, payouts, changed terms) behind a bell with the unread count. */
export function NotificationBell({ items, unread }: { items: Notice[]; unread: number }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const mark = useMutation(trpc.partner.markNotificationsRead.mutationOptions({ onSuccess: () => router.refresh() }));

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    const onClick = (e: MouseEvent) => root.current && !root.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  return (
    <div ref={root} className="relative">
      <button
        type="button"
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        aria-haspopup="dialog"
        aria-label={unread ? `Notifications, ${unread} unread` : "Notifications"}
        className="relative rounded-md p-1.5 text-slate-300 hover:bg-white/10 hover:text-white"
      >
        <Bell className="size-5" aria-hidden />
        {unread ? (
          <span className="absolute -top-0.5 -right-0.5 grid min-w-4 place-items-center rounded-full bg-red-500 px-1 text-[10px] leading-4 font-semibold text-white" data-testid="unread-count">
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div role="dialog" aria-label="Notifications" className="absolute top-full right-0 z-50 mt-2 w-[min(22rem,calc(100vw-1.5rem))] overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xl md:right-auto md:left-0">
          <div className="flex items-center justify-between border-b border-slate-200 px-4 py-2.5">
            <p className="text-sm font-semibold text-slate-900">Notifications</p>
            <button type="button" disabled={unread === 0 || mark.isPending} onClick={() => mark.mutate({ all: true })} className="inline-flex items-center gap-1 text-xs font-medium text-brand-600 hover:underline disabled:text-slate-400 disabled:no-underline">
              <CheckCheck className="size-3.5" aria-hidden /> Mark all read
            </button>
          </div>
          {items.length === 0 ? (
            <p className="px-4 py-8 text-center text-sm text-slate-500">Nothing yet. Approvals, payouts and changes to your terms show here.</p>
          ) : (
            <ul className="max-h-[min(28rem,70dvh)] divide-y divide-slate-100 overflow-y-auto">
              {items.map((n) => {
                const body = (
                  <>
                    <p className={cn("text-sm", n.readAt ? "text-slate-700" : "font-semibold text-slate-900")}>
                      {n.readAt ? null : <span className="mr-1.5 inline-block size-2 rounded-full bg-brand-500 align-middle" aria-label="Unread" />}
                      {readable(n.title)}
                    </p>
                    <p className="mt-0.5 line-clamp-2 text-xs text-slate-500">{readable(n.body)}</p>
                    <p className="mt-1 text-[11px] text-slate-400">{formatDateTime(n.createdAt)}</p>
                  </>
                );
                const read = () => {
                  if (!n.readAt) mark.mutate({ ids: [n.id] });
                  setOpen(false);
                };
                return (
                  <li key={n.id} data-testid="notification" className={n.readAt ? undefined : "bg-brand-50/40"}>
                    {n.href ? (
                      <Link href={n.href} onClick={read} className="block px-4 py-3 hover:bg-slate-50">
                        {body}
                      </Link>
                    ) : (
                      <button type="button" onClick={read} className="block w-full px-4 py-3 text-left hover:bg-slate-50">
                        {body}
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}
