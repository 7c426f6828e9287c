/**
 * The production build, shared by the browser tests and the bench: one lock so parallel runs
 * never build into the same folder at once, and the build's client manifest.
 */
import { execSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** How long to wait for another process's build (on a loaded two-core machine a build can take minutes). */
export const BUILD_LOCK_WAIT_MS = 300_000;

/** Runs `fn` holding .cache/build.lock (a directory: mkdir is atomic). */
export function withBuildLock<T>(fn: () => T): T {
  const lock = path.join(root, ".cache", "build.lock");
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + BUILD_LOCK_WAIT_MS;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error("timed out waiting for another build (.cache/build.lock)");
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmdirSync(lock);
  }
}

function remixBuild() {
  execSync("npx remix build", { cwd: root, stdio: "pipe", env: { ...process.env, NODE_ENV: "production" } });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the app when app/ changed since the last build (the browser tests). */
export function ensureBuild() {
  withBuildLock(() => {
    const buildFile = path.join(root, "build", "index.js");
    const stale = !fs.existsSync(buildFile) || newestMtime(path.join(root, "app")) > fs.statSync(buildFile).mtimeMs;
    if (stale) remixBuild();
  });
}

/** Builds unconditionally and returns how long it took in ms (the bench). */
export function buildNow(): number {
  return withBuildLock(() => {
    const t0 = performance.now();
    remixBuild();
    return performance.now() - t0;
  });
}

export type Manifest = {
  entry: { module: string; imports?: string[] };
  routes: Record<string, { id: string; parentId?: string; index?: boolean; path?: string; module: string; imports?: string[]; hasAction?: boolean }>;
};

/** The client manifest the server build names (public/build/manifest-*.js). */
export function readManifest(): Manifest {
  const server = fs.readFileSync(path.join(root, "build", "index.js"), "utf8");
  const name = /\/build\/(manifest-[A-Z0-9]+\.js)/.exec(server)?.[1];
  if (!name) throw new Error("no manifest named in build/index.js");
  const text = fs.readFileSync(path.join(root, "public", "build", name), "utf8");
  return JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as Manifest;
}

/**
 * The files the browser loads, before any import(), to show a route: the entry, then each
 * route from root down to this one, each module with its static imports (paths under public/).
 */
export function clientFiles(m: Manifest, routeId: string): { chain: string[]; files: Set<string> } {
  const chain: string[] = [];
  for (let id: string | undefined = routeId; id; id = m.routes[id]?.parentId) chain.unshift(id);
  const files = new Set<string>([m.entry.module, ...(m.entry.imports ?? [])]);
  for (const id of chain) for (const f of [m.routes[id].module, ...(m.routes[id].imports ?? [])]) files.add(f);
  return { chain, files };
}
