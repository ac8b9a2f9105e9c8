import type { Metadata } from "next";
import Link from "next/link";
import { FileText } from "lucide-react";
import { formatDate, formatMoney } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Statements" };

export default async function PortalStatementsPage() {
  const api = await serverCaller();
  const invoices = await api.invoices.mine();
  return (
    <>
      <PageHeader title="Statements" description="A self-billing invoice for every payout, issued when it is paid. Invoices never change: a correction comes as a credit note." />
      <Card>
        <CardHeader title="Invoices and credit notes" />
        {invoices.length === 0 ? (
          <EmptyState icon={FileText} title="No statements yet">
            Your first invoice appears here when your first payout is sent.
          </EmptyState>
        ) : (
          <Table data-testid="statements">
            <THead>
              <tr>
                <TH>Number</TH>
                <TH>Kind</TH>
                <TH>Issued</TH>
                <TH>Payout</TH>
                <TH className="text-right">Amount</TH>
                <TH>PDF</TH>
              </tr>
            </THead>
            <TBody>
              {invoices.map((i) => (
                <tr key={i.id}>
                  <TD className="font-medium text-slate-900">{i.number}</TD>
                  <TD>
                    <Badge tone={i.kind === "invoice" ? "info" : "warning"}>{i.kind === "invoice" ? "Invoice" : "Credit note"}</Badge>
                  </TD>
                  <TD>{formatDate(i.issuedAt)}</TD>
                  <TD>
                    <Link href={`/portal/payouts/${i.batchId}`} className="text-brand-600 hover:underline">
                      Statement
                    </Link>
                  </TD>
                  <TD className="text-right tabular-nums">{formatMoney(i.amount, i.currency)}</TD>
                  <TD>
                    <a href={`/api/invoices/${i.id}`} className="text-brand-600 hover:underline">
                      Download
                    </a>
                  </TD>
                </tr>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </>
  );
}
