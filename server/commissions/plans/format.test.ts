import { describe, expect, it } from "vitest";
import { eventLabel, formatBp, formatMinor, formatMoney } from "./format";

describe("money and rate text", () => {
  it("formats minor units with the currency's digits, exactly", () => {
    expect(formatMinor(123456n, "USD")).toBe("1,234.56");
    expect(formatMinor(5n, "USD")).toBe("0.05");
    expect(formatMinor(-5n, "USD")).toBe("-0.05");
    expect(formatMinor(0n, "EUR")).toBe("0.00");
    expect(formatMinor(1500n, "JPY")).toBe("1,500");
    expect(formatMinor(1234n, "BHD")).toBe("1.234");
    expect(formatMinor(123456789012345678n, "USD")).toBe("1,234,567,890,123,456.78");
    expect(formatMoney(20000n, "USD")).toBe("200.00 USD");
  });

  it("formats basis points as a percentage without trailing zeros", () => {
    expect(formatBp(2500)).toBe("25%");
    expect(formatBp(1250)).toBe("12.5%");
    expect(formatBp(1)).toBe("0.01%");
    expect(formatBp(10_000)).toBe("100%");
    expect(formatBp(0)).toBe("0%");
  });

  it("names events as partners know them", () => {
    expect(eventLabel("ftd")).toBe("FTD");
    expect(eventLabel("subscription_payment")).toBe("subscription payment");
  });
});
