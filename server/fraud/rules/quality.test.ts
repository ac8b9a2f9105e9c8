import { describe, expect, it } from "vitest";
import { missingFollowUp, refundRate } from "./quality";
import { makeInput, settings } from "./test-input";

describe("refund_rate (rate >= thresholdBp inclusive; sales >= minSales inclusive)", () => {
  const s = settings("refund_rate", { thresholdBp: 2500, minSales: 20 });
  const input = (sales: number, refunds: number, chargebacks: number) => makeInput({ stats: { refunds: { sales, refunds, chargebacks } } });

  it("trips at exactly 25%: 3 refunds + 2 chargebacks of 20 sales", () => {
    const hit = refundRate(input(20, 3, 2), s);
    expect(hit?.evidence).toEqual({ sales: 20, refunds: 3, chargebacks: 2, rateBp: 2500, thresholdBp: 2500 });
    expect(hit?.message).toBe("25% of the partner's sales in 90 days were refunded or charged back (3 refunds, 2 chargebacks of 20); the alert level is 25%.");
  });

  it("stays silent just under 25% (24/97 = 24.74%) and under the minimum volume", () => {
    expect(refundRate(input(97, 20, 4), s)).toBeNull();
    expect(refundRate(input(19, 19, 0), s)).toBeNull();
    expect(refundRate(makeInput(), s)).toBeNull();
  });

  it("needs a sale to divide by even when minSales would allow zero", () => {
    expect(refundRate(input(0, 1, 0), settings("refund_rate", { minSales: 1 }))).toBeNull();
  });
});

describe("missing_follow_up (share >= thresholdBp inclusive; matured >= minRegistrations inclusive)", () => {
  const s = settings("missing_follow_up", { thresholdBp: 8000, minRegistrations: 20 });
  const input = (matured: number, withoutDeposit: number) => makeInput({ stats: { followUp: { matured, withoutDeposit } } });

  it("trips at exactly 80%: 16 of 20 without a deposit", () => {
    const hit = missingFollowUp(input(20, 16), s);
    expect(hit?.evidence).toEqual({ matured: 20, withoutDeposit: 16, rateBp: 8000, thresholdBp: 8000 });
    expect(hit?.category).toBe("quality");
  });

  it("stays silent at 15 of 20 (75%) and with 19 registrations", () => {
    expect(missingFollowUp(input(20, 15), s)).toBeNull();
    expect(missingFollowUp(input(19, 19), s)).toBeNull();
    expect(missingFollowUp(makeInput(), s)).toBeNull();
  });
});
