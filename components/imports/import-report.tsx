import type { ImportReport } from "@/db/schema";
import { formatMoney } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";

const ENTITY_LABELS: Record<string, string> = {
  partners: "Partners",
  links: "Tracking codes (links)",
  coupons: "Coupons",
  payout_details: "Payout details",
  opening_balances: "Opening balances",
  conversions: "Conversions",
  commissions: "Commissions (history, never paid)",
  customer_bindings: "Customer bindings",
};

const ORDER = Object.keys(ENTITY_LABELS);
// jsonb keeps no key order: entities are listed in ENTITY_LABELS' order, the file's own first
const rank = (entity: string) => (ORDER.includes(entity) ? ORDER.indexOf(entity) : ORDER.length);

/** The reconciliation report: what each entity's rows became, balances against the file's, and refused rows. */
export function ImportReportView({ report }: { report: ImportReport }) {
  return (
    <div className="space-y-6" data-testid="import-report">
      <div className="overflow-x-auto">
        <Table>
          <THead>
            <tr>
              <TH>Entity</TH>
              <TH className="text-right">Rows read</TH>
              <TH className="text-right">Created</TH>
              <TH className="text-right">Updated</TH>
              <TH className="text-right">Skipped (already imported)</TH>
              <TH className="text-right">Refused</TH>
            </tr>
          </THead>
          <TBody>
            {Object.entries(report.entities)
              .sort(([a, ca], [b, cb]) => Number(cb.read > 0) - Number(ca.read > 0) || rank(a) - rank(b))
              .map(([entity, c]) => (
              <tr key={entity}>
                <TD className="font-medium text-slate-900">{ENTITY_LABELS[entity] ?? entity}</TD>
                <TD className="text-right tabular-nums">{c.read || "—"}</TD>
                <TD className="text-right tabular-nums">{c.created}</TD>
                <TD className="text-right tabular-nums">{c.updated}</TD>
                <TD className="text-right tabular-nums">{c.skipped}</TD>
                <TD className="text-right tabular-nums">{c.refused}</TD>
              </tr>
            ))}
          </TBody>
        </Table>
      </div>
      {report.balances.length > 0 ? (
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-900">Opening balances by currency</h3>
          <div className="overflow-x-auto">
            <Table>
              <THead>
                <tr>
                  <TH>Currency</TH>
                  <TH className="text-right">In the file</TH>
                  <TH className="text-right">Imported</TH>
                  <TH>Check</TH>
                </tr>
              </THead>
              <TBody>
                {report.balances.map((b) => (
                  <tr key={b.currency} data-testid="balance-row">
                    <TD className="font-mono">{b.currency}</TD>
                    <TD className="text-right tabular-nums">{formatMoney(b.fileTotal, b.currency)}</TD>
                    <TD className="text-right tabular-nums">{formatMoney(b.imported, b.currency)}</TD>
                    <TD>{b.fileTotal === b.imported ? <Badge tone="success">Matches</Badge> : <Badge tone="danger">Differs by {formatMoney(b.fileTotal - b.imported, b.currency)}</Badge>}</TD>
                  </tr>
                ))}
              </TBody>
            </Table>
          </div>
        </div>
      ) : null}
      <div>
        <h3 className="mb-2 text-sm font-semibold text-slate-900">Refused rows {report.refusedTotal > report.errors.length ? `(first ${report.errors.length} of ${report.refusedTotal})` : `(${report.refusedTotal})`}</h3>
        {report.errors.length === 0 ? (
          <p className="text-sm text-slate-600">No row was refused.</p>
        ) : (
          <div className="max-h-96 overflow-auto">
            <Table>
              <THead>
                <tr>
                  <TH className="text-right">Row</TH>
                  <TH>Column</TH>
                  <TH>Reason</TH>
                </tr>
              </THead>
              <TBody>
                {report.errors.map((e, i) => (
                  <tr key={`${e.row}-${i}`} data-testid="error-row">
                    <TD className="text-right tabular-nums">{e.row}</TD>
                    <TD className="font-mono text-xs">{e.column ?? "—"}</TD>
                    <TD className="text-red-700">{e.reason}</TD>
                  </tr>
                ))}
              </TBody>
            </Table>
          </div>
        )}
      </div>
    </div>
  );
}
