import { describe, expect, it } from "vitest";
import { legacyCode } from "./legacy-link";

const code = (url: string) => legacyCode(new URL(url, "https://tp.example.com"));

describe("old platforms' link shapes", () => {
  it.each([
    ["/r/legacy/?ref=Alice", "alice"],
    ["/r/legacy/pricing?via=alice-2&utm_source=x", "alice-2"],
    ["/r/legacy/?fpr=abc123", "abc123"],
    ["/r/legacy/?a_aid=5f1e2&a_bid=11", "5f1e2"],
    [`/r/legacy/?gspk=${Buffer.from("part_XyZ").toString("base64")}`, "part_xyz"],
    ["/r/legacy/?btag=a_801b_12c_", "801"],
    ["/r/legacy/?afp=77", "77"],
    ["/r/legacy/go/summer.deal", "summer.deal"],
    ["/r/legacy/ref/bob/landing", "bob"],
    ["/r/legacy/carol", "carol"],
  ])("%s -> %s", (url, expected) => expect(code(url)).toBe(expected));

  it("prefers the query over the path, and refuses what cannot be a code", () => {
    expect(code("/r/legacy/go/path-code?ref=query-code")).toBe("query-code");
    expect(code("/r/legacy/")).toBeNull();
    expect(code("/r/legacy/?ref=%3Cscript%3E")).toBeNull();
    expect(code("/r/legacy/?btag=garbage")).toBeNull();
  });
});
