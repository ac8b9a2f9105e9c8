import type { Metadata } from "next";
import Link from "next/link";
import { Layers } from "lucide-react";
import { OfferForm } from "@/components/offers/offer-form";
import { Card, CardBody } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "New offer" };

export default async function NewOfferPage() {
  const api = await serverCaller();
  const programs = (await api.programs.list()).filter((p) => p.status === "active");
  return (
    <>
      <PageHeader title="New offer" description="Approved partners get a tracking link as soon as it is active and visible to them." />
      <Card className="max-w-3xl">
        {programs.length === 0 ? (
          <EmptyState icon={Layers} title="No program yet">
            <Link href="/admin/programs/new" className="text-brand-600 hover:underline">
              Create a program
            </Link>{" "}
            first: an offer belongs to one.
          </EmptyState>
        ) : (
          <CardBody>
            <OfferForm programs={programs} />
          </CardBody>
        )}
      </Card>
    </>
  );
}
