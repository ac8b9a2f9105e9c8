import { describe, expect, it } from "vitest";
import { qualify, type QualifyContext } from "./qualify";
import type { CommissionEvent } from "./types";

const REGISTERED = new Date("2025-03-01T12:00:00.000Z");
const ftd = (amount: bigint | null, occurredAt = new Date("2025-03-02T12:00:00.000Z"), currency = "USD"): CommissionEvent => ({ type: "ftd", amount, currency, occurredAt });
const ctx: QualifyContext = { currency: "USD", registeredAt: REGISTERED, alreadyEarnedCpa: false };

describe("qualify", () => {
  it("passes when the offer sets no rules", () => {
    expect(qualify({}, ftd(null), { currency: "USD", alreadyEarnedCpa: true })).toEqual({ ok: true });
  });

  it("min deposit: equal to the minimum passes, one unit below fails with both amounts in words", () => {
    const rules = { minDeposit: 2000n }; // 20.00 USD
    expect(qualify(rules, ftd(2000n), ctx)).toEqual({ ok: true });
    expect(qualify(rules, ftd(2001n), ctx)).toEqual({ ok: true });
    expect(qualify(rules, ftd(1999n), ctx)).toEqual({ ok: false, reason: "deposit 19.99 USD is below the 20.00 USD minimum for FTD" });
    expect(qualify(rules, ftd(1500n), ctx)).toEqual({ ok: false, reason: "deposit 15.00 USD is below the 20.00 USD minimum for FTD" });
  });

  it("min deposit: uses the currency's own minor digits", () => {
    // JPY has no minor digits: 1000 minor units = ¥1,000.
    const r = qualify({ minDeposit: 1000n }, ftd(999n, undefined, "JPY"), { ...ctx, currency: "JPY" });
    expect(r).toEqual({ ok: false, reason: "deposit 999 JPY is below the 1,000 JPY minimum for FTD" });
  });

  it("min deposit: fails without an amount or in another currency", () => {
    expect(qualify({ minDeposit: 2000n }, ftd(null), ctx)).toEqual({ ok: false, reason: "the FTD reports no deposit amount, and the offer needs at least 20.00 USD" });
    expect(qualify({ minDeposit: 2000n }, ftd(5000n, undefined, "EUR"), ctx)).toEqual({
      ok: false,
      reason: "the deposit is in EUR, but the offer's 20.00 USD minimum is in USD",
    });
  });

  it("within N days: exactly N × 24 h after registration passes, one millisecond later fails", () => {
    const rules = { withinDaysOfRegistration: 30 };
    // 2025-03-01T12:00Z + 30 days = 2025-03-31T12:00Z (March has 31 days, no DST in UTC).
    expect(qualify(rules, ftd(100n, new Date("2025-03-31T12:00:00.000Z")), ctx)).toEqual({ ok: true });
    expect(qualify(rules, ftd(100n, new Date("2025-03-31T12:00:00.001Z")), ctx)).toEqual({
      ok: false,
      reason: "FTD at 2025-03-31T12:00:00.001Z came more than 30 days after registration at 2025-03-01T12:00:00.000Z",
    });
  });

  it("within N days: an event stamped before registration counts as within; an unknown registration fails", () => {
    const rules = { withinDaysOfRegistration: 7 };
    expect(qualify(rules, ftd(100n, new Date("2025-03-01T11:59:00.000Z")), ctx)).toEqual({ ok: true });
    expect(qualify(rules, ftd(100n), { ...ctx, registeredAt: null })).toEqual({
      ok: false,
      reason: "the customer's registration time is unknown, and the offer pays only within 7 days of registration",
    });
  });

  it("once per customer: a second CPA for the same customer fails", () => {
    expect(qualify({ oncePerCustomer: true }, ftd(100n), ctx)).toEqual({ ok: true });
    expect(qualify({ oncePerCustomer: true }, ftd(100n), { ...ctx, alreadyEarnedCpa: true })).toEqual({
      ok: false,
      reason: "this customer already earned a CPA, and the offer pays one CPA per customer",
    });
    expect(qualify({ oncePerCustomer: false }, ftd(100n), { ...ctx, alreadyEarnedCpa: true })).toEqual({ ok: true });
  });

  it("reports the first failing rule: once per customer, then the window, then the deposit", () => {
    const all = { oncePerCustomer: true, withinDaysOfRegistration: 1, minDeposit: 2000n };
    const late = new Date("2025-03-05T00:00:00.000Z");
    expect(qualify(all, ftd(1n, late), { ...ctx, alreadyEarnedCpa: true })).toMatchObject({ reason: expect.stringContaining("one CPA per customer") });
    expect(qualify(all, ftd(1n, late), ctx)).toMatchObject({ reason: expect.stringContaining("more than 1 day after") });
    expect(qualify(all, ftd(1n), { ...ctx, registeredAt: new Date("2025-03-02T00:00:00.000Z") })).toMatchObject({ reason: expect.stringContaining("below the 20.00 USD minimum") });
  });
});
