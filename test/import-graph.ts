import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

/** Tests may reach across layers (a test of a job builds its data through the domains); source may not. */
const TEST_FILE = /\.(test|spec)\.tsx?$/;

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts") && !TEST_FILE.test(e.name) ? [full] : [];
  });
}

/**
 * Every import of each source file under `root`/`dir` (static, type-only, re-exports and dynamic `import()`),
 * resolved by TypeScript itself with the project's tsconfig (its `@/` paths included). Keys and values are
 * paths relative to `root`; packages are left out.
 */
export function importGraph(root: string, dir: string): Map<string, Set<string>> {
  const { config, error } = ts.readConfigFile(path.join(root, "tsconfig.json"), ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, "\n"));
  const options = ts.convertCompilerOptionsFromJson((config as { compilerOptions?: object }).compilerOptions ?? {}, root).options;
  options.baseUrl ??= root;
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(path.join(root, dir))) {
    const deps = new Set<string>();
    for (const ref of ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true).importedFiles) {
      const resolved = ts.resolveModuleName(ref.fileName, file, options, ts.sys).resolvedModule;
      if (resolved && !resolved.isExternalLibraryImport) deps.add(path.relative(root, resolved.resolvedFileName));
    }
    graph.set(path.relative(root, file), deps);
  }
  return graph;
}

/** The top-level folder of `dir` a file sits in (`server/jobs/outbox.ts` -> `jobs`); files directly in `dir` have none. */
function folderOf(file: string, dir: string): string | null {
  const parts = path.relative(dir, file).split(path.sep);
  return parts.length > 1 && parts[0] !== ".." ? parts[0]! : null;
}

/** Folder -> folder edges among the top-level folders of `dir`, each with one import that makes it (for the message). */
export function folderGraph(files: Map<string, Set<string>>, dir: string): Map<string, Map<string, string>> {
  const folders = new Map<string, Map<string, string>>();
  for (const [file, deps] of files) {
    const from = folderOf(file, dir);
    if (!from) continue;
    const edges = folders.get(from) ?? new Map<string, string>();
    folders.set(from, edges);
    for (const dep of deps) {
      const to = folderOf(dep, dir);
      if (to && to !== from && !edges.has(to)) edges.set(to, `${file} -> ${dep}`);
    }
  }
  return folders;
}

/** Strongly connected components of more than one node (Tarjan): every set of nodes that import each other in a circle. */
export function cycles(graph: Map<string, Map<string, string> | Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return found;
}

/** A readable account of each cycle: its folders and the imports that join them. */
export function describeCycles(folders: Map<string, Map<string, string>>, found: string[][]): string {
  return found
    .map((c) => {
      const inside = new Set(c);
      const edges = c.flatMap((from) => [...(folders.get(from) ?? [])].filter(([to]) => inside.has(to)).map(([to, via]) => `  ${from} -> ${to}   (${via})`));
      return `cycle among ${c.join(", ")}:\n${edges.join("\n")}`;
    })
    .join("\n");
}
