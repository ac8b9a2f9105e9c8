import type { Metadata } from "next";
import { CreateLinkDialog } from "@/components/portal/create-link-dialog";
import { LinkBuilder } from "@/components/portal/link-builder";
import { LinkList, linkUrl } from "@/components/portal/link-list";
import { PartnerCoupons } from "@/components/portal/partner-coupons";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { config } from "@/server/config";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Links" };

export default async function LinksPage() {
  const api = await serverCaller();
  const [links, offers, coupons] = await Promise.all([api.partner.links(), api.links.offers(), api.coupons.mine()]);
  const base = config().appUrl;
  const live = links
    .filter((l) => l.status === "active" && l.offerStatus === "active")
    .map((l) => ({ linkId: l.linkId, name: l.label ?? l.offerName, url: linkUrl(base, l), deepLinkHosts: l.deepLinkHosts }));
  return (
    <>
      <PageHeader title="Links" description="A link per campaign, with a label and a readable alias. Pause one to stop it answering." actions={<CreateLinkDialog offers={offers} baseUrl={base} />} />
      <Card>
        <CardHeader title="Your links" description="Clicks on a paused link show the visitor a “not active” page and are not tracked." />
        <LinkList links={links} baseUrl={base} />
      </Card>
      <div className="mt-8 grid items-start gap-8 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card>
          <CardHeader title="Build a link" description="Add sub-IDs to tell placements apart, and a deep link to send visitors to a specific page." />
          <LinkBuilder links={live} />
        </Card>
        <Card>
          <CardHeader title="Your coupon codes" description="Conversions that report one of these codes are credited to you." />
          <PartnerCoupons coupons={coupons} />
        </Card>
      </div>
    </>
  );
}
