import Link from "next/link";
import { SearchX } from "lucide-react";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

/** The not-found state of a record page, inside the app's shell, with the way back to its list. */
export function RecordNotFound({ title, children, back }: { title: string; children: React.ReactNode; back: { href: string; label: string } }) {
  return (
    <Card className="mx-auto mt-8 max-w-lg" data-testid="not-found">
      <EmptyState icon={SearchX} title={title}>
        <p>{children}</p>
        <Link href={back.href} className="mt-4 inline-block font-medium text-brand-600 hover:underline">
          {back.label}
        </Link>
      </EmptyState>
    </Card>
  );
}
