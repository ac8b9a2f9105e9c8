import { describe, expect, it } from "vitest";
import { pixelSelfConversion } from "./pixel";
import { at, CLICK_AT, makeInput, settings } from "./test-input";

const pixel = (seconds: number, reporter: { reporterIp?: string | null; reporterVisitorId?: string | null }, source: "pixel" | "s2s" = "pixel") =>
  makeInput({ conversion: { at: at(CLICK_AT, seconds), partnerId: "prt_a", clickDriven: true, ip: null, emailHash: null, source, ...reporter } });

describe("pixel_self_conversion", () => {
  const s = settings("pixel_self_conversion", { windowSeconds: 60 });

  it("trips for a pixel report from the click's IP within the window, up to its last second", () => {
    const r = pixelSelfConversion(pixel(3, { reporterIp: "198.51.100.7" }), s);
    expect(r).toMatchObject({ code: "pixel_self_conversion", score: s.score, category: "self_referral", evidence: { sameIp: true, sameVisitor: false } });
    expect(pixelSelfConversion(pixel(60, { reporterIp: "198.51.100.7" }), s)).not.toBeNull();
    expect(pixelSelfConversion(pixel(60.001, { reporterIp: "198.51.100.7" }), s)).toBeNull();
  });

  it("trips on the same visitor id from another address", () => {
    expect(pixelSelfConversion(pixel(10, { reporterIp: "203.0.113.1", reporterVisitorId: "vis_1" }), s)?.evidence).toMatchObject({ sameIp: false, sameVisitor: true });
  });

  it("stays silent for a server postback, another browser, or no click", () => {
    expect(pixelSelfConversion(pixel(3, { reporterIp: "198.51.100.7" }, "s2s"), s)).toBeNull();
    expect(pixelSelfConversion(pixel(3, { reporterIp: "203.0.113.1", reporterVisitorId: "vis_2" }), s)).toBeNull();
    expect(pixelSelfConversion(pixel(3, {}), s)).toBeNull();
    expect(pixelSelfConversion({ ...pixel(3, { reporterIp: "198.51.100.7" }), click: null }, s)).toBeNull();
  });
});
