import { describe, expect, it } from "vitest";
import { hasPrefix, newId, idFloor } from "./ids";

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

describe("idFloor", () => {
  it("sorts at or below every id made at that instant and above those made before", () => {
    const at = Date.now() - 3_600_000;
    const floor = idFloor("click", at);
    expect(floor < newId("click", at)).toBe(true);
    expect(floor > newId("click", at - 1)).toBe(true);
    expect(floor).toMatch(/^clk_[0-9a-z]{26}$/);
  });
});
