/**
 * The layers of the code, checked from the source: imports run downward only
 * (docs/decisions/011-layers.md). Engine at the bottom, then the pure helpers in lib, the
 * models, the web layer, and routes and components on top.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..");

type Layer = "engine" | "i18n" | "lib" | "db" | "models" | "web" | "routes" | "components" | "app";

function layerOf(file: string): Layer | null {
  const rel = path.relative(root, file).split(path.sep).join("/");
  if (rel.startsWith("db/")) return "db";
  if (rel === "app/db.server.ts" || rel === "app/background.server.ts" || rel === "app/storage.server.ts") return "db";
  const m = rel.match(/^app\/(engine|i18n|lib|models|web|routes|components)\//);
  if (m) return m[1] as Layer;
  if (rel.startsWith("app/")) return "app";
  return null;
}

/** What each layer must never import (app/bin, root.tsx and the entry files sit on top of all). */
const FORBIDDEN: Record<Layer, Layer[]> = {
  engine: ["i18n", "lib", "db", "models", "web", "routes", "components", "app"],
  i18n: ["engine", "lib", "db", "models", "web", "routes", "components", "app"],
  lib: ["db", "models", "web", "routes", "components", "app"],
  db: ["models", "web", "routes", "components", "app"],
  models: ["web", "routes", "components", "app"],
  web: ["routes", "components", "app"],
  routes: ["app"],
  components: ["routes", "app"],
  app: [],
};

/** Remix and React belong to the web layer and above; the domain below it runs without them. */
const NO_FRAMEWORK: Layer[] = ["engine", "lib", "db", "models"];

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "migrations" ? [] : walk(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const SPEC = /(?:^|[\s;])(?:import|export)\s(?:[^'"`;]*?\sfrom\s*)?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g;

function importsOf(file: string): string[] {
  const src = fs.readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  return [...src.matchAll(SPEC)].map((m) => m[1] ?? m[2]);
}

/** The file an import names, or the package name for a bare import. */
function resolve(from: string, spec: string): { file: string } | { pkg: string } {
  let base: string;
  if (spec.startsWith("~/")) base = path.join(root, "app", spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return { pkg: spec };
  for (const c of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (fs.existsSync(c) && fs.statSync(c).isFile()) return { file: c };
  }
  return { file: base };
}

const files = [...walk(path.join(root, "app")), ...walk(path.join(root, "db"))].filter((f) => !/\.test\.tsx?$/.test(f));
const rel = (f: string) => path.relative(root, f).split(path.sep).join("/");

const edges = files.flatMap((from) =>
  importsOf(from).map((spec) => ({ from, spec, to: resolve(from, spec) })),
);

describe("layers", () => {
  it("finds the source and its imports", () => {
    expect(files.some((f) => rel(f) === "app/engine/decide.ts")).toBe(true);
    expect(edges.some((e) => rel(e.from) === "app/web/authz.server.ts" && "file" in e.to && rel(e.to.file) === "app/models/membership.server.ts")).toBe(true);
  });

  it("no import runs up a layer", () => {
    const upward: string[] = [];
    for (const e of edges) {
      if (!("file" in e.to)) continue;
      const a = layerOf(e.from), b = layerOf(e.to.file);
      if (a && b && FORBIDDEN[a].includes(b)) upward.push(`${rel(e.from)} (${a}) imports ${rel(e.to.file)} (${b})`);
    }
    expect(upward).toEqual([]);
  });

  it("the domain does not import Remix or React", () => {
    const found = edges
      .filter((e) => "pkg" in e.to && /^(@remix-run\/|react(-dom)?($|\/))/.test(e.to.pkg))
      .filter((e) => NO_FRAMEWORK.includes(layerOf(e.from)!))
      .map((e) => `${rel(e.from)} imports ${e.spec}`);
    expect(found).toEqual([]);
  });

  it("no two model modules depend on each other, directly or round a loop", () => {
    const graph = new Map<string, string[]>();
    for (const e of edges) {
      if (!("file" in e.to) || layerOf(e.from) !== "models" || layerOf(e.to.file) !== "models") continue;
      graph.set(rel(e.from), [...(graph.get(rel(e.from)) ?? []), rel(e.to.file)]);
    }
    const loops: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (n: string, trail: string[]) => {
      if (state.get(n) === "done") return;
      if (state.get(n) === "open") {
        loops.push([...trail.slice(trail.indexOf(n)), n].join(" -> "));
        return;
      }
      state.set(n, "open");
      for (const m of graph.get(n) ?? []) visit(m, [...trail, n]);
      state.set(n, "done");
    };
    for (const n of graph.keys()) visit(n, []);
    expect(loops).toEqual([]);
  });
});
