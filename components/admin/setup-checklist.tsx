import { CheckCircle2, Circle } from "lucide-react";
import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import type { ChecklistItem } from "@/server/setup/get-setup-checklist";

/** The first-run checklist. Each item is read from real state; an open item links to where it is done. */
export function SetupChecklist({ items }: { items: ChecklistItem[] }) {
  const done = items.filter((i) => i.done).length;
  return (
    <Card className="mb-8" data-testid="setup-checklist">
      <CardHeader title="Set up your program" description={`${done} of ${items.length} done. Each step ticks itself when it has happened.`} />
      <ol className="divide-y divide-slate-100">
        {items.map((item) => (
          <li key={item.key} data-testid={`checklist-${item.key}`} data-done={item.done} className="flex items-start gap-3 px-5 py-3">
            {item.done ? <CheckCircle2 className="mt-0.5 size-5 shrink-0 text-green-600" aria-label="Done" /> : <Circle className="mt-0.5 size-5 shrink-0 text-slate-300" aria-label="To do" />}
            <div className="min-w-0 flex-1">
              <Link href={item.href} className={item.done ? "font-medium text-slate-500 line-through decoration-slate-300" : "font-medium text-brand-700 hover:underline"}>
                {item.label}
              </Link>
              {item.done ? null : <p className="text-sm text-slate-500">{item.hint}</p>}
            </div>
          </li>
        ))}
      </ol>
    </Card>
  );
}
