import { describe, expect, it } from "vitest";
import { decide, type DecisionInput, type JourneyClick } from "./decide";

const DAY = 86_400_000;
const AT = new Date("2026-06-30T12:00:00.000Z");
const touch = (partnerId: string, msBefore: number, clickId = `clk_${partnerId}_${msBefore}`): JourneyClick => ({ clickId, at: new Date(AT.getTime() - msBefore), partnerId, linkId: null, sub: [] });

const input = (over: Partial<DecisionInput> = {}): DecisionInput => ({
  conversionId: "cnv_1",
  occurredAt: AT,
  windowDays: 30,
  model: { model: "last_click" },
  priority: ["click", "customer_binding", "coupon"],
  reportedClick: null,
  journey: [],
  bindingPartnerId: null,
  coupon: null,
  learnedWeights: null,
  ...over,
});

describe("decide", () => {
  it("counts a reported click exactly at the window's edge and refuses one a millisecond older", () => {
    const edge = touch("a", 30 * DAY);
    expect(decide(input({ reportedClick: edge, journey: [edge] }))).toMatchObject({ status: "attributed", partnerId: "a", source: "click" });
    const old = touch("a", 30 * DAY + 1);
    const d = decide(input({ reportedClick: old, journey: [] }));
    expect(d).toMatchObject({ status: "unattributed", partnerId: null });
    expect(d.reason).toContain("older than the 30-day attribution window");
  });

  it("drops journey clicks older than the window but keeps the reported one", () => {
    const reported = touch("a", DAY);
    const d = decide(input({ model: { model: "linear" }, reportedClick: reported, journey: [touch("b", 30 * DAY + 1), touch("c", 30 * DAY), reported] }));
    expect(d.credits).toEqual([
      { partnerId: "a", credit: 0.5 },
      { partnerId: "c", credit: 0.5 },
    ]);
    expect(d.rules).toContain("1 click(s) older than the 30-day window do not count");
  });

  it("never counts a reported click later than the conversion", () => {
    const late = touch("a", -1);
    expect(decide(input({ reportedClick: late, journey: [] }))).toMatchObject({ status: "unattributed" });
  });

  it("follows the program's priority: a binding first overrides the click", () => {
    const reported = touch("a", DAY);
    const both = { reportedClick: reported, journey: [reported], bindingPartnerId: "b", coupon: { code: "C10", partnerId: "c" } };
    expect(decide(input(both))).toMatchObject({ partnerId: "a", source: "click" });
    expect(decide(input({ ...both, priority: ["customer_binding", "click", "coupon"] }))).toMatchObject({ partnerId: "b", source: "customer_binding", credits: [{ partnerId: "b", credit: 1 }] });
    expect(decide(input({ ...both, priority: ["coupon", "click", "customer_binding"] }))).toMatchObject({ partnerId: "c", source: "coupon" });
  });

  it("falls through to the next evidence when the click is out of the window", () => {
    const old = touch("a", 40 * DAY);
    const d = decide(input({ reportedClick: old, coupon: { code: "C10", partnerId: "c" } }));
    expect(d).toMatchObject({ status: "attributed", partnerId: "c", source: "coupon" });
    expect(d.rules[0]).toContain("older than the 30-day attribution window");
  });

  it("names the largest share as the headline partner, ties to the lowest id", () => {
    const reported = touch("b", DAY);
    const d = decide(input({ model: { model: "linear" }, reportedClick: reported, journey: [touch("c", 2 * DAY), reported] }));
    expect(d.partnerId).toBe("b");
  });
});
