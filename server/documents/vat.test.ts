import { describe, expect, it } from "vitest";
import { normaliseVat, vatFormatError } from "./vat";

describe("VAT number format", () => {
  it("accepts each country's format, with or without the prefix and spaces", () => {
    expect(vatFormatError("DE", normaliseVat("DE", "DE 123 456 789"))).toBeNull();
    expect(vatFormatError("MT", normaliseVat("MT", "12345678"))).toBeNull();
    expect(vatFormatError("GR", normaliseVat("GR", "123456789"))).toBeNull();
    expect(normaliseVat("GR", "123456789")).toBe("EL123456789");
    expect(vatFormatError("NL", normaliseVat("NL", "nl123456789b01"))).toBeNull();
    expect(vatFormatError("AT", "ATU12345678")).toBeNull();
  });

  it("refuses a number in another country's format or prefix", () => {
    expect(vatFormatError("DE", "DE12345678")).toMatch(/format/);
    expect(vatFormatError("NL", "NL123456789")).toMatch(/format/);
    expect(vatFormatError("FR", "DE123456789")).toMatch(/start with FR/);
    expect(vatFormatError("AT", "AT12345678")).toMatch(/format/);
  });

  it("outside the EU only checks the characters", () => {
    expect(vatFormatError("GB", "GB123456789")).toBeNull();
    expect(vatFormatError("US", "12")).toMatch(/4 to 20/);
  });
});
