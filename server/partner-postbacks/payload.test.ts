import { describe, expect, it } from "vitest";
import { retryDelayMs } from "./deliver-postback";
import { toDecimal } from "./payload";
import { savePostbackInput } from "./schemas";

describe("toDecimal", () => {
  it.each([
    [20000, "USD", "200.00"],
    [5, "USD", "0.05"],
    [-1999, "EUR", "-19.99"],
    [1500, "JPY", "1500"],
    [1234, "BHD", "1.234"],
    [0, "USD", "0.00"],
  ])("%d %s -> %s", (minor, currency, out) => expect(toDecimal(minor, currency)).toBe(out));
});

describe("retryDelayMs", () => {
  it("doubles from about a minute and caps at six hours", () => {
    expect(retryDelayMs(1, () => 1)).toBe(60_000);
    expect(retryDelayMs(1, () => 0)).toBe(30_000);
    expect(retryDelayMs(2, () => 1)).toBe(120_000);
    expect(retryDelayMs(30, () => 1)).toBe(6 * 3_600_000);
  });
});

describe("savePostbackInput", () => {
  const base = { kind: "url" as const, offerId: null, events: [] };
  it.each([
    ["ftp://tracker.example.com/x", "Only http and https"],
    ["https://user:pw@tracker.example.com/", "credentials"],
    ["http://127.0.0.1/pb", "private network"],
    ["http://[::1]/pb", "private network"],
    ["http://169.254.169.254/latest/meta-data", "private network"],
    ["http://localhost:8080/", "private network"],
    ["tracker.example.com/pb", "full URL"],
  ])("refuses %s", (url, message) => {
    const r = savePostbackInput.safeParse({ ...base, url });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain(message);
  });
  it("accepts a public https template with macros", () => {
    expect(savePostbackInput.safeParse({ ...base, url: "https://tracker.example.com/pb?cid={click_id}&p={payout}" }).success).toBe(true);
  });
});
