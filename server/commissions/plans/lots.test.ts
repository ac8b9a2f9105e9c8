import { describe, expect, it } from "vitest";
import { computeEventCommission } from "./compute";
import { parseLots } from "./lots";
import { parsePlanTerms } from "./schemas";
import type { LotsTerms } from "./types";

const groups = [
  { name: "Majors", instruments: ["EURUSD", "GBPUSD"], ratePerLot: 800 }, // 8.00 USD per lot
  { name: "Metals", instruments: ["XAUUSD"], ratePerLot: 1500 }, // 15.00 USD per lot
  { name: "Indices", instruments: ["US30"], ratePerLot: 850 }, // 8.50 USD per lot
];
const WITH_DEFAULT = parsePlanTerms({ currency: "USD", components: { lots: { groups, defaultRatePerLot: 500 } } });
const NO_DEFAULT = parsePlanTerms({ currency: "USD", components: { lots: { groups } } });
const ctx = { periodVolume: { ftdCount: 0, eventCount: 1, amountSum: 0n } };
const trade = (lots: string, instrument: string | null, plan = WITH_DEFAULT) =>
  computeEventCommission(plan, { type: "trade", currency: "USD", lots, instrument, occurredAt: new Date("2025-06-10T12:00:00.000Z") }, ctx);

describe("per-lot rebates", () => {
  it("pays the instrument group's rate per lot, for fractional lots too", () => {
    // 1.25 lots × 8.00 = 10.00
    expect(trade("1.25", "EURUSD")).toEqual({ lines: [{ component: "lots", basis: "1.25 lots × 8.00 USD (Majors) = 10.00 USD", amount: 1000n }], total: 1000n, notes: [] });
    // 0.01 lots × 15.00 = 0.15
    expect(trade("0.01", "XAUUSD")).toMatchObject({ total: 15n, lines: [{ basis: "0.01 lots × 15.00 USD (Metals) = 0.15 USD" }] });
    // instruments match case-insensitively: 3 lots × 8.00 = 24.00
    expect(trade("3", "gbpusd").total).toBe(2400n);
  });

  it("rounds a fraction of a unit to even", () => {
    // 0.03 × 8.50 = 0.255 = 25.5 units -> 26 (even); 0.01 × 8.50 = 8.5 units -> 8 (even); 0.07 × 8.50 = 59.5 -> 60
    expect(trade("0.03", "US30").total).toBe(26n);
    expect(trade("0.01", "US30").total).toBe(8n);
    expect(trade("0.07", "US30").total).toBe(60n);
  });

  it("pays the default rate for an instrument in no group", () => {
    // 2 lots × 5.00 = 10.00
    expect(trade("2", "USDJPY")).toMatchObject({ total: 1000n, lines: [{ basis: "2 lots × 5.00 USD (default rate, USDJPY) = 10.00 USD" }] });
  });

  it("pays nothing, with a reason, for an unknown instrument without a default or a malformed trade", () => {
    expect(trade("1", "USDJPY", NO_DEFAULT)).toEqual({ total: 0n, reason: "lot rebate not paid: no per-lot rate for USDJPY: no instrument group lists it and the plan has no default rate" });
    expect(trade("1.255", "EURUSD")).toEqual({ total: 0n, reason: 'lot rebate not paid: lots "1.255" is not a number of lots with at most 2 decimals' });
    expect(trade("1", null)).toEqual({ total: 0n, reason: "lot rebate not paid: the trade reports no instrument" });
  });
});

describe("parseLots", () => {
  it("reads lots as exact hundredths", () => {
    expect(parseLots("1.25")).toBe(125n);
    expect(parseLots("1.5")).toBe(150n);
    expect(parseLots("0.01")).toBe(1n);
    expect(parseLots("10")).toBe(1000n);
    expect(parseLots(" 2.00 ")).toBe(200n);
  });

  it.each(["-1", "1e2", "1.", ".5", "1,5", "NaN", "", "1.001", "1234567890"])("refuses %j", (text) => {
    expect(parseLots(text)).toBeUndefined();
  });

  it("works on hand-built terms as well as parsed ones", () => {
    // 0.5 lots × 1.00 USD default = 0.50
    const terms: LotsTerms = { event: "trade", groups: [], defaultRatePerLot: 100n };
    expect(computeEventCommission({ currency: "USD", components: { lots: terms } }, { type: "trade", currency: "USD", lots: "0.5", instrument: "X", occurredAt: new Date(0) }, ctx).total).toBe(50n);
  });
});
