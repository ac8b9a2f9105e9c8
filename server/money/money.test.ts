import { describe, expect, it } from "vitest";
import { parseAmount } from "./parse-amount";
import { formatMoney } from "./format";

describe("parseAmount", () => {
  it.each([
    ["200", "USD", 20000],
    ["19.99", "USD", 1999],
    ["0.1", "USD", 10],
    ["1500", "JPY", 1500],
    ["1.234", "BHD", 1234],
    ["999999999999999", "JPY", 999999999999999],
  ])("%s %s -> %d minor units", (input, currency, minor) => {
    expect(parseAmount(input, currency)).toEqual({ ok: true, minor });
  });

  it.each([
    ["1e3", "USD", "not a decimal"],
    ["NaN", "USD", "not a decimal"],
    ["1,000", "USD", "not a decimal"],
    ["", "USD", "not a decimal"],
    ["19.999", "USD", "more than 2 decimal places"],
    ["1.5", "JPY", "more than 0 decimal places"],
    ["-5", "USD", "must not be negative"],
    ["10", "XXY", "unknown currency"],
    ["10", "usd", "unknown currency"],
    ["0x10", "USD", "not a decimal"],
  ])("refuses %s %s", (input, currency, message) => {
    const r = parseAmount(input, currency);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });
});

describe("formatMoney", () => {
  it("formats minor units exactly", () => {
    expect(formatMoney(20000, "USD")).toBe("$200.00");
    expect(formatMoney(1, "USD")).toBe("$0.01");
    expect(formatMoney(-1999, "EUR")).toBe("-€19.99");
    expect(formatMoney(1500, "JPY")).toBe("¥1,500");
    expect(formatMoney(900719925474099, "USD")).toBe("$9,007,199,254,740.99");
  });
});
