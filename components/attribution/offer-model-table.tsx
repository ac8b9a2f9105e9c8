import { Tag } from "lucide-react";
import type { StoredModel } from "@/db/schema";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { modelLabel } from "./models";
import { OfferModelDialog } from "./offer-model-dialog";

type Offer = { id: string; name: string; model: StoredModel | null; windowDays: number };

/** Per-offer overrides of the program's model. */
export function OfferModelTable({ offers, programModel }: { offers: Offer[]; programModel: StoredModel }) {
  if (offers.length === 0) return <EmptyState icon={Tag} title="No offers in this program yet" />;
  return (
    <Table>
      <THead>
        <tr>
          <TH>Offer</TH>
          <TH>Attribution window</TH>
          <TH>Model</TH>
          <TH className="text-right">Action</TH>
        </tr>
      </THead>
      <TBody>
        {offers.map((o) => (
          <tr key={o.id} data-testid="offer-model-row">
            <TD className="font-medium text-slate-900">{o.name}</TD>
            <TD className="whitespace-nowrap">{o.windowDays} days</TD>
            <TD>
              {o.model ? (
                <span className="flex flex-wrap items-center gap-2">
                  {modelLabel(o.model)} <Badge tone="info">Override</Badge>
                </span>
              ) : (
                <span className="text-slate-500">Program default · {modelLabel(programModel)}</span>
              )}
            </TD>
            <TD>
              <div className="flex justify-end">
                <OfferModelDialog offer={o} programModel={programModel} />
              </div>
            </TD>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
