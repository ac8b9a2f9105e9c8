import { describe, expect, it } from "vitest";
import { hasPrefix, newId } from "./ids";

describe("newId", () => {
  it("is prefixed and strictly increasing for ids made now", () => {
    const ids = Array.from({ length: 1000 }, () => newId("click"));
    expect(ids.every((id) => hasPrefix(id, "click"))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(1000);
  });

  it("keeps the instant of a past or future id without disturbing ids made now", () => {
    const before = newId("commission");
    const past = newId("commission", Date.now() - 30 * 86_400_000);
    const future = newId("commission", Date.now() + 2 * 86_400_000);
    const after = newId("commission");
    expect(past < before).toBe(true);
    expect(future > after).toBe(true);
    expect(after > before).toBe(true);
    // after must carry the current time, not the future instant
    expect(after.slice(4, 14) < future.slice(4, 14)).toBe(true);
  });
});
