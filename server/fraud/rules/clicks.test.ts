import { describe, expect, it } from "vitest";
import { clickSpam, duplicateClicks } from "./clicks";
import { at, CLICK_AT, makeInput, settings } from "./test-input";

const clicksAt = (...seconds: number[]) => seconds.map((s, i) => ({ id: `clk_${i + 2}`, at: at(CLICK_AT, s) }));

describe("duplicate_clicks (count includes the attributed click; trips above maxClicks)", () => {
  const s = settings("duplicate_clicks", { windowSeconds: 60, maxClicks: 3 });

  it("trips on 4 clicks from one IP in [click - 60 s, click], the window start included", () => {
    const hit = duplicateClicks(makeInput({ history: { sameIpClicks: clicksAt(-60, -30, -1) } }), s);
    expect(hit?.evidence).toEqual({ clicksFromIp: 4, clicksFromVisitor: 0, maxClicks: 3, windowSeconds: 60 });
    expect(hit?.message).toBe("4 clicks on this link from the same IP address within 60 s (more than 3 is suspicious).");
  });

  it("trips on the visitor count too", () => {
    expect(duplicateClicks(makeInput({ history: { sameVisitorClicks: clicksAt(-3, -2, -1) } }), s)?.evidence.clicksFromVisitor).toBe(4);
  });

  it("stays silent at exactly maxClicks, outside the window, and on repeated ids", () => {
    expect(duplicateClicks(makeInput({ history: { sameIpClicks: clicksAt(-30, -1) } }), s)).toBeNull();
    expect(duplicateClicks(makeInput({ history: { sameIpClicks: clicksAt(-61, -30, -1, 1) } }), s)).toBeNull();
    const withSelf = [{ id: "clk_1", at: CLICK_AT }, ...clicksAt(-30, -1)];
    expect(duplicateClicks(makeInput({ history: { sameIpClicks: withSelf } }), s)).toBeNull();
    expect(duplicateClicks(makeInput(), s)).toBeNull();
  });
});

describe("click_spam (ratio above k × median, exclusive; minClicks inclusive)", () => {
  const s = settings("click_spam", { multiplier: 5, minClicks: 1000 });
  const input = (clicks: number, conversions: number, median: number | null = 20) =>
    makeInput({ stats: { clicks: { clicks, conversions } }, offer: { allowedCountries: [], medianClicksPerConversion: median } });

  it("trips when 1010 clicks / 10 conversions = 101 > 5 × 20", () => {
    const hit = clickSpam(input(1010, 10), s);
    expect(hit?.evidence).toEqual({ clicks: 1010, conversions: 10, clicksPerConversion: 101, offerMedian: 20, multiplier: 5 });
    expect(hit?.category).toBe("quality");
  });

  it("trips with exactly minClicks and zero conversions (counted as one)", () => {
    expect(clickSpam(input(1000, 0), s)?.evidence.clicksPerConversion).toBe(1000);
  });

  it("stays silent at exactly k × median, below minClicks, or without a median", () => {
    expect(clickSpam(input(1000, 10), s)).toBeNull();
    expect(clickSpam(input(999, 1), s)).toBeNull();
    expect(clickSpam(input(5000, 1, null), s)).toBeNull();
    expect(clickSpam(input(5000, 1, 0), s)).toBeNull();
  });
});

describe("duplicate_clicks with counts from the database", () => {
  const s = settings("duplicate_clicks", { windowSeconds: 60, maxClicks: 3 });

  it("takes the caller's counts over the lists, and trips only above maxClicks", () => {
    expect(duplicateClicks(makeInput({ history: { sameIpClickCount: 4, sameIpClicks: [] } }), s)?.evidence).toMatchObject({ clicksFromIp: 4, clicksFromVisitor: 0 });
    expect(duplicateClicks(makeInput({ history: { sameVisitorClickCount: 900 } }), s)?.message).toBe("900 clicks on this link from the same visitor within 60 s (more than 3 is suspicious).");
    expect(duplicateClicks(makeInput({ history: { sameIpClickCount: 3, sameVisitorClickCount: 3 } }), s)).toBeNull();
  });

  it("ignores a count for a click without an IP or visitor", () => {
    expect(duplicateClicks(makeInput({ click: { ip: null, visitorId: null }, history: { sameIpClickCount: 50, sameVisitorClickCount: 50 } }), s)).toBeNull();
  });
});
