import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonthsUtc, monthsElapsed, recurringMonth } from "./recurring";

const at = (iso: string) => new Date(iso);

describe("calendar months", () => {
  it("adds months in UTC, clamping to the last day of a shorter month", () => {
    expect(addMonthsUtc(at("2024-01-31T10:00:00.000Z"), 1).toISOString()).toBe("2024-02-29T10:00:00.000Z"); // leap year
    expect(addMonthsUtc(at("2025-01-31T10:00:00.000Z"), 1).toISOString()).toBe("2025-02-28T10:00:00.000Z");
    expect(addMonthsUtc(at("2025-01-31T10:00:00.000Z"), 2).toISOString()).toBe("2025-03-31T10:00:00.000Z");
    expect(addMonthsUtc(at("2025-12-15T23:59:59.999Z"), 1).toISOString()).toBe("2026-01-15T23:59:59.999Z");
    expect(addMonthsUtc(at("2025-01-15T00:00:00.000Z"), 12).toISOString()).toBe("2026-01-15T00:00:00.000Z");
  });

  it("counts whole months elapsed, 0 before the start", () => {
    const start = at("2025-01-15T10:00:00.000Z");
    expect(monthsElapsed(start, at("2025-02-15T09:59:59.999Z"))).toBe(0);
    expect(monthsElapsed(start, at("2025-02-15T10:00:00.000Z"))).toBe(1);
    expect(monthsElapsed(start, at("2024-12-01T00:00:00.000Z"))).toBe(0);
  });

  it("pays a 12-month recurring revshare up to, not including, the same instant 12 calendar months later", () => {
    const first = at("2025-01-15T10:00:00.000Z");
    expect(recurringMonth(first, first, 12)).toEqual({ month: 1, paid: true });
    expect(recurringMonth(first, at("2026-01-15T09:59:59.999Z"), 12)).toEqual({ month: 12, paid: true });
    expect(recurringMonth(first, at("2026-01-15T10:00:00.000Z"), 12)).toEqual({ month: 13, paid: false });
  });

  it("property: addMonthsUtc(start, k) <= at < addMonthsUtc(start, k + 1) for k = monthsElapsed(start, at)", () => {
    const date = fc.date({ min: at("2000-01-01T00:00:00.000Z"), max: at("2100-01-01T00:00:00.000Z"), noInvalidDate: true });
    fc.assert(
      fc.property(date, date, (a, b) => {
        const [start, end] = a <= b ? [a, b] : [b, a];
        const k = monthsElapsed(start, end);
        expect(addMonthsUtc(start, k).getTime()).toBeLessThanOrEqual(end.getTime());
        expect(addMonthsUtc(start, k + 1).getTime()).toBeGreaterThan(end.getTime());
      }),
    );
  });
});
