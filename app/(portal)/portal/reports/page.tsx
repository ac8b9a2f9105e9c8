import type { Metadata } from "next";
import { ReportExplorer } from "@/components/reports/report-explorer";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Reports" };

export default function PortalReportsPage() {
  return (
    <>
      <PageHeader title="Reports" description="Your clicks, conversions and earnings by day, link, sub-ID, country, device and more." />
      <ReportExplorer scope="portal" />
    </>
  );
}
