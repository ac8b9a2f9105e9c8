import type { Metadata } from "next";
import { Tag } from "lucide-react";
import Link from "next/link";
import { TermsLines } from "@/components/plans/terms-lines";
import { RequestAccessButton } from "@/components/portal/request-access-button";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Offers" };

export default async function PortalOffersPage() {
  const api = await serverCaller();
  const offers = await api.offers.available();
  return (
    <>
      <PageHeader title="Offers" description="What you can promote. Some offers need the program team's approval first: ask for access here." />
      {offers.length === 0 ? (
        <Card>
          <EmptyState icon={Tag} title="No offers to promote yet">
            The program team has not opened an offer to partners yet. Check back soon.
          </EmptyState>
        </Card>
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          {offers.map((o) => (
            <Card key={o.id} data-testid="portal-offer">
              <CardBody className="space-y-3">
                <div className="flex items-start justify-between gap-3">
                  <h2 className="font-semibold text-slate-900">{o.name}</h2>
                  {o.access === "open" || o.access === "approved" ? (
                    <Badge tone="success">Available</Badge>
                  ) : o.access === "pending" ? (
                    <Badge tone="warning">Requested</Badge>
                  ) : o.access === "denied" ? (
                    <Badge tone="danger">Not approved</Badge>
                  ) : (
                    <Badge tone="neutral">On request</Badge>
                  )}
                </div>
                {o.description ? <p className="text-sm text-slate-600">{o.description}</p> : null}
                <TermsLines terms={o.terms} />
                {o.access === "open" || o.access === "approved" ? (
                  <Link href="/portal/links" className="text-sm font-medium text-brand-600 hover:underline">
                    Your links
                  </Link>
                ) : o.access === "pending" ? (
                  <p className="text-sm text-slate-500">The program team will review your request.</p>
                ) : (
                  <RequestAccessButton offerId={o.id} offerName={o.name} again={o.access === "denied"} />
                )}
              </CardBody>
            </Card>
          ))}
        </div>
      )}
    </>
  );
}
