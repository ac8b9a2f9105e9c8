"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Radio } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { formatDateTime, formatMoney } from "@/components/format";
import { useTRPC } from "@/components/trpc";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";

type Status = "connecting" | "live" | "reconnecting" | "unavailable";
const STATUS: Record<Status, { label: string; tone: "success" | "warning" | "neutral" | "danger" }> = {
  connecting: { label: "Connecting…", tone: "neutral" },
  live: { label: "Live", tone: "success" },
  reconnecting: { label: "Reconnecting…", tone: "warning" },
  unavailable: { label: "Paused", tone: "danger" },
};
/** At most one reload of the page's numbers per this many ms, however busy the traffic. */
const REFRESH_EVERY_MS = 1_500;

/**
 * The admin dashboard's live feed: the newest clicks and conversions, kept current over Server-Sent Events
 * (/api/live). Each update reloads the feed and, through a router refresh, the KPI tiles and charts.
 */
export function LiveFeed() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [status, setStatus] = useState<Status>("connecting");
  const clicksInput = { limit: 8, offset: 0 };
  const clicks = useQuery(trpc.reports.clicks.queryOptions(clicksInput));
  const conversions = useQuery(trpc.reports.conversions.queryOptions(clicksInput));
  const last = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    const reload = () => {
      pending.current = null;
      last.current = Date.now();
      void queryClient.invalidateQueries({ queryKey: trpc.reports.clicks.queryKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.reports.conversions.queryKey() });
      router.refresh();
    };
    const source = new EventSource("/api/live");
    source.addEventListener("ready", () => setStatus("live"));
    source.addEventListener("update", () => {
      if (pending.current) return;
      pending.current = setTimeout(reload, Math.max(0, last.current + REFRESH_EVERY_MS - Date.now()));
    });
    source.addEventListener("unavailable", () => setStatus("unavailable"));
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? "unavailable" : "reconnecting");
    return () => {
      source.close();
      if (pending.current) clearTimeout(pending.current);
    };
  }, [queryClient, router, trpc]);

  const s = STATUS[status];
  return (
    <Card className="mt-8" data-testid="live-feed">
      <CardHeader
        title="Live feed"
        description="The newest clicks and conversions, as they are counted. The numbers above follow within seconds."
        actions={
          <Badge tone={s.tone} data-testid="live-status">
            <Radio className="mr-1 size-3" aria-hidden />
            {s.label}
          </Badge>
        }
      />
      <div className="grid gap-0 lg:grid-cols-2 lg:divide-x divide-slate-200">
        <section aria-label="Newest clicks" className="min-w-0 px-5 py-4">
          <h3 className="mb-2 text-sm font-medium text-slate-700">Clicks</h3>
          {clicks.data?.items.length === 0 ? <p className="text-sm text-slate-500">No clicks yet. Share a tracking link and the first one shows here.</p> : null}
          <ul className="divide-y divide-slate-100">
            {clicks.data?.items.map((c) => (
              <li key={c.id} data-testid="live-click" className="flex flex-wrap items-baseline justify-between gap-x-3 py-2 text-sm">
                <Link href={`/admin/clicks/${c.id}`} className="min-w-0 truncate font-medium text-slate-900 hover:underline">
                  {c.partnerName ?? "—"} · {c.offerName ?? "—"}
                </Link>
                <span className="text-xs text-slate-500">
                  {[c.country ?? "country unknown", c.deviceType, c.isBot ? "bot" : null].filter(Boolean).join(" · ")} · {formatDateTime(c.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        </section>
        <section aria-label="Newest conversions" className="min-w-0 border-t border-slate-200 px-5 py-4 lg:border-t-0">
          <h3 className="mb-2 text-sm font-medium text-slate-700">Conversions</h3>
          {conversions.data?.items.length === 0 ? <p className="text-sm text-slate-500">No conversions yet. Send a test postback from your backend.</p> : null}
          <ul className="divide-y divide-slate-100">
            {conversions.data?.items.map((c) => (
              <li key={c.id} data-testid="live-conversion" className="flex flex-wrap items-baseline justify-between gap-x-3 py-2 text-sm">
                <Link href={`/admin/conversions/${c.id}`} className="min-w-0 truncate font-medium text-slate-900 hover:underline">
                  {c.event.toUpperCase()} · {c.partnerName ?? "unattributed"}
                </Link>
                <span className="text-xs text-slate-500">
                  {c.amount !== null && c.currency ? `${formatMoney(c.amount, c.currency)} · ` : ""}
                  {c.fraudStatus ? `fraud: ${c.fraudStatus} · ` : ""}
                  {formatDateTime(c.occurredAt)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </Card>
  );
}
