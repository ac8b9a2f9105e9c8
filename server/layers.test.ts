import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cycles, describeCycles, folderGraph, importGraph } from "@/test/import-graph";

const root = path.resolve(import.meta.dirname, "..");

describe("the folders of server/", () => {
  const files = importGraph(root, "server");
  const folders = folderGraph(files, "server");

  it("import each other in no circle", () => {
    const found = cycles(folders);
    expect(found, describeCycles(folders, found)).toEqual([]);
  });

  it("leave the job definitions on top: no domain imports server/jobs", () => {
    const into = [...folders].filter(([from, edges]) => from !== "jobs" && edges.has("jobs")).map(([, edges]) => edges.get("jobs"));
    expect(into).toEqual([]);
  });

  it("are read through TypeScript's own resolution (a sanity check that the graph is not empty)", () => {
    expect(folders.get("jobs")?.get("outbox")).toMatch(/^server\/jobs\/.+ -> server\/outbox\//);
    expect(folders.get("outbox")?.has("jobs")).toBe(false);
  });
});

describe("the cycle check on a fixture", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-graph-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  write("tsconfig.json", JSON.stringify({ compilerOptions: { module: "esnext", moduleResolution: "bundler", paths: { "@/*": ["./*"] } } }));
  write("server/a/one.ts", 'import { two } from "@/server/b/two";\nexport const one = () => two();\n');
  write("server/b/two.ts", 'import { three } from "../c/three";\nexport const two = () => three;\n');
  write("server/c/three.ts", "export const three = 3;\n");
  write("server/c/three.test.ts", 'import { one } from "@/server/a/one";\nexport const t = one;\n');
  write("server/d/four.ts", 'export const four = async () => (await import("@/server/a/one")).one;\n');
  const check = () => {
    const folders = folderGraph(importGraph(dir, "server"), "server");
    return { folders, found: cycles(folders) };
  };

  it("finds no cycle in a layered graph, and ignores tests", () => {
    const { folders, found } = check();
    expect(found).toEqual([]);
    expect([...(folders.get("a")?.keys() ?? [])]).toEqual(["b"]);
    expect([...(folders.get("d")?.keys() ?? [])]).toEqual(["a"]);
  });

  it("fails on a cycle closed by a type-only import, naming the folders and the imports", () => {
    write("server/c/three.ts", 'import type { one } from "@/server/a/one";\nexport const three = 3;\nexport type One = typeof one;\n');
    const { folders, found } = check();
    expect(found).toEqual([["a", "b", "c"]]);
    expect(describeCycles(folders, found)).toContain("c -> a   (server/c/three.ts -> server/a/one.ts)");
  });

  it("fails on a cycle closed by a dynamic import, and finds two separate cycles apart", () => {
    write("server/c/three.ts", "export const three = 3;\n");
    write("server/e/five.ts", 'import { four } from "../d/four";\nexport const five = four;\n');
    write("server/a/one.ts", 'import { two } from "@/server/b/two";\nimport { five } from "@/server/e/five";\nexport const one = () => [two(), five];\n');
    expect(check().found).toEqual([["a", "d", "e"]]);
    write("server/f/six.ts", 'import { seven } from "../g/seven";\nexport const six = seven;\n');
    write("server/g/seven.ts", 'import { six } from "../f/six";\nexport const seven = () => six;\n');
    expect(check().found).toEqual([["a", "d", "e"], ["f", "g"]]);
  });
});
