import { minorDigits } from "@/server/money/currency";
import type { Dashboard } from "@/server/reports/get-dashboard";
import { ActivityCharts } from "./activity-chart";
import { KpiTiles } from "./kpi-tiles";

/** The dashboards' performance block (tiles and charts), a component of its own so dashboards compose it. */
export function PerformanceOverview({ dashboard }: { dashboard: Dashboard }) {
  return (
    <section aria-label="Performance" className="space-y-4">
      <KpiTiles dashboard={dashboard} />
      <ActivityCharts series={dashboard.series} currencies={dashboard.currencies.map((code) => ({ code, digits: minorDigits(code) }))} />
    </section>
  );
}
