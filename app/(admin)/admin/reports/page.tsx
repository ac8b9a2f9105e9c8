import type { Metadata } from "next";
import { ReportExplorer } from "@/components/reports/report-explorer";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Reports" };

export default function AdminReportsPage() {
  return (
    <>
      <PageHeader title="Reports" description="Clicks, conversions, revenue and commissions by any breakdown. Amounts stay in their own currency." />
      <ReportExplorer scope="admin" />
    </>
  );
}
