import { Bot, Server } from "lucide-react";
import { formatDateTime } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import type { StoredRuleHit } from "@/db/schema";
import { ruleLabel } from "./labels";

/** Evidence values as the rule recorded them: "clicksFromIp 30", "ctitSeconds 2". */
function EvidenceList({ evidence }: { evidence: StoredRuleHit["evidence"] }) {
  const entries = Object.entries(evidence).filter(([, v]) => v !== null && v !== "");
  if (entries.length === 0) return null;
  return (
    <dl className="mt-1.5 flex flex-wrap gap-1.5">
      {entries.map(([k, v]) => (
        <div key={k} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
          <dt className="inline text-slate-500">{k} </dt>
          <dd className="inline font-mono">{String(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** What each rule saw and why it fired, strongest first, with the points it added. */
export function RuleOutputs({ hits }: { hits: StoredRuleHit[] }) {
  return (
    <Table>
      <THead>
        <tr>
          <TH>Rule</TH>
          <TH className="text-right">Points</TH>
          <TH>What was seen</TH>
        </tr>
      </THead>
      <TBody>
        {hits.map((h) => (
          <tr key={h.code} data-testid="rule-hit">
            <TD className="align-top">
              <span className="font-medium text-slate-900">{ruleLabel(h.code)}</span>
              <span className="block font-mono text-[11px] text-slate-400">
                {h.code} · {h.category}
              </span>
            </TD>
            <TD className="text-right align-top font-semibold tabular-nums text-slate-900">+{h.score}</TD>
            <TD className="align-top">
              {h.message}
              <EvidenceList evidence={h.evidence} />
            </TD>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}

export type EvidenceClick = {
  id: string;
  at: Date;
  ip: string | null;
  userAgent: string | null;
  country: string | null;
  isBot: boolean;
  sub1: string | null;
  sub2: string | null;
  sub3: string | null;
  sub4: string | null;
  sub5: string | null;
  findings: StoredRuleHit[] | null;
  asOrganisation: string | null;
  asn: number | null;
  hosting: boolean;
  partnerId: string;
};

/** Clicks with their address, network, browser and what the click sweep found on each. */
export function ClickTable({ rows, partnerId, highlight }: { rows: EvidenceClick[]; partnerId: string; highlight?: string | null }) {
  return (
    <Table>
      <THead>
        <tr>
          <TH>Time</TH>
          <TH>Address</TH>
          <TH>Browser</TH>
          <TH>Sub-IDs</TH>
          <TH>Click checks</TH>
        </tr>
      </THead>
      <TBody>
        {rows.map((c) => {
          const subs = [c.sub1, c.sub2, c.sub3, c.sub4, c.sub5].filter((s): s is string => s !== null);
          return (
            <tr key={c.id} data-testid="evidence-click" className={c.id === highlight ? "bg-brand-50/50" : undefined}>
              <TD className="whitespace-nowrap align-top">
                {formatDateTime(c.at)}
                <span className="block font-mono text-[11px] text-slate-400">{c.id}</span>
                {c.partnerId !== partnerId ? <span className="block text-xs text-slate-500">another partner</span> : null}
              </TD>
              <TD className="align-top">
                <span className="font-mono text-xs text-slate-900">{c.ip ?? "—"}</span>
                {c.country ? <span className="ml-1.5 text-xs text-slate-500">{c.country}</span> : null}
                <span className="mt-0.5 flex items-center gap-1 text-xs text-slate-500">
                  {c.hosting ? <Server className="size-3.5 text-red-600" aria-label="hosting network" /> : null}
                  {c.asOrganisation ? `AS${c.asn} ${c.asOrganisation}` : "network unknown"}
                </span>
              </TD>
              <TD className="max-w-64 align-top">
                {c.isBot ? (
                  <Badge tone="danger" className="mb-1">
                    <Bot className="mr-1 size-3" aria-hidden /> bot
                  </Badge>
                ) : null}
                <span className="block truncate text-xs text-slate-600" title={c.userAgent ?? undefined}>
                  {c.userAgent ?? "—"}
                </span>
              </TD>
              <TD className="align-top font-mono text-xs">{subs.length > 0 ? subs.join(", ") : <span className="text-slate-400">none</span>}</TD>
              <TD className="align-top text-xs">
                {c.findings && c.findings.length > 0 ? c.findings.map((f) => <span key={f.code} className="mr-1 mb-1 inline-block rounded bg-red-50 px-1.5 py-0.5 text-red-700">{ruleLabel(f.code)}</span>) : <span className="text-slate-400">none</span>}
              </TD>
            </tr>
          );
        })}
      </TBody>
    </Table>
  );
}
