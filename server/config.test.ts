import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config";

const base = { NEXTAUTH_SECRET: "x".repeat(32) };

describe("CLICK_RETENTION_MONTHS", () => {
  it("is unset by default: every click is kept", () => {
    expect(parseConfig(base).clickRetentionMonths).toBeUndefined();
    expect(parseConfig({ ...base, CLICK_RETENTION_MONTHS: "" }).clickRetentionMonths).toBeUndefined();
  });

  it("takes a whole number of months, 13 or more", () => {
    expect(parseConfig({ ...base, CLICK_RETENTION_MONTHS: "24" }).clickRetentionMonths).toBe(24);
    expect(() => parseConfig({ ...base, CLICK_RETENTION_MONTHS: "6" })).toThrow(/CLICK_RETENTION_MONTHS: must be 13 months or more/);
    expect(() => parseConfig({ ...base, CLICK_RETENTION_MONTHS: "1.5" })).toThrow(ConfigError);
    expect(() => parseConfig({ ...base, CLICK_RETENTION_MONTHS: "soon" })).toThrow(ConfigError);
  });
});

describe("DOCUMENTS_KEY", () => {
  it("takes 32 bytes in base64, and refuses anything else with how to make one", () => {
    const key = Buffer.alloc(32, 7).toString("base64");
    expect(parseConfig({ ...base, DOCUMENTS_KEY: key }).documentsKey).toBe(key);
    expect(parseConfig(base).documentsKey).toBeUndefined();
    expect(() => parseConfig({ ...base, DOCUMENTS_KEY: Buffer.alloc(16, 7).toString("base64") })).toThrow(/DOCUMENTS_KEY: must be 32 random bytes in base64 \(generate one with: openssl rand -base64 32\)/);
    expect(() => parseConfig({ ...base, DOCUMENTS_KEY: "not a key" })).toThrow(/DOCUMENTS_KEY/);
  });
});
