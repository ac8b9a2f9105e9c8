import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft } from "lucide-react";
import { orNotFound } from "@/components/layout/or-not-found";
import { PrintButton } from "@/components/payouts/print-button";
import { Statement } from "@/components/payouts/statement";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Payout statement" };

export default async function PortalStatementPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const api = await serverCaller();
  const statement = await orNotFound(api.partner.statement({ batchId: id }));
  return (
    <>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3 print:hidden">
        <Link href="/portal/payouts" className="inline-flex items-center gap-1 text-sm font-medium text-brand-600 hover:underline">
          <ArrowLeft className="size-4" aria-hidden /> Payouts
        </Link>
        <PrintButton />
      </div>
      <Statement s={statement} audience="partner" />
    </>
  );
}
