import type { Metadata } from "next";
import { ProgramForm } from "@/components/programs/program-form";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "New program" };

export default function NewProgramPage() {
  return (
    <>
      <PageHeader title="New program" description="You get a postback token at once; offers and plans come next." />
      <Card className="max-w-2xl">
        <CardBody>
          <ProgramForm />
        </CardBody>
      </Card>
    </>
  );
}
