import type { inferRouterOutputs } from "@trpc/server";
import { formatDate, formatDateTime, formatMoney } from "@/components/format";
import { StatusBadge } from "@/components/status-badge";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import type { AppRouter } from "@/server/trpc/root";
import { DetailList, RuleList, SubIds, Weight } from "./explanation";
import { evidenceLabel, modelLabel, percent } from "./models";

type Explanation = inferRouterOutputs<AppRouter>["attribution"]["explain"];
export type Version = Explanation["versions"][number];
type Commission = Explanation["commissions"][number];
type Names = Record<string, string>;

const nameOf = (names: Names, id: string) => names[id] ?? id;
/** Rules may name a partner by id (a missing learned weight): the admin reads the name. */
const withNames = (rule: string, names: Names) => rule.replace(/prt_[0-9a-z]{26}/g, (id) => names[id] ?? id);

/** The model, evidence, reason and rules of one version of a conversion's decision. */
export function VersionFacts({ version: v, names }: { version: Version; names: Names }) {
  return (
    <div className="space-y-5">
      <DetailList
        items={[
          { label: "Model", value: modelLabel(v.model) },
          { label: "Evidence", value: evidenceLabel(v.source) },
          { label: "Decided", value: formatDateTime(v.createdAt) },
          { label: "Version", value: v.version },
          ...(v.fellBackTo ? [{ label: "Fell back to", value: <span className="text-amber-700">{v.fellBackTo.replace("_", " ")}</span> }] : []),
          ...(v.fit
            ? [
                {
                  label: "Learned weights",
                  value: `${v.fit.journeys.toLocaleString("en-US")} journeys (${v.fit.conversions.toLocaleString("en-US")} converting), ${formatDate(v.fit.fromAt)} – ${formatDate(v.fit.toAt)}; fitted ${formatDate(v.fit.createdAt)}`,
                },
              ]
            : []),
        ]}
      />
      <div>
        <h3 className="text-xs font-medium uppercase tracking-wide text-slate-500">Reason</h3>
        <p className="mt-1 text-sm text-slate-900">{v.reason.charAt(0).toUpperCase() + v.reason.slice(1)}</p>
      </div>
      <div>
        <h3 className="text-xs font-medium uppercase tracking-wide text-slate-500">Rules applied</h3>
        <div className="mt-1">
          <RuleList rules={v.rules.map((r) => withNames(r, names))} />
        </div>
      </div>
    </div>
  );
}

/** The journey as it was weighed: every counted click, oldest first. */
export function TouchpointsTable({ version, names, linkNames = {} }: { version: Version; names: Names; linkNames?: Names }) {
  if (version.touchpoints.length === 0) {
    return <p className="px-5 py-6 text-sm text-slate-500">No clicks: this decision used {evidenceLabel(version.source).toLowerCase()} evidence.</p>;
  }
  return (
    <Table>
      <THead>
        <tr>
          <TH className="w-10">#</TH>
          <TH>Time</TH>
          <TH>Partner</TH>
          <TH>Link</TH>
          <TH>Sub-IDs</TH>
          <TH className="text-right">Weight</TH>
        </tr>
      </THead>
      <TBody>
        {version.touchpoints.map((t, i) => (
          <tr key={t.clickId} data-testid="touchpoint-row">
            <TD className="tabular-nums text-slate-500">{i + 1}</TD>
            <TD className="whitespace-nowrap">{formatDateTime(t.at)}</TD>
            <TD className="font-medium text-slate-900">{nameOf(names, t.partnerId)}</TD>
            <TD>
              <span className="block font-mono text-xs text-slate-700">{t.linkId ? nameOf(linkNames, t.linkId) : "—"}</span>
              <span className="block font-mono text-xs text-slate-400">{t.clickId}</span>
            </TD>
            <TD>
              <SubIds sub={t.sub} />
            </TD>
            <TD className="text-right">
              <Weight value={t.weight} />
            </TD>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}

/** Each credited partner's share with the commission accrued for it under this version. */
export function CreditsTable({ version, commissions, names }: { version: Version; commissions: Commission[]; names: Names }) {
  const mine = commissions.filter((c) => c.version === version.version);
  const partners = [...new Set([...version.credits.map((c) => c.partnerId), ...mine.map((c) => c.partnerId)])];
  if (partners.length === 0) return <p className="px-5 py-6 text-sm text-slate-500">No partner is credited.</p>;
  return (
    <Table>
      <THead>
        <tr>
          <TH>Partner</TH>
          <TH className="text-right">Credit</TH>
          <TH className="text-right">Commission</TH>
          <TH>Status</TH>
        </tr>
      </THead>
      <TBody>
        {partners.map((id) => {
          const credit = version.credits.find((c) => c.partnerId === id)?.credit ?? 0;
          const coms = mine.filter((c) => c.partnerId === id);
          return (
            <tr key={id} data-testid="credit-row">
              <TD className="font-medium text-slate-900">{nameOf(names, id)}</TD>
              <TD className="text-right font-medium tabular-nums">{percent(credit)}</TD>
              <TD className="text-right tabular-nums">
                {coms.length ? coms.map((c) => <span key={c.id} className="block">{formatMoney(c.amount, c.currency)}</span>) : <span className="text-slate-400">No commission</span>}
              </TD>
              <TD>
                {coms.map((c) => (
                  <span key={c.id} className="block">
                    <StatusBadge status={c.status} />
                  </span>
                ))}
              </TD>
            </tr>
          );
        })}
      </TBody>
    </Table>
  );
}
