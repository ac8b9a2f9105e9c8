import type { Metadata } from "next";
import { Layers, Plus } from "lucide-react";
import Link from "next/link";
import { SIGN_UP_LABELS } from "@/components/programs/program-form";
import { StatusBadge } from "@/components/status-badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Programs" };

export default async function ProgramsPage() {
  const api = await serverCaller();
  const programs = await api.programs.list();
  const newButton = (
    <Button asChild>
      <Link href="/admin/programs/new">
        <Plus aria-hidden /> New program
      </Link>
    </Button>
  );
  return (
    <>
      <PageHeader title="Programs" description="Each program is a brand with its own currency, time zone, sign-up rules and postback token." actions={newButton} />
      <Card>
        {programs.length === 0 ? (
          <EmptyState icon={Layers} title="No program yet">
            Create your first program: it gives you the postback URL your backend calls, and offers for partners to promote.
          </EmptyState>
        ) : (
          <Table>
            <THead>
              <tr>
                <TH>Program</TH>
                <TH>Currency</TH>
                <TH>Time zone</TH>
                <TH>Sign-up</TH>
                <TH className="text-right">Offers</TH>
                <TH>Status</TH>
              </tr>
            </THead>
            <TBody>
              {programs.map((p) => (
                <tr key={p.id} data-testid="program-row">
                  <TD>
                    <Link href={`/admin/programs/${p.id}`} className="font-medium text-brand-700 hover:underline">
                      {p.name}
                    </Link>
                  </TD>
                  <TD>{p.defaultCurrency}</TD>
                  <TD>{p.timeZone}</TD>
                  <TD>{SIGN_UP_LABELS[p.signUpMode]}</TD>
                  <TD className="text-right tabular-nums">{p.offers}</TD>
                  <TD>
                    <StatusBadge status={p.status} />
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
