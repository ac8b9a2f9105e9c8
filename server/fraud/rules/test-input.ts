import { FRAUD_DEFAULTS, type RuleSettings } from "./config";
import type { ClickFacts, FraudInput } from "./types";

/** Test factory: a clean conversion 10 minutes after its click, tripping nothing under FRAUD_DEFAULTS. */
export const CLICK_AT = new Date("2025-06-10T12:00:00.000Z");
export const CONVERSION_AT = new Date("2025-06-10T12:10:00.000Z");

export const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);

export function makeInput(extra: Partial<Omit<FraudInput, "click">> & { click?: Partial<ClickFacts> | null } = {}): FraudInput {
  const { click, ...rest } = extra;
  return {
    conversion: { at: CONVERSION_AT, partnerId: "prt_a", clickDriven: true, ip: "198.51.100.7", emailHash: "h_customer" },
    click:
      click === null
        ? null
        : { id: "clk_1", at: CLICK_AT, ip: "198.51.100.7", visitorId: "vis_1", isBot: false, country: "DE", subIds: ["sub_a", null], ...click },
    ...rest,
  };
}

export const settings = <C extends keyof RuleSettings>(code: C, over: Partial<RuleSettings[C]> = {}): RuleSettings[C] => ({
  ...FRAUD_DEFAULTS.rules[code],
  ...over,
});
