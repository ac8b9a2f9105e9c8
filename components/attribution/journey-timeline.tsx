import { MousePointerClick } from "lucide-react";
import { formatDateTime } from "@/components/format";
import { cn } from "@/components/ui/cn";
import { SubIds, Weight } from "./explanation";
import { evidenceLabel } from "./models";

type Touch = { own: true; at: string; clickId: string; linkId: string | null; sub: (string | null)[]; weight: number } | { own: false; at: string; weight: number };

/** A partner's view of a journey: their own clicks in full, anyone else's as "Another partner" with a time and weight. */
export function JourneyTimeline({ touchpoints, linkNames, source }: { touchpoints: Touch[]; linkNames: Record<string, string>; source: string | null }) {
  if (touchpoints.length === 0) {
    return <p className="px-5 py-6 text-sm text-slate-500">No clicks: this conversion was credited by {evidenceLabel(source).toLowerCase()}.</p>;
  }
  return (
    <ol className="px-5 py-4" data-testid="journey">
      {touchpoints.map((t, i) => (
        <li key={i} className="relative flex gap-4 pb-6 last:pb-0" data-testid={t.own ? "own-touch" : "other-touch"}>
          {i < touchpoints.length - 1 ? <span className="absolute top-8 bottom-0 left-[15px] w-px bg-slate-200" aria-hidden /> : null}
          <span className={cn("relative grid size-8 shrink-0 place-items-center rounded-full ring-4 ring-white", t.own ? "bg-brand-600 text-white" : "bg-slate-200 text-slate-500")}>
            <MousePointerClick className="size-4" aria-hidden />
          </span>
          <div className="flex min-w-0 flex-1 items-start justify-between gap-4">
            <div className="min-w-0 space-y-1">
              <p className="text-sm font-medium text-slate-900">{t.own ? "Your click" : "Another partner"}</p>
              <p className="text-xs text-slate-500">{formatDateTime(t.at)}</p>
              {t.own ? (
                <>
                  <p className="text-sm text-slate-700">
                    via <span className="font-medium">{t.linkId ? (linkNames[t.linkId] ?? t.linkId) : "a link since removed"}</span>
                  </p>
                  <SubIds sub={t.sub} />
                </>
              ) : null}
            </div>
            <div className="shrink-0 text-right">
              <Weight value={t.weight} muted={!t.own} />
              <p className="text-xs text-slate-500">of the credit</p>
            </div>
          </div>
        </li>
      ))}
    </ol>
  );
}
