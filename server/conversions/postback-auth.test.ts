import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifySignature } from "./postback-auth";

const sign = (secret: string, t: number, body: string) => `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
const NOW = 1_800_000_000_000;
const T = NOW / 1000;

describe("verifySignature", () => {
  const body = '{"click_id":"clk_1","event":"ftd","txn_id":"a"}';

  it("accepts a fresh signature made with either live secret (rotation)", () => {
    expect(verifySignature(sign("old-secret", T, body), body, ["new-secret", "old-secret"], NOW)).toEqual({ ok: true });
    expect(verifySignature(sign("new-secret", T - 299, body), body, ["new-secret", "old-secret"], NOW)).toEqual({ ok: true });
    expect(verifySignature(sign("new-secret", T + 299, body), body, ["new-secret"], NOW)).toEqual({ ok: true });
  });

  it.each([
    ["a retired secret", sign("retired", T, body), body, "does not match"],
    ["a changed body", sign("new-secret", T, body), body.replace("ftd", "sale"), "does not match"],
    ["a timestamp 301 s old", sign("new-secret", T - 301, body), body, "300 seconds"],
    ["a timestamp 301 s ahead", sign("new-secret", T + 301, body), body, "300 seconds"],
    ["a malformed header", "sha256=abc", body, "must look like"],
    ["a short digest", `t=${T},v1=abcd`, body, "must look like"],
  ])("refuses %s", (_name, header, signedBody, message) => {
    const r = verifySignature(header, signedBody, ["new-secret"], NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });

  it("refuses everything when the program has no signing secret", () => {
    expect(verifySignature(sign("", T, body), body, [], NOW).ok).toBe(false);
  });
});
