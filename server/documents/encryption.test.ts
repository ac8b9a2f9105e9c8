import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { keyFor } from "./encryption";

describe("the documents key", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tp-key-"));

  it("is DOCUMENTS_KEY when set", () => {
    const b64 = Buffer.alloc(32, 1).toString("base64");
    expect(keyFor({ documentsKey: b64, env: "production", demoSeed: false, dataDir }).key).toEqual(Buffer.alloc(32, 1));
  });

  it("is refused in production without the demo, so no document lands under an unmanaged key", () => {
    expect(() => keyFor({ documentsKey: undefined, env: "production", demoSeed: false, dataDir })).toThrow(/DOCUMENTS_KEY/);
    expect(fs.existsSync(path.join(dataDir, "documents.key"))).toBe(false);
  });

  it("is generated once under the data directory in development and the demo, and kept", () => {
    const first = keyFor({ documentsKey: undefined, env: "development", demoSeed: false, dataDir });
    const again = keyFor({ documentsKey: undefined, env: "production", demoSeed: true, dataDir });
    expect(again.id).toBe(first.id);
    expect(fs.statSync(path.join(dataDir, "documents.key")).mode & 0o777).toBe(0o600);
  });
});
