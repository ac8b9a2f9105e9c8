import { describe, expect, it } from "vitest";
import { at, CLICK_AT, makeInput, settings } from "./test-input";
import { ctitTooLong, ctitTooShort } from "./timing";

const conversionAfter = (seconds: number, clickDriven = true) => makeInput({ conversion: { at: at(CLICK_AT, seconds), partnerId: "prt_a", clickDriven, ip: null, emailHash: null } });

describe("ctit_too_short (minSeconds exclusive: exactly 5 s passes)", () => {
  it("trips at 4.999 s and on a conversion before its click", () => {
    const hit = ctitTooShort(conversionAfter(4.999), settings("ctit_too_short"));
    expect(hit?.evidence).toEqual({ ctitSeconds: 4.999, minSeconds: 5 });
    expect(hit?.message).toBe("Converted 4.999 s after the click; genuine customers take at least 5 s.");
    expect(ctitTooShort(conversionAfter(-30), settings("ctit_too_short"))?.evidence.ctitSeconds).toBe(-30);
  });

  it("stays silent at exactly 5 s, and without a click", () => {
    expect(ctitTooShort(conversionAfter(5), settings("ctit_too_short"))).toBeNull();
    expect(ctitTooShort(makeInput({ click: null }), settings("ctit_too_short"))).toBeNull();
  });
});

describe("ctit_too_long (maxSeconds exclusive: exactly the limit passes)", () => {
  const day = 86_400;

  it("trips one second past 30 days for a click-driven event", () => {
    const hit = ctitTooLong(conversionAfter(30 * day + 1), settings("ctit_too_long"));
    expect(hit?.evidence).toEqual({ ctitSeconds: 30 * day + 1, maxSeconds: 30 * day });
    expect(hit?.category).toBe("timing");
  });

  it("stays silent at exactly the limit, and for later events such as deposits", () => {
    expect(ctitTooLong(conversionAfter(30 * day), settings("ctit_too_long"))).toBeNull();
    expect(ctitTooLong(conversionAfter(300 * day, false), settings("ctit_too_long"))).toBeNull();
  });
});
