import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileCidrs } from "./cidr";
import { FRAUD_DEFAULTS, type FraudConfig, mergeConfig } from "./config";
import { hit } from "./hit";
import { ACTION_RANK, actionFor, combine, evaluate, evaluateOnly } from "./score";
import { at, CLICK_AT, makeInput } from "./test-input";
import { CLICK_REASON_CODES, REASON_CODES, type ReasonCode } from "./types";


/** Trips every rule under FRAUD_DEFAULTS (flag 30, hold 60, reject 100). */
const EVERYTHING = makeInput({
  conversion: { at: at(CLICK_AT, 2), partnerId: "prt_a", clickDriven: true, ip: "203.0.113.9", emailHash: "h_partner", source: "pixel", reporterIp: "203.0.113.9" },
  click: { ip: "203.0.113.9", isBot: true, country: "US", subIds: ["bad"], at: CLICK_AT },
  partner: { ips: ["203.0.113.9"], emailHashes: ["h_partner"] },
  offer: { allowedCountries: ["DE"], medianClicksPerConversion: 10 },
  datacenterRanges: compileCidrs(["203.0.113.0/24"]),
  history: {
    sameIpClicks: ["a", "b", "c", "d", "e"].map((id) => ({ id, at: CLICK_AT })),
    customerConversions: [{ id: "cnv_0", partnerId: "prt_b", at: CLICK_AT }],
    registrationsFromIp: ["a", "b", "c", "d"].map((id) => ({ id, at: CLICK_AT })),
  },
  stats: { clicks: { clicks: 1000, conversions: 1 }, refunds: { sales: 20, refunds: 5, chargebacks: 0 }, followUp: { matured: 20, withoutDeposit: 20 } },
});

/** ctit_too_long cannot trip alongside ctit_too_short; a second input covers it. */
const LATE = makeInput({ conversion: { at: at(CLICK_AT, 31 * 86_400), partnerId: "prt_a", clickDriven: true, ip: null, emailHash: null } });

const withBlock = mergeConfig(FRAUD_DEFAULTS, { rules: { blocked_range: { subIds: ["bad"] } } });
const onlyRules = (codes: readonly ReasonCode[], base: FraudConfig = withBlock): FraudConfig =>
  mergeConfig(base, { rules: Object.fromEntries(REASON_CODES.map((c) => [c, { enabled: codes.includes(c) }])) });

describe("evaluate", () => {
  it("a clean conversion is allowed with a stable summary", () => {
    expect(evaluate(makeInput(), FRAUD_DEFAULTS)).toEqual({ score: 0, hits: [], action: "allow", summary: "No fraud signals: score 0, allow." });
  });

  it("every rule can fire through evaluate", () => {
    const codes = new Set([...evaluate(EVERYTHING, withBlock).hits, ...evaluate(LATE, withBlock).hits].map((h) => h.code));
    expect([...codes].sort()).toEqual([...REASON_CODES].sort());
  });

  it("sums scores, sorts by score desc then code, and disabled rules never run", () => {
    // bot 40 + datacenter 30 + geo 50 = 120 -> reject
    const v = evaluate(EVERYTHING, onlyRules(["bot_user_agent", "datacenter_ip", "geo_not_allowed", "duplicate_clicks"], mergeConfig(withBlock, { rules: { duplicate_clicks: { score: 30 } } })));
    expect(v.hits.map((h) => [h.code, h.score])).toEqual([["geo_not_allowed", 50], ["bot_user_agent", 40], ["datacenter_ip", 30], ["duplicate_clicks", 30]]);
    expect(v.score).toBe(150);
    expect(v.action).toBe("reject");
    expect(v.summary).toBe("Score 150, reject: geo_not_allowed (+50), bot_user_agent (+40), datacenter_ip (+30), duplicate_clicks (+30).");
  });

  it("actions switch exactly at the thresholds (inclusive)", () => {
    const cases: [number, string][] = [[29, "allow"], [30, "flag"], [59, "flag"], [60, "hold"], [99, "hold"], [100, "reject"]];
    for (const [score, action] of cases) {
      const config = onlyRules(["bot_user_agent"], mergeConfig(withBlock, { rules: { bot_user_agent: { score } } }));
      expect(evaluate(EVERYTHING, config).action).toBe(action);
    }
    expect(actionFor(50, { flagAt: 50, holdAt: 50, rejectAt: 80 })).toBe("hold");
  });

  it("a zero-score hit is reported but allows", () => {
    const v = evaluate(EVERYTHING, onlyRules(["bot_user_agent"], mergeConfig(withBlock, { rules: { bot_user_agent: { score: 0 } } })));
    expect(v.hits).toHaveLength(1);
    expect(v.action).toBe("allow");
  });
});

const hitArb = fc.record({ code: fc.constantFrom(...REASON_CODES), score: fc.integer({ min: 0, max: 200 }) }).map(({ code, score }) => hit(code, score, "m", {}));
const actionsArb = fc
  .tuple(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }))
  .map(([flagAt, a, b]) => ({ flagAt, holdAt: flagAt + a, rejectAt: flagAt + a + b }));

describe("properties", () => {
  it("adding a hit never lowers the action", () => {
    fc.assert(
      fc.property(fc.array(hitArb, { maxLength: 13 }), hitArb, actionsArb, (hits, extra, actions) => {
        expect(ACTION_RANK[combine([...hits, extra], actions).action]).toBeGreaterThanOrEqual(ACTION_RANK[combine(hits, actions).action]);
      }),
    );
  });

  it("enabling more rules in evaluate never lowers the action", () => {
    fc.assert(
      fc.property(fc.subarray([...REASON_CODES]), fc.subarray([...REASON_CODES]), (some, more) => {
        const smaller = evaluate(EVERYTHING, onlyRules(some));
        const larger = evaluate(EVERYTHING, onlyRules([...some, ...more]));
        expect(ACTION_RANK[larger.action]).toBeGreaterThanOrEqual(ACTION_RANK[smaller.action]);
        expect(larger.score).toBeGreaterThanOrEqual(smaller.score);
      }),
      { numRuns: 50 },
    );
  });

  it("score, order and summary do not depend on the order hits arrive in", () => {
    fc.assert(
      fc.property(fc.array(hitArb, { maxLength: 13 }).chain((hits) => fc.tuple(fc.constant(hits), fc.shuffledSubarray(hits, { minLength: hits.length, maxLength: hits.length }))), actionsArb, ([hits, shuffled], actions) => {
        expect(combine(shuffled, actions)).toEqual(combine(hits, actions));
      }),
    );
  });
});

describe("evaluateOnly", () => {
  it("runs the click rules alone: a bot click from a datacenter, with no conversion timing involved", () => {
    const v = evaluateOnly({ ...EVERYTHING, conversion: { ...EVERYTHING.conversion, at: CLICK_AT } }, withBlock, CLICK_REASON_CODES);
    expect(v.hits.map((h) => h.code).sort()).toEqual([...CLICK_REASON_CODES].sort());
    expect(v.hits.some((h) => h.category === "timing")).toBe(false);
  });
});
