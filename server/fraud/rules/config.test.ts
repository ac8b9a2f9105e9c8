import { describe, expect, it } from "vitest";
import { z } from "zod";
import { FRAUD_DEFAULTS, fraudConfigSchema, mergeConfig, parseFraudConfig, statWindows } from "./config";
import { REASON_CODES } from "./types";

function issues(run: () => unknown): { path: string; message: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof z.ZodError) return error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    throw error;
  }
  throw new Error("expected a validation error");
}

describe("fraud config", () => {
  it("the defaults are valid and cover every reason code", () => {
    expect(parseFraudConfig(FRAUD_DEFAULTS)).toEqual(FRAUD_DEFAULTS);
    expect(Object.keys(FRAUD_DEFAULTS.rules).sort()).toEqual([...REASON_CODES].sort());
    expect(FRAUD_DEFAULTS.rules.ctit_too_short.minSeconds).toBe(5);
    expect(FRAUD_DEFAULTS.rules.refund_rate.thresholdBp).toBe(2500);
  });

  it("action thresholds must climb: flagAt <= holdAt <= rejectAt, equal allowed", () => {
    expect(issues(() => parseFraudConfig({ ...FRAUD_DEFAULTS, actions: { flagAt: 50, holdAt: 40, rejectAt: 100 } }))).toEqual([
      { path: "actions.holdAt", message: "Hold must start at or above flag (50)" },
    ]);
    expect(issues(() => parseFraudConfig({ ...FRAUD_DEFAULTS, actions: { flagAt: 30, holdAt: 60, rejectAt: 59 } }))).toEqual([
      { path: "actions.rejectAt", message: "Reject must start at or above hold (60)" },
    ]);
    expect(parseFraudConfig({ ...FRAUD_DEFAULTS, actions: { flagAt: 50, holdAt: 50, rejectAt: 50 } }).actions.holdAt).toBe(50);
  });

  it("rejects bad ranges, rates, scores and unknown keys", () => {
    const rules = (over: object) => ({ ...FRAUD_DEFAULTS, rules: { ...FRAUD_DEFAULTS.rules, ...over } });
    expect(issues(() => parseFraudConfig(rules({ blocked_range: { ...FRAUD_DEFAULTS.rules.blocked_range, cidrs: ["10.0.0.0/33"] } })))[0]?.path).toBe("rules.blocked_range.cidrs.0");
    expect(issues(() => parseFraudConfig(rules({ refund_rate: { ...FRAUD_DEFAULTS.rules.refund_rate, thresholdBp: 10_001 } })))[0]?.message).toBe("Use 1 to 10000 bp");
    expect(issues(() => parseFraudConfig(rules({ bot_user_agent: { enabled: true, score: -1 } })))[0]?.message).toBe("Use 0 to 1000 points");
    expect(issues(() => parseFraudConfig(rules({ bot_user_agent: { enabled: true, score: 1, extra: 1 } })))[0]?.path).toBe("rules.bot_user_agent");
    expect(() => fraudConfigSchema.parse({ actions: FRAUD_DEFAULTS.actions })).toThrow();
  });
});

describe("mergeConfig", () => {
  it("offer overrides replace single fields and leave the rest of the rule alone", () => {
    const merged = mergeConfig(FRAUD_DEFAULTS, { rules: { ctit_too_short: { minSeconds: 10 }, bot_user_agent: { enabled: false } }, actions: { rejectAt: 150 } });
    expect(merged.rules.ctit_too_short).toEqual({ enabled: true, score: 40, minSeconds: 10 });
    expect(merged.rules.bot_user_agent).toEqual({ enabled: false, score: 40 });
    expect(merged.actions).toEqual({ flagAt: 30, holdAt: 60, rejectAt: 150 });
    expect(merged.rules.refund_rate).toEqual(FRAUD_DEFAULTS.rules.refund_rate);
  });

  it("chains defaults -> program -> offer; lists replace rather than append", () => {
    const program = mergeConfig(FRAUD_DEFAULTS, { rules: { blocked_range: { cidrs: ["10.0.0.0/8"], subIds: ["bad"] } } });
    const offer = mergeConfig(program, { rules: { blocked_range: { cidrs: [] } } });
    expect(offer.rules.blocked_range).toEqual({ enabled: true, score: 100, cidrs: [], subIds: ["bad"] });
    expect(mergeConfig(program, null)).toEqual(program);
    expect(mergeConfig(program, {})).toEqual(program);
  });

  it("validates the merged result, so an offer cannot break the program's ladder", () => {
    expect(issues(() => mergeConfig(FRAUD_DEFAULTS, { actions: { holdAt: 20 } }))).toEqual([{ path: "actions.holdAt", message: "Hold must start at or above flag (30)" }]);
  });

  it("rejects unknown rules and invalid override values", () => {
    expect(issues(() => mergeConfig(FRAUD_DEFAULTS, { rules: { nope: {} } } as never))[0]?.path).toBe("rules");
    expect(issues(() => mergeConfig(FRAUD_DEFAULTS, { rules: { refund_rate: { thresholdBp: 0 } } }))[0]?.path).toBe("rules.refund_rate.thresholdBp");
  });

  it("statWindows names the windows the caller must load data over", () => {
    expect(statWindows(FRAUD_DEFAULTS)).toEqual({
      duplicateClicksSeconds: 3600,
      registrationBurstSeconds: 3600,
      customerConversionsDays: 30,
      clickSpamDays: 30,
      refundDays: 90,
      followUpAfterDays: 14,
    });
  });
});
