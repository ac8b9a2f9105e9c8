import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AccessRequests } from "@/components/offers/access-requests";
import { OfferActions } from "@/components/offers/offer-actions";
import { OfferForm } from "@/components/offers/offer-form";
import { OfferGroupsForm } from "@/components/partners/group-controls";
import { StatusBadge } from "@/components/status-badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Inbox } from "lucide-react";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Offer" };

export default async function OfferPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const api = await serverCaller();
  const offer = await api.offers.get({ offerId: id.slice(0, 64) });
  if (!offer) notFound();
  const groups = await api.onboarding.groups();
  return (
    <>
      <PageHeader
        title={offer.name}
        description={`Offer in ${offer.programName}`}
        actions={
          <>
            <StatusBadge status={offer.status} />
            <OfferActions offerId={offer.id} status={offer.status} />
          </>
        }
      />
      <div className="grid gap-8 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card>
          <CardHeader title="Settings" description="Links point at the offer, so a change applies to the next click of every existing link." />
          <CardBody>
            <OfferForm offer={offer} programs={[]} />
          </CardBody>
        </Card>
        <div className="space-y-8">
          <Card>
            <CardHeader title="Access requests" description={offer.visibility === "on_request" ? "Partners who asked to promote this offer." : "Used when the offer is visible on request."} />
            {offer.accessRequests.length === 0 ? (
              <EmptyState icon={Inbox} title="No requests">
                {offer.visibility === "on_request" ? "Partners ask from their portal's Offers page." : "Set Visibility to “Partners who asked and were approved” to take requests."}
              </EmptyState>
            ) : (
              <AccessRequests requests={offer.accessRequests} />
            )}
          </Card>
          <Card>
            <CardHeader title="Partner groups" description={offer.visibility === "groups" ? "Members of the ticked groups see and promote this offer." : "Used when Visibility is “Partners in chosen groups”."} />
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
                <OfferGroupsForm offerId={offer.id} groups={groups} current={offer.groupIds} />
              )}
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="What it pays" />
            <CardBody className="text-sm text-slate-600">
              Commission plans are assigned per offer at{" "}
              <Link href={`/admin/plans?program=${offer.programId}`} className="text-brand-600 hover:underline">
                Plans
              </Link>
              ; holds and qualification rules live there too.
            </CardBody>
          </Card>
        </div>
      </div>
    </>
  );
}
