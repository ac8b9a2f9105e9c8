import type { Metadata } from "next";
import Link from "next/link";
import { Download, Users } from "lucide-react";
import { PartnerReviewActions } from "@/components/admin/partner-review-actions";
import { formatDate } from "@/components/format";
import { AddPartnerDialog, InviteLinkDialog } from "@/components/partners/add-partner";
import { PAGE_SIZE } from "@/components/search-params";
import { StatusBadge } from "@/components/status-badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterTabs } from "@/components/ui/filter-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { PARTNER_STATUSES } from "@/db/schema";
import { partnerListFilter } from "@/server/partners/schemas";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Partners" };

const TABS = [
  { value: "pending", label: "Applications" },
  { value: "approved", label: "Approved" },
  { value: "suspended", label: "Suspended" },
  { value: "rejected", label: "Rejected" },
  { value: "closed", label: "Closed" },
  { value: "all", label: "All" },
];

type Search = Record<string, string | string[] | undefined>;
const FILTER_KEYS = ["q", "type", "groupId", "country", "managerUserId", "signedUpFrom", "signedUpTo", "sort"] as const;
const inputClass = "h-9 rounded-md border border-slate-300 bg-white px-3 text-sm shadow-sm";

export default async function PartnersPage({ searchParams }: { searchParams: Promise<Search> }) {
  const sp = await searchParams;
  const one = (k: string) => (typeof sp[k] === "string" ? (sp[k] as string) : "");
  const rawStatus = one("status") || "pending";
  const status = (PARTNER_STATUSES as readonly string[]).includes(rawStatus) ? rawStatus : "all";
  const page = Math.max(1, Math.min(10_000, Number.parseInt(one("page") || "1", 10) || 1));
  // Bad filter values are dropped rather than failing the page; the form shows what is in force.
  const raw = Object.fromEntries(FILTER_KEYS.map((k) => [k, one(k)]).filter(([, v]) => v !== ""));
  const input = raw.country ? { ...raw, country: raw.country.toUpperCase() } : raw;
  const parsed = partnerListFilter.safeParse(input);
  const filter = parsed.success ? input : {};
  const api = await serverCaller();
  const [list, managers, types, groups, sponsors] = await Promise.all([
    api.admin.partners({ ...filter, status: status === "all" ? undefined : (status as (typeof PARTNER_STATUSES)[number]), limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    api.admin.managers(),
    api.onboarding.partnerTypes(),
    api.onboarding.groups(),
    api.admin.partners({ status: "approved", sort: "name", limit: 100, offset: 0 }),
  ]);
  const query = (over: Record<string, string>) => {
    const q = new URLSearchParams({ ...raw, status, ...over });
    for (const [k, v] of [...q]) if (v === "" || (k === "page" && v === "1")) q.delete(k);
    return q.toString();
  };
  const managerName = new Map(managers.map((m) => [m.id, m.name]));
  return (
    <>
      <PageHeader
        title="Partners"
        description="Review applications and manage every partner: open one to edit, suspend or change their sponsor."
        actions={
          <>
            <AddPartnerDialog types={types} sponsors={sponsors.items} managers={managers} />
            <InviteLinkDialog />
            <Button asChild variant="secondary" size="sm">
              <Link href="/admin/partners/invites">Invitations</Link>
            </Button>
            <Button asChild variant="secondary" size="sm">
              <Link href="/admin/partners/groups">Groups</Link>
            </Button>
            <Button asChild variant="secondary" size="sm">
              <a href={`/api/admin/partners/export?${query({ status: status === "all" ? "" : status })}`} data-testid="export-partners">
                <Download aria-hidden /> Export CSV
              </a>
            </Button>
          </>
        }
      />
      <Card>
        <FilterTabs tabs={TABS} current={status} href={(s) => `/admin/partners?${query({ status: s, page: "1" })}`} />
        <form method="get" className="flex flex-wrap items-end gap-2 border-b border-slate-100 p-4" aria-label="Filter partners">
          <input type="hidden" name="status" value={status} />
          <label className="flex flex-col text-xs text-slate-600">
            Search
            <input name="q" defaultValue={raw.q ?? ""} placeholder="Name, email, company" className={`${inputClass} w-56`} />
          </label>
          <label className="flex flex-col text-xs text-slate-600">
            Type
            <select name="type" defaultValue={raw.type ?? ""} className={inputClass}>
              <option value="">Any type</option>
              {types.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col text-xs text-slate-600">
            Group
            <select name="groupId" defaultValue={raw.groupId ?? ""} className={inputClass}>
              <option value="">Any group</option>
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col text-xs text-slate-600">
            Country
            <input name="country" defaultValue={raw.country ?? ""} placeholder="GB" maxLength={2} className={`${inputClass} w-16 uppercase`} />
          </label>
          <label className="flex flex-col text-xs text-slate-600">
            Manager
            <select name="managerUserId" defaultValue={raw.managerUserId ?? ""} className={inputClass}>
              <option value="">Anyone</option>
              <option value="none">No manager</option>
              {managers.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col text-xs text-slate-600">
            Signed up from
            <input type="date" name="signedUpFrom" defaultValue={raw.signedUpFrom ?? ""} className={inputClass} />
          </label>
          <label className="flex flex-col text-xs text-slate-600">
            to
            <input type="date" name="signedUpTo" defaultValue={raw.signedUpTo ?? ""} className={inputClass} />
          </label>
          <label className="flex flex-col text-xs text-slate-600">
            Sort
            <select name="sort" defaultValue={raw.sort ?? "newest"} className={inputClass}>
              <option value="newest">Newest first</option>
              <option value="oldest">Oldest first</option>
              <option value="name">Name</option>
            </select>
          </label>
          <Button type="submit" size="sm">
            Apply
          </Button>
          {!parsed.success ? <p className="w-full text-sm text-red-600">Some filters were not valid and are ignored.</p> : null}
        </form>
        {list.items.length === 0 ? (
          <EmptyState icon={Users} title={status === "pending" ? "No applications waiting" : "No partners match"}>
            {status === "pending" ? "New applications from the sign-up page appear here." : "Clear the filters or pick another tab."}
          </EmptyState>
        ) : (
          <Table>
            <THead>
              <tr>
                <TH>Partner</TH>
                <TH className="hidden md:table-cell">Type</TH>
                <TH className="hidden md:table-cell">Manager</TH>
                <TH className="hidden sm:table-cell">Signed up</TH>
                <TH>Status</TH>
                <TH className="text-right">Actions</TH>
              </tr>
            </THead>
            <TBody>
              {list.items.map((p) => (
                <tr key={p.id} data-testid="partner-row">
                  <TD>
                    <Link href={`/admin/partners/${p.id}`} className="font-medium text-slate-900 hover:text-brand-600 hover:underline">
                      {p.name}
                    </Link>
                    <p className="text-xs text-slate-500">{p.email}</p>
                    {p.company ? <p className="text-xs text-slate-500">{p.company}</p> : null}
                  </TD>
                  <TD className="hidden text-sm text-slate-600 md:table-cell">
                    {p.type}
                    {p.country ? ` · ${p.country}` : ""}
                    {p.groups ? <p className="text-xs text-slate-500">{p.groups}</p> : null}
                  </TD>
                  <TD className="hidden text-sm text-slate-600 md:table-cell">{p.managerUserId ? (managerName.get(p.managerUserId) ?? "—") : "—"}</TD>
                  <TD className="hidden whitespace-nowrap sm:table-cell">{formatDate(p.createdAt)}</TD>
                  <TD>
                    <StatusBadge status={p.status} />
                  </TD>
                  <TD>
                    <PartnerReviewActions partnerId={p.id} name={p.name} status={p.status} />
                  </TD>
                </tr>
              ))}
            </TBody>
          </Table>
        )}
        <Pagination total={list.total} page={page} pageSize={PAGE_SIZE} href={(p) => `/admin/partners?${query({ page: String(p) })}`} />
      </Card>
    </>
  );
}
