import Link from "next/link";
import { SlidersHorizontal } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/field";

const FRAUD = ["flagged", "clear", "held", "rejected"] as const;
const HOLD = ["ended", "on_hold"] as const;
const SORT = ["newest", "oldest", "amount"] as const;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export type CommissionFilterValues = {
  offerId?: string;
  partnerId?: string;
  minAgeDays?: number;
  fraud?: (typeof FRAUD)[number];
  hold?: (typeof HOLD)[number];
  sort?: (typeof SORT)[number];
};

export type FilterParams = { offer?: string; partner?: string; age?: string; fraud?: string; hold?: string; sort?: string };

const pick = <T extends string>(list: readonly T[], v: string | undefined): T | undefined => (list as readonly string[]).includes(v ?? "") ? (v as T) : undefined;

/** The queue's filters from the URL, whitelisted: anything unknown is ignored rather than sent on. */
export function commissionFilters(sp: FilterParams): CommissionFilterValues {
  const age = Number.parseInt(sp.age ?? "", 10);
  return {
    offerId: sp.offer && ID.test(sp.offer) ? sp.offer : undefined,
    partnerId: sp.partner && ID.test(sp.partner) ? sp.partner : undefined,
    minAgeDays: Number.isFinite(age) && age > 0 ? Math.min(age, 3650) : undefined,
    fraud: pick(FRAUD, sp.fraud),
    hold: pick(HOLD, sp.hold),
    sort: pick(SORT, sp.sort),
  };
}

/** The filters as query parameters, so tabs and pages keep them. */
export function filterQuery(f: CommissionFilterValues): string {
  const q = new URLSearchParams();
  if (f.offerId) q.set("offer", f.offerId);
  if (f.partnerId) q.set("partner", f.partnerId);
  if (f.minAgeDays) q.set("age", String(f.minAgeDays));
  if (f.fraud) q.set("fraud", f.fraud);
  if (f.hold) q.set("hold", f.hold);
  if (f.sort && f.sort !== "newest") q.set("sort", f.sort);
  return q.toString();
}

type Option = { id: string; name: string };

/** A plain GET form: a filtered queue is a URL an admin can bookmark or send to a colleague. */
export function CommissionFilters({ status, values, offers, partners }: { status: string; values: CommissionFilterValues; offers: Option[]; partners: Option[] }) {
  const active = Object.entries(values).filter(([k, v]) => v !== undefined && !(k === "sort" && v === "newest")).length;
  return (
    <form method="get" action="/admin/commissions" className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-4 py-3" aria-label="Filter commissions">
      <input type="hidden" name="status" value={status} />
      <FilterSelect label="Offer" name="offer" value={values.offerId} options={[{ value: "", label: "All offers" }, ...offers.map((o) => ({ value: o.id, label: o.name }))]} />
      <FilterSelect label="Partner" name="partner" value={values.partnerId} options={[{ value: "", label: "All partners" }, ...partners.map((p) => ({ value: p.id, label: p.name }))]} />
      <div className="w-full space-y-1 sm:w-36">
        <Label htmlFor="filter-age" className="text-xs">
          Age at least (days)
        </Label>
        <Input id="filter-age" name="age" type="number" inputMode="numeric" min={0} max={3650} placeholder="Any" defaultValue={values.minAgeDays ?? ""} className="h-8" />
      </div>
      <FilterSelect
        label="Fraud check"
        name="fraud"
        value={values.fraud}
        options={[
          { value: "", label: "Any" },
          { value: "flagged", label: "Any flag (not clear)" },
          { value: "clear", label: "Clear" },
          { value: "held", label: "Held for review" },
          { value: "rejected", label: "Rejected by checks" },
        ]}
      />
      <FilterSelect
        label="Hold"
        name="hold"
        value={values.hold}
        options={[
          { value: "", label: "Any" },
          { value: "ended", label: "Hold ended (approvable)" },
          { value: "on_hold", label: "Still on hold" },
        ]}
      />
      <FilterSelect
        label="Sort"
        name="sort"
        value={values.sort ?? "newest"}
        options={[
          { value: "newest", label: "Newest first" },
          { value: "oldest", label: "Oldest first" },
          { value: "amount", label: "Largest amount" },
        ]}
      />
      <div className="flex items-end gap-2">
        <Button type="submit" size="sm" variant="secondary">
          <SlidersHorizontal aria-hidden /> Apply
        </Button>
        {active ? (
          <Link href={`/admin/commissions?status=${status}`} className="inline-flex h-8 items-center px-2 text-sm font-medium whitespace-nowrap text-brand-600 hover:underline">
            Clear ({active})
          </Link>
        ) : null}
      </div>
    </form>
  );
}

function FilterSelect({ label, name, value, options }: { label: string; name: string; value?: string; options: { value: string; label: string }[] }) {
  const id = `filter-${name}`;
  return (
    <div className="w-full min-w-0 space-y-1 sm:w-auto sm:min-w-36">
      <Label htmlFor={id} className="text-xs">
        {label}
      </Label>
      <Select id={id} name={name} defaultValue={value ?? ""} className="h-8 py-1">
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </div>
  );
}
