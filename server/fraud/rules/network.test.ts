import { describe, expect, it } from "vitest";
import { compileCidrs } from "./cidr";
import { blockedRange, botUserAgent, datacenterIp } from "./network";
import { makeInput, settings } from "./test-input";

describe("bot_user_agent", () => {
  it("trips on a click marked as a bot, with the category text for partners", () => {
    expect(botUserAgent(makeInput({ click: { isBot: true } }), settings("bot_user_agent", { score: 40 }))).toEqual({
      code: "bot_user_agent",
      score: 40,
      category: "bot",
      evidence: { clickId: "clk_1" },
      message: "The click came from a browser that identifies itself as a bot or crawler.",
      partnerMessage: "Some of this traffic appears to be automated.",
    });
  });

  it("stays silent for a human click or no click", () => {
    expect(botUserAgent(makeInput(), settings("bot_user_agent"))).toBeNull();
    expect(botUserAgent(makeInput({ click: null }), settings("bot_user_agent"))).toBeNull();
  });
});

describe("datacenter_ip", () => {
  const ranges = compileCidrs(["198.51.100.0/24", "2001:db8::/32"]);

  it("trips for v4, mapped v4 and v6 addresses inside the feed", () => {
    const hit = datacenterIp(makeInput({ datacenterRanges: ranges }), settings("datacenter_ip"));
    expect(hit?.code).toBe("datacenter_ip");
    expect(hit?.category).toBe("network");
    expect(hit?.evidence).toEqual({ ip: "198.51.100.7" });
    expect(datacenterIp(makeInput({ datacenterRanges: ranges, click: { ip: "::ffff:198.51.100.255" } }), settings("datacenter_ip"))?.evidence).toEqual({ ip: "198.51.100.255" });
    expect(datacenterIp(makeInput({ datacenterRanges: ranges, click: { ip: "2001:db8:ffff::1" } }), settings("datacenter_ip"))).not.toBeNull();
  });

  it("stays silent outside the feed, without a feed, or without an IP", () => {
    expect(datacenterIp(makeInput({ datacenterRanges: ranges, click: { ip: "198.51.101.0" } }), settings("datacenter_ip"))).toBeNull();
    expect(datacenterIp(makeInput(), settings("datacenter_ip"))).toBeNull();
    expect(datacenterIp(makeInput({ datacenterRanges: ranges, click: { ip: null } }), settings("datacenter_ip"))).toBeNull();
  });
});

describe("blocked_range", () => {
  it("trips on an IP inside an admin-blocked range", () => {
    const hit = blockedRange(makeInput({ click: { ip: "::ffff:198.51.100.7" } }), settings("blocked_range", { cidrs: ["198.51.100.0/30", "198.51.100.4/30"] }));
    expect(hit?.evidence).toEqual({ ip: "198.51.100.7", subId: null });
    expect(hit?.message).toBe("The click is blocked by the admin: its IP 198.51.100.7 is in a blocked range.");
  });

  it("trips on a blocked sub-id, matched exactly", () => {
    const hit = blockedRange(makeInput(), settings("blocked_range", { subIds: ["sub_a"] }));
    expect(hit?.evidence).toEqual({ ip: null, subId: "sub_a" });
    expect(blockedRange(makeInput(), settings("blocked_range", { subIds: ["SUB_A", "sub_"] }))).toBeNull();
  });

  it("stays silent just outside the range and with empty lists", () => {
    expect(blockedRange(makeInput(), settings("blocked_range", { cidrs: ["198.51.100.0/30"] }))).toBeNull();
    expect(blockedRange(makeInput(), settings("blocked_range"))).toBeNull();
    expect(blockedRange(makeInput({ click: null }), settings("blocked_range", { cidrs: ["0.0.0.0/0"] }))).toBeNull();
  });
});
