import { TicketPercent } from "lucide-react";
import { StatusBadge } from "@/components/status-badge";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";

type Coupon = { id: string; code: string; status: "active" | "paused"; offerName: string };

/** The partner's coupon codes, read-only: the program team issues and pauses them. */
export function PartnerCoupons({ coupons }: { coupons: Coupon[] }) {
  if (coupons.length === 0) {
    return (
      <EmptyState icon={TicketPercent} title="No coupon codes yet">
        Ask your program manager for a code your audience can enter at sign-up or checkout.
      </EmptyState>
    );
  }
  return (
    <ul className="divide-y divide-slate-100">
      {coupons.map((c) => (
        <li key={c.id} className="flex items-center gap-3 px-5 py-3" data-testid="partner-coupon">
          <div className="min-w-0 flex-1">
            <p className="truncate font-mono text-sm font-semibold text-slate-900">{c.code}</p>
            <p className="truncate text-xs text-slate-500">{c.offerName}</p>
          </div>
          <StatusBadge status={c.status} />
          <CopyButton value={c.code} />
        </li>
      ))}
    </ul>
  );
}
