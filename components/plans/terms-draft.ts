import { parseMoneyInput } from "@/components/forms/money-input";
import { planTermsSchema, type PlanTermsInput } from "@/server/commissions/plans/schemas";
import { describeTerms } from "@/server/commissions/plans/stored";
import { isKnownCurrency, minorDigits } from "@/server/money/currency";

/**
 * A plan's terms as the admin types them: money as decimals in the plan's currency, rates as percentages, lists
 * as comma-separated text. `termsFromDraft` turns it into the minor units and basis points the server stores,
 * with every problem keyed by the same path the server's schema uses ("components.tiers.tiers.1.from").
 */
export type TierMetric = "ftd_count" | "event_count" | "amount_sum";
export type TierRow = { from: string; to: string; value: string };
export type LotGroupRow = { name: string; instruments: string; rate: string };
export type Carryover = "carry_forward" | "reset_monthly" | "none";

export type KpiRuleId = "repeat" | "avgDeposit" | "median" | "qualified" | "refund" | "ngr" | "lotsPerTrader";
export type KpiDraft = {
  on: boolean;
  effect: "cpa" | "bonus";
  bonus: string;
  repeat: { on: boolean; rate: string; days: string };
  avgDeposit: { on: boolean; amount: string };
  median: { on: boolean; amount: string };
  qualified: { on: boolean; min: string };
  refund: { on: boolean; rate: string };
  ngr: { on: boolean; amount: string };
  lotsPerTrader: { on: boolean; lots: string };
};

/** The KPI rules in the order they are stored; a rule's index in `components.kpi.rules` is its place among those on. */
export const KPI_RULES: readonly KpiRuleId[] = ["repeat", "avgDeposit", "median", "qualified", "refund", "ngr", "lotsPerTrader"];
export const kpiRuleIndex = (k: KpiDraft, id: KpiRuleId) => KPI_RULES.filter((r) => k[r].on).indexOf(id);

export type TermsDraft = {
  currency: string;
  cpa: { on: boolean; event: string; amount: string };
  revshare: { on: boolean; events: string; rate: string; months: string };
  ngr: { on: boolean; rate: string; carryover: Carryover };
  tiers: { on: boolean; metric: TierMetric; event: string; appliesTo: "cpa" | "revshare" | "ngr"; rows: TierRow[] };
  lots: { on: boolean; event: string; groups: LotGroupRow[]; defaultRate: string };
  multiTier: { on: boolean; levels: string[] };
  kpi: KpiDraft;
};

export type PathErrors = Record<string, string>;

export function emptyDraft(currency = "USD"): TermsDraft {
  return {
    currency,
    cpa: { on: true, event: "ftd", amount: "" },
    revshare: { on: false, events: "deposit", rate: "", months: "" },
    ngr: { on: false, rate: "", carryover: "carry_forward" },
    tiers: { on: false, metric: "ftd_count", event: "ftd", appliesTo: "cpa", rows: [{ from: "1", to: "10", value: "" }, { from: "11", to: "", value: "" }] },
    lots: { on: false, event: "trade", groups: [{ name: "Majors", instruments: "EURUSD, GBPUSD", rate: "" }], defaultRate: "" },
    multiTier: { on: false, levels: ["10"] },
    kpi: { on: false, effect: "cpa", bonus: "", repeat: { on: true, rate: "60", days: "30" }, avgDeposit: { on: true, amount: "" }, median: { on: false, amount: "" }, qualified: { on: false, min: "" }, refund: { on: false, rate: "" }, ngr: { on: false, amount: "" }, lotsPerTrader: { on: false, lots: "" } },
  };
}

/** 20000 USD -> "200.00": exact, by splitting the digits, never by dividing a float. */
export function minorToDecimal(minor: string | number | bigint, currency: string): string {
  const digits = minorDigits(currency);
  const n = BigInt(minor);
  const abs = (n < 0n ? -n : n).toString().padStart(digits + 1, "0");
  const whole = abs.slice(0, abs.length - digits);
  return `${n < 0n ? "-" : ""}${whole}${digits > 0 ? `.${abs.slice(abs.length - digits)}` : ""}`;
}

/** 2500 -> "25", 1250 -> "12.5". */
export const bpToPercent = (bp: number) => String(bp / 100);

/** "25" -> 2500, "12.5" -> 1250: at most two decimals, so the basis points are whole. */
export function percentToBp(text: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim().replace(/%$/, "").trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

type Stored = Record<string, unknown>;
const str = (v: unknown) => (v === undefined || v === null ? "" : String(v));

/** A stored version's terms back into the form, to start the next version from the current one. */
export function draftFromStored(stored: { currency: string; components: Stored }): TermsDraft {
  const d = emptyDraft(stored.currency);
  const c = stored.components as Record<string, Stored | undefined>;
  const cur = stored.currency;
  const money = (v: unknown) => (v === undefined || v === null ? "" : minorToDecimal(String(v), cur));
  d.cpa.on = Boolean(c.cpa);
  if (c.cpa) d.cpa = { on: true, event: str(c.cpa.event), amount: money(c.cpa.amount) };
  if (c.revshare) d.revshare = { on: true, events: ((c.revshare.events as string[]) ?? []).join(", "), rate: bpToPercent(Number(c.revshare.rateBp)), months: str(c.revshare.recurringMonths) };
  if (c.ngr) d.ngr = { on: true, rate: bpToPercent(Number(c.ngr.rateBp)), carryover: (c.ngr.carryover as Carryover) ?? "carry_forward" };
  if (c.tiers) {
    const metric = c.tiers.metric as TierMetric;
    const appliesTo = c.tiers.appliesTo as "cpa" | "revshare" | "ngr";
    const bound = (v: unknown) => (v === null || v === undefined ? "" : metric === "amount_sum" ? minorToDecimal(String(v), cur) : String(v));
    const rows = ((c.tiers.tiers as Stored[]) ?? []).map((t) => ({ from: bound(t.from), to: bound(t.to), value: appliesTo === "cpa" ? money(t.amount) : t.rateBp === undefined ? "" : bpToPercent(Number(t.rateBp)) }));
    d.tiers = { on: true, metric, event: str(c.tiers.event), appliesTo, rows };
  }
  if (c.lots) {
    const groups = ((c.lots.groups as Stored[]) ?? []).map((g) => ({ name: str(g.name), instruments: ((g.instruments as string[]) ?? []).join(", "), rate: money(g.ratePerLot) }));
    d.lots = { on: true, event: str(c.lots.event) || "trade", groups, defaultRate: money(c.lots.defaultRatePerLot) };
  }
  if (c.multiTier) d.multiTier = { on: true, levels: ((c.multiTier.levels as number[]) ?? []).map(bpToPercent) };
  if (c.kpi) {
    const rules = (c.kpi.rules as Stored[]) ?? [];
    const rule = (metric: string) => rules.find((r) => r.metric === metric);
    const [repeat, avg, qualified, refund] = [rule("repeat_deposit_rate"), rule("avg_first_deposit"), rule("qualified_ftd_count"), rule("refund_rate")];
    const [median, ngr, lots] = [rule("median_first_deposit"), rule("ngr_per_player"), rule("lots_per_trader")];
    d.kpi = {
      on: true,
      effect: c.kpi.effect === "bonus" ? "bonus" : "cpa",
      bonus: money(c.kpi.bonusAmount),
      repeat: { on: Boolean(repeat), rate: repeat ? bpToPercent(Number(repeat.minBp)) : "", days: str(repeat?.withinDays) },
      avgDeposit: { on: Boolean(avg), amount: money(avg?.minAmount) },
      qualified: { on: Boolean(qualified), min: str(qualified?.min) },
      refund: { on: Boolean(refund), rate: refund ? bpToPercent(Number(refund.maxBp)) : "" },
      median: { on: Boolean(median), amount: money(median?.minAmount) },
      ngr: { on: Boolean(ngr), amount: money(ngr?.minAmount) },
      lotsPerTrader: { on: Boolean(lots), lots: str(lots?.minLots) },
    };
  }
  return d;
}

const list = (text: string) =>
  text
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * The draft as the server's input, or the problems found: first the conversions (a decimal with too many places,
 * a rate that is not a percentage), then the shared schema's own rules (tiers without gaps, unique groups).
 * `preview` is the terms in the words partners will read.
 */
export function termsFromDraft(d: TermsDraft): { terms: PlanTermsInput | null; errors: PathErrors; preview: string[] } {
  const errors: PathErrors = {};
  const currency = d.currency.trim().toUpperCase();
  if (!isKnownCurrency(currency)) errors.currency = "Use an ISO 4217 currency code such as USD";
  const fail = (path: string, message: string): undefined => {
    errors[path] ??= message;
    return undefined;
  };
  const money = (text: string, path: string, { optional = false } = {}): number | undefined => {
    if (optional && text.trim() === "") return undefined;
    if (!isKnownCurrency(currency)) return text.trim() === "" ? fail(path, "Enter an amount") : undefined;
    const r = parseMoneyInput(text, currency);
    return r.ok ? r.minor : fail(path, r.message);
  };
  const rate = (text: string, path: string): number | undefined => percentToBp(text) ?? fail(path, "Enter a percentage such as 25 or 12.5");
  const whole = (text: string, path: string, { nullable = false } = {}): number | null | undefined => {
    if (nullable && text.trim() === "") return null;
    return /^\d{1,12}$/.test(text.trim()) ? Number(text.trim()) : fail(path, nullable ? "A whole number, or empty for no end" : "Enter a whole number");
  };

  const components: Record<string, unknown> = {};
  if (d.cpa.on) components.cpa = { event: d.cpa.event, amount: money(d.cpa.amount, "components.cpa.amount") };
  if (d.revshare.on) {
    const months = d.revshare.months.trim() === "" ? null : whole(d.revshare.months, "components.revshare.recurringMonths");
    components.revshare = { events: list(d.revshare.events), rateBp: rate(d.revshare.rate, "components.revshare.rateBp"), recurringMonths: months };
  }
  if (d.ngr.on) components.ngr = { rateBp: rate(d.ngr.rate, "components.ngr.rateBp"), carryover: d.ngr.carryover };
  if (d.tiers.on) {
    const t = d.tiers;
    const bound = (text: string, path: string, nullable: boolean) => {
      if (t.metric !== "amount_sum") return whole(text, path, { nullable });
      if (nullable && text.trim() === "") return null;
      return money(text, path);
    };
    components.tiers = {
      metric: t.metric,
      event: t.event,
      appliesTo: t.appliesTo,
      tiers: t.rows.map((r, i) => {
        const base = `components.tiers.tiers.${i}`;
        const row: Record<string, unknown> = { from: bound(r.from, `${base}.from`, false), to: bound(r.to, `${base}.to`, true) };
        if (t.appliesTo === "cpa") row.amount = money(r.value, `${base}.amount`);
        else row.rateBp = rate(r.value, `${base}.rateBp`);
        return row;
      }),
    };
  }
  if (d.lots.on) {
    components.lots = {
      event: d.lots.event,
      groups: d.lots.groups.map((g, i) => ({ name: g.name, instruments: list(g.instruments.toUpperCase()), ratePerLot: money(g.rate, `components.lots.groups.${i}.ratePerLot`) })),
      defaultRatePerLot: money(d.lots.defaultRate, "components.lots.defaultRatePerLot", { optional: true }) ?? null,
    };
  }
  if (d.multiTier.on) components.multiTier = { levels: d.multiTier.levels.map((l, i) => rate(l, `components.multiTier.levels.${i}`)) };
  if (d.kpi.on) {
    const k = d.kpi;
    const at = (id: KpiRuleId, field: string) => `components.kpi.rules.${kpiRuleIndex(k, id)}.${field}`;
    const build: Record<KpiRuleId, () => Record<string, unknown>> = {
      repeat: () => ({ metric: "repeat_deposit_rate", minBp: rate(k.repeat.rate, at("repeat", "minBp")), withinDays: whole(k.repeat.days, at("repeat", "withinDays")) }),
      avgDeposit: () => ({ metric: "avg_first_deposit", minAmount: money(k.avgDeposit.amount, at("avgDeposit", "minAmount")) }),
      qualified: () => ({ metric: "qualified_ftd_count", min: whole(k.qualified.min, at("qualified", "min")) }),
      refund: () => ({ metric: "refund_rate", maxBp: rate(k.refund.rate, at("refund", "maxBp")) }),
      median: () => ({ metric: "median_first_deposit", minAmount: money(k.median.amount, at("median", "minAmount")) }),
      ngr: () => ({ metric: "ngr_per_player", minAmount: money(k.ngr.amount, at("ngr", "minAmount")) }),
      lotsPerTrader: () => ({ metric: "lots_per_trader", minLots: k.lotsPerTrader.lots.trim() }),
    };
    components.kpi = {
      effect: k.effect,
      rules: KPI_RULES.filter((id) => k[id].on).map((id) => build[id]()),
      bonusAmount: k.effect === "bonus" ? (money(k.bonus, "components.kpi.bonusAmount", { optional: true }) ?? null) : null,
    };
  }

  const terms = { currency, components } as PlanTermsInput;
  const parsed = planTermsSchema.safeParse(terms);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.map(String).join(".");
      // A conversion problem at the same place is the clearer message; keep it.
      if (!Object.keys(errors).some((k) => k === key || key.startsWith(`${k}.`))) errors[key] ||= issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { terms: null, errors, preview: [] };
  return { terms, errors, preview: describeTerms(parsed.data) };
}

/** The message for a field, or for anything below it (an event list's item, a group's instrument). */
export function errorAt(errors: PathErrors, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const below = Object.keys(errors).find((k) => k.startsWith(`${path}.`));
  return below ? errors[below] : undefined;
}
