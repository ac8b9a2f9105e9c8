import { describe, expect, it } from "vitest";
import { noteRequest, requestRate } from "./traffic";

describe("request rate", () => {
  it("counts the requests of the last second by when they came, however late it is read", () => {
    const t0 = 1_000_000_000_000;
    expect(requestRate(t0)).toBe(0);
    for (let i = 0; i < 60; i++) noteRequest(t0 + i * 10); // 60 requests over 0.6 s
    expect(requestRate(t0 + 600)).toBe(60);
    // read late (a busy event loop): still there while within the second
    expect(requestRate(t0 + 950)).toBe(60);
    // they leave the window bucket by bucket
    expect(requestRate(t0 + 1_250)).toBe(30);
    expect(requestRate(t0 + 1_700)).toBe(0);
    // a bucket reused a window later starts from zero
    noteRequest(t0 + 2_000);
    expect(requestRate(t0 + 2_000)).toBe(1);
  });
});
