import { describe, expect, it } from "vitest";
import { computeEventCommission } from "./compute";
import { parsePlanTerms } from "./schemas";
import type { CommissionEvent, EventContext } from "./types";

const AT = new Date("2025-06-10T12:00:00.000Z");
const ev = (type: string, amount: bigint | null = null, extra: Partial<CommissionEvent> = {}): CommissionEvent => ({ type, amount, currency: "USD", occurredAt: AT, ...extra });
const ctx = (ftdCount = 1, extra: Partial<EventContext> = {}): EventContext => ({ periodVolume: { ftdCount, eventCount: ftdCount, amountSum: 0n }, ...extra });

const CPA = parsePlanTerms({ currency: "USD", components: { cpa: { event: "ftd", amount: 20000 } } });
const REVSHARE = parsePlanTerms({ currency: "USD", components: { revshare: { events: ["deposit"], rateBp: 2500 } } });
const HYBRID = parsePlanTerms({ currency: "USD", components: { cpa: { event: "ftd", amount: 20000 }, revshare: { events: ["ftd", "deposit"], rateBp: 2500 } } });
const UNQUALIFIED = { ok: false, reason: "deposit 15.00 USD is below the 20.00 USD minimum for FTD" } as const;

describe("computeEventCommission: CPA, CPL, revshare, hybrid", () => {
  it("CPA pays its fixed amount per qualifying event", () => {
    expect(computeEventCommission(CPA, ev("ftd", 8000n), ctx())).toEqual({
      lines: [{ component: "cpa", basis: "CPA for FTD: 200.00 USD", amount: 20000n }],
      total: 20000n,
      notes: [],
    });
    expect(computeEventCommission(CPA, ev("ftd"), ctx(1, { qualification: { ok: true } })).total).toBe(20000n);
  });

  it("CPL is a CPA on the lead event", () => {
    const cpl = parsePlanTerms({ currency: "USD", components: { cpa: { event: "lead", amount: 250 } } });
    expect(computeEventCommission(cpl, ev("lead"), ctx())).toEqual({ lines: [{ component: "cpa", basis: "CPA for lead: 2.50 USD", amount: 250n }], total: 250n, notes: [] });
  });

  it("an unqualified CPA pays nothing and says why", () => {
    expect(computeEventCommission(CPA, ev("ftd", 1500n), ctx(1, { qualification: UNQUALIFIED }))).toEqual({
      total: 0n,
      reason: "CPA not paid: deposit 15.00 USD is below the 20.00 USD minimum for FTD",
    });
  });

  it("revshare pays a percentage of the event amount", () => {
    // 25% of 80.00 = 20.00
    expect(computeEventCommission(REVSHARE, ev("deposit", 8000n), ctx())).toEqual({
      lines: [{ component: "revshare", basis: "25% of 80.00 USD deposit = 20.00 USD", amount: 2000n }],
      total: 2000n,
      notes: [],
    });
    // 25% of 0.10 = 0.025 -> 0.02 (0.025 is a tie at 2.5 units -> 2, the even one)
    expect(computeEventCommission(REVSHARE, ev("deposit", 10n), ctx()).total).toBe(2n);
    expect(computeEventCommission(REVSHARE, ev("deposit"), ctx())).toEqual({ total: 0n, reason: "revshare not paid: the deposit reports no amount" });
  });

  it("hybrid: the FTD earns the CPA and the revshare; a later deposit the revshare only", () => {
    // FTD of 80.00: CPA 200.00 + 25% × 80.00 = 20.00 -> 220.00
    expect(computeEventCommission(HYBRID, ev("ftd", 8000n), ctx())).toEqual({
      lines: [
        { component: "cpa", basis: "CPA for FTD: 200.00 USD", amount: 20000n },
        { component: "revshare", basis: "25% of 80.00 USD FTD = 20.00 USD", amount: 2000n },
      ],
      total: 22000n,
      notes: [],
    });
    // deposit of 40.00: 25% = 10.00
    expect(computeEventCommission(HYBRID, ev("deposit", 4000n), ctx()).total).toBe(1000n);
  });

  it("hybrid: an unqualified FTD still earns the revshare, with the CPA's reason as a note", () => {
    // 25% of 15.00 = 3.75
    expect(computeEventCommission(HYBRID, ev("ftd", 1500n), ctx(1, { qualification: UNQUALIFIED }))).toEqual({
      lines: [{ component: "revshare", basis: "25% of 15.00 USD FTD = 3.75 USD", amount: 375n }],
      total: 375n,
      notes: ["CPA not paid: deposit 15.00 USD is below the 20.00 USD minimum for FTD"],
    });
  });
});

describe("computeEventCommission: what it does not compute", () => {
  it("leaves refunds and chargebacks to reverse the original commission", () => {
    const reason = "refunds and chargebacks reverse the commission of the original event; they earn no commission of their own";
    expect(computeEventCommission(HYBRID, ev("refund", 8000n), ctx())).toEqual({ total: 0n, reason });
    expect(computeEventCommission(HYBRID, ev("chargeback", 8000n), ctx())).toEqual({ total: 0n, reason });
    expect(computeEventCommission(HYBRID, ev("deposit", -8000n), ctx())).toEqual({ total: 0n, reason });
  });

  it("settles NGR monthly, not per event", () => {
    const ngr = parsePlanTerms({ currency: "USD", components: { cpa: { event: "ftd", amount: 100 }, ngr: { rateBp: 3000, carryover: "carry_forward" } } });
    expect(computeEventCommission(ngr, ev("ngr", 5000n), ctx())).toEqual({ total: 0n, reason: "NGR revenue share is settled monthly, not per event" });
    // a losing month is still NGR, not a refund
    expect(computeEventCommission(ngr, ev("ngr", -5000n), ctx())).toEqual({ total: 0n, reason: "NGR revenue share is settled monthly, not per event" });
    expect(computeEventCommission(ngr, ev("ftd", 5000n), ctx()).total).toBe(100n);
  });

  it("pays nothing for other events or another currency", () => {
    expect(computeEventCommission(CPA, ev("deposit", 5000n), ctx())).toEqual({ total: 0n, reason: "deposit events earn nothing on this plan" });
    expect(computeEventCommission(CPA, ev("ngr", 5000n), ctx())).toEqual({ total: 0n, reason: "ngr events earn nothing on this plan" });
    expect(computeEventCommission(CPA, ev("ftd", 5000n, { currency: "EUR" }), ctx())).toEqual({ total: 0n, reason: "the FTD is in EUR, but the plan pays in USD" });
  });
});

describe("computeEventCommission: recurring revshare", () => {
  const SAAS = parsePlanTerms({ currency: "USD", components: { revshare: { events: ["subscription_payment"], rateBp: 2000, recurringMonths: 12 } } });
  const FIRST = new Date("2025-01-15T10:00:00.000Z");
  const pay = (iso: string, first: Date | null = FIRST) =>
    computeEventCommission(SAAS, ev("subscription_payment", 4900n, { occurredAt: new Date(iso) }), ctx(0, { customerFirstCommissionAt: first }));

  it("counts month 1 from the customer's first commissioned event (this one when there is none)", () => {
    // 20% of 49.00 = 9.80
    expect(pay("2025-01-15T10:00:00.000Z", null)).toEqual({
      lines: [{ component: "revshare", basis: "20% of 49.00 USD subscription payment = 9.80 USD, month 1 of 12", amount: 980n }],
      total: 980n,
      notes: [],
    });
    expect(pay("2025-02-15T10:00:00.000Z")).toMatchObject({ lines: [{ basis: "20% of 49.00 USD subscription payment = 9.80 USD, month 2 of 12" }] });
  });

  it("stops exactly 12 calendar months after the first commission", () => {
    expect(pay("2026-01-15T09:59:59.999Z")).toMatchObject({ total: 980n, lines: [{ basis: expect.stringContaining("month 12 of 12") }] });
    expect(pay("2026-01-15T10:00:00.000Z")).toEqual({ total: 0n, reason: "revshare not paid: it pays for 12 months from the customer's first commission, and this is month 13" });
  });

  it("ends a month that starts on the 31st on the last day of the shorter month", () => {
    const one = parsePlanTerms({ currency: "USD", components: { revshare: { events: ["subscription_payment"], rateBp: 2000, recurringMonths: 1 } } });
    const first = new Date("2024-01-31T00:00:00.000Z"); // + 1 month = 2024-02-29 (leap year)
    const at = (iso: string) => computeEventCommission(one, ev("subscription_payment", 4900n, { occurredAt: new Date(iso) }), ctx(0, { customerFirstCommissionAt: first })).total;
    expect(at("2024-02-28T23:59:59.999Z")).toBe(980n);
    expect(at("2024-02-29T00:00:00.000Z")).toBe(0n);
  });
});
