import { describe, expect, it } from "vitest";
import { applyInput } from "./schemas";

const valid = { name: "Ada Partners", email: "ada@example.com", password: "a-long-password" };
const nameError = (name: string) => {
  const r = applyInput.safeParse({ ...valid, name });
  return r.success ? null : r.error.issues.find((i) => i.path[0] === "name")?.message;
};

describe("the sign-up name rule", () => {
  it("says the real rule when a name is too short or too long", () => {
    expect(nameError("A")).toBe("Name must be at least 2 characters");
    expect(nameError(" B ")).toBe("Name must be at least 2 characters");
    expect(nameError("x".repeat(121))).toBe("Name must be at most 120 characters");
  });
  it("gives the same rule when no name is given", () => {
    expect(nameError("")).toBe("Name must be at least 2 characters");
    expect(nameError("   ")).toBe("Name must be at least 2 characters");
  });
  it("accepts two characters", () => {
    expect(nameError("Bo")).toBeNull();
    expect(applyInput.safeParse({ ...valid, name: "Bo" }).success).toBe(true);
  });
});
