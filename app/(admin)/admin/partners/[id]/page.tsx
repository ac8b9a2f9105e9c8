import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft } from "lucide-react";
import { DetailList } from "@/components/attribution/explanation";
import { EditPartnerDialog, ManagerSelect, NoteForm, PartnerStatusActions, SponsorForm } from "@/components/admin/partner-actions";
import { PartnerGroupsForm } from "@/components/partners/group-controls";
import { formatDate, formatDateTime, formatMoney } from "@/components/format";
import { orNotFound } from "@/components/layout/or-not-found";
import { StatusBadge } from "@/components/status-badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/ui/stat";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Partner" };

const dash = (v: string | null | undefined) => (v ? v : "—");

export default async function PartnerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const api = await serverCaller();
  const p = await orNotFound(api.admin.partner({ partnerId: id }));
  const [managers, approved, types, groups] = await Promise.all([
    api.admin.managers(),
    api.admin.partners({ status: "approved", sort: "name", limit: 100, offset: 0 }),
    api.onboarding.partnerTypes(),
    api.onboarding.groups(),
  ]);
  return (
    <>
      <Link href="/admin/partners" className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
        <ArrowLeft className="size-4" aria-hidden /> Partners
      </Link>
      <PageHeader
        title={p.name}
        description={`${p.email} · ${p.type} · signed up ${formatDate(p.createdAt)}`}
        actions={<EditPartnerDialog partnerId={p.id} profile={p} types={types} />}
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card>
            <CardHeader title="Status" description={p.statusReason ? `Reason: ${p.statusReason}` : undefined} actions={<StatusBadge status={p.status} />} />
            <CardBody className="space-y-4">
              <PartnerStatusActions partnerId={p.id} status={p.status} />
              {p.statusHistory.length === 0 ? (
                <p className="text-sm text-slate-500">No status changes yet.</p>
              ) : (
                <ol className="space-y-2 text-sm" data-testid="status-history">
                  {p.statusHistory.map((h, i) => (
                    <li key={i} className="border-l-2 border-slate-200 pl-3">
                      <span className="font-medium text-slate-800">
                        {h.from ?? "new"} → {h.to}
                      </span>{" "}
                      <span className="text-slate-500">
                        {formatDateTime(h.at)}
                        {h.actor ? ` by ${h.actor}` : ""}
                      </span>
                      {h.reason ? <p className="text-slate-600">{h.reason}</p> : null}
                    </li>
                  ))}
                </ol>
              )}
            </CardBody>
          </Card>
          <div className="grid gap-4 sm:grid-cols-3">
            <Stat label="Clicks" value={p.counts.clicks.toLocaleString("en-GB")} />
            <Stat label="Conversions" value={p.counts.conversions.toLocaleString("en-GB")} />
            <Stat label="Earned (all time)" value={p.counts.earnings.length === 0 ? "—" : p.counts.earnings.map((e) => formatMoney(e.pending + e.approved + e.paid, e.currency)).join(" · ")} />
          </div>
          <Card>
            <CardHeader title="Profile" />
            <CardBody>
              <DetailList
                items={[
                  { label: "Contact", value: dash(p.contactName) },
                  { label: "Company", value: dash(p.company) },
                  { label: "Website", value: dash(p.website) },
                  { label: "Country", value: dash(p.country) },
                  { label: "Phone", value: dash(p.phone) },
                  { label: "Traffic sources", value: p.trafficSources.length ? p.trafficSources.join(", ") : "—" },
                  { label: "Payout details", value: p.payoutDetails ? `${p.payoutDetails.method.replace("_", " ")}, updated ${formatDate(p.payoutDetails.updatedAt)}` : "Not given yet" },
                  { label: "Promotion", value: dash(p.promotionMethods) },
                ]}
              />
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Sign-up answers" />
            <CardBody>
              {p.answers.length === 0 ? (
                <p className="text-sm text-slate-500">No answers: the program asked no questions when this partner signed up (add some on the program&apos;s page).</p>
              ) : (
                <DetailList items={p.answers.map((a) => ({ label: a.label, value: a.kind === "checkbox" ? (a.value === "yes" ? "Yes" : "No") : a.value }))} />
              )}
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Terms accepted" />
            <CardBody>
              {p.termsAccepted.length === 0 ? (
                <p className="text-sm text-slate-500">No acceptance recorded: either no terms were published, or the partner has not accepted them yet.</p>
              ) : (
                <ul className="space-y-1 text-sm" data-testid="terms-acceptances">
                  {p.termsAccepted.map((a) => (
                    <li key={a.version}>
                      Version {a.version} · {formatDateTime(a.acceptedAt)}
                      {a.ip ? <span className="text-slate-500"> · from {a.ip}</span> : null}
                    </li>
                  ))}
                </ul>
              )}
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Links" description="Tracking links the partner holds." />
            <CardBody>
              {p.links.length === 0 ? (
                <p className="text-sm text-slate-500">No links yet: approval gives a link for every active offer.</p>
              ) : (
                <ul className="divide-y divide-slate-100 text-sm">
                  {p.links.map((l) => (
                    <li key={l.id} className="flex flex-wrap justify-between gap-2 py-2">
                      <span className="text-slate-800">
                        {l.offerName}
                        {l.label ? ` · ${l.label}` : ""}
                      </span>
                      <span className="font-mono text-xs text-slate-500">
                        /r/{l.alias ?? l.code} · {l.status}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </CardBody>
          </Card>
          <Card>
            <CardHeader
              title="Commission plan"
              description="What pays this partner now on each active offer."
              actions={
                <Link href="/admin/plans" className="text-sm text-brand-600 hover:underline">
                  Assign a plan
                </Link>
              }
            />
            <CardBody className="space-y-5">
              {p.plansNow.length === 0 ? (
                <p className="text-sm text-slate-500">No active offers yet: create an offer and give it a plan.</p>
              ) : (
                <ul className="divide-y divide-slate-100 text-sm" data-testid="plans-now">
                  {p.plansNow.map((o) => (
                    <li key={o.offerId} className="py-2">
                      <p>
                        <span className="font-medium text-slate-900">{o.offerName}</span>:{" "}
                        {o.plan ? (
                          <>
                            {o.plan.name} v{o.plan.version} <span className="text-slate-500">({o.plan.scope})</span>
                          </>
                        ) : (
                          <span className="text-amber-700">no plan: this offer pays nothing yet</span>
                        )}
                      </p>
                      {o.plan?.summary.length ? <p className="text-slate-500">{o.plan.summary.join("; ")}</p> : null}
                    </li>
                  ))}
                </ul>
              )}
              <div>
                <h3 className="text-sm font-medium text-slate-700">Assignments over time</h3>
                {p.planHistory.length === 0 ? (
                  <p className="text-sm text-slate-500">No plan assigned yet, to this partner or as a default.</p>
                ) : (
                  <ol className="mt-1 space-y-1 text-sm" data-testid="plan-history">
                    {p.planHistory.map((h) => (
                      <li key={h.id} className="border-l-2 border-slate-200 pl-3">
                        <span className="font-medium">{h.planName}</span> {h.offerName ? `for ${h.offerName}` : "for every offer"}{" "}
                        <span className="text-slate-500">
                          {h.ownAssignment ? "· assigned to this partner" : "· default for everyone"} · from {formatDateTime(h.effectiveFrom)}
                          {h.by ? ` by ${h.by}` : ""}
                        </span>
                        {h.note ? <p className="text-slate-500">{h.note}</p> : null}
                      </li>
                    ))}
                  </ol>
                )}
              </div>
            </CardBody>
          </Card>
        </div>
        <div className="space-y-6">
          <Card>
            <CardHeader title="Groups" description={p.groups.length ? p.groups.map((g) => g.name).join(", ") : "In no group"} />
            <CardBody>
              {groups.length === 0 ? (
                <p className="text-sm text-slate-500">
                  No groups yet:{" "}
                  <Link href="/admin/partners/groups" className="text-brand-600 hover:underline">
                    create one
                  </Link>
                  .
                </p>
              ) : (
                <PartnerGroupsForm partnerId={p.id} groups={groups} current={p.groups.map((g) => g.id)} />
              )}
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Manager" />
            <CardBody>
              <ManagerSelect partnerId={p.id} current={p.managerUserId} managers={managers} />
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Sponsor and sub-affiliates" description={p.sponsorName ? `Sponsored by ${p.sponsorName}` : "No sponsor"} />
            <CardBody className="space-y-4">
              <SponsorForm partnerId={p.id} current={p.parentPartnerId} candidates={approved.items} />
              <div>
                <h3 className="text-sm font-medium text-slate-700">Sub-affiliates</h3>
                {p.subAffiliates.length === 0 ? (
                  <p className="text-sm text-slate-500">None yet.</p>
                ) : (
                  <ul className="text-sm">
                    {p.subAffiliates.map((s) => (
                      <li key={s.id}>
                        <Link href={`/admin/partners/${s.id}`} className="text-brand-600 hover:underline">
                          {s.name}
                        </Link>{" "}
                        <span className="text-slate-500">· {s.status}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
              {p.sponsorHistory.length > 0 ? (
                <div>
                  <h3 className="text-sm font-medium text-slate-700">Sponsor history</h3>
                  <ul className="space-y-1 text-sm text-slate-600" data-testid="sponsor-history">
                    {p.sponsorHistory.map((h, i) => (
                      <li key={i}>
                        {formatDateTime(h.validFrom)}:{" "}
                        {h.side === "own" ? (h.sponsorName ? `sponsor set to ${h.sponsorName}` : "sponsor removed") : `became sponsor of ${h.partnerName}`}
                        {h.reason ? ` (${h.reason})` : ""}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Internal notes" />
            <CardBody className="space-y-4">
              <NoteForm partnerId={p.id} />
              <ul className="space-y-3 text-sm">
                {p.notes.map((n) => (
                  <li key={n.id} className="rounded-md bg-slate-50 p-3">
                    <p className="whitespace-pre-wrap text-slate-800">{n.body}</p>
                    <p className="mt-1 text-xs text-slate-500">
                      {n.author ?? "Someone"} · {formatDateTime(n.at)}
                    </p>
                  </li>
                ))}
              </ul>
            </CardBody>
          </Card>
        </div>
      </div>
    </>
  );
}
