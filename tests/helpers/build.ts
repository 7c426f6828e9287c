/**
 * The production build, shared by the browser tests and the bench: one lock so parallel runs
 * never build into the same folder at once, and the build's client manifest.
 */
import { execSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** How long to wait for another process's build (on a loaded two-core machine a build can take minutes). */
export const BUILD_LOCK_WAIT_MS = 300_000;

const lockDir = () => path.join(root, ".cache", "build.lock");

/** Takes .cache/build.lock (a directory: mkdir is atomic), or says it is taken. */
function tryLock(): boolean {
  fs.mkdirSync(path.dirname(lockDir()), { recursive: true });
  try {
    fs.mkdirSync(lockDir());
    return true;
  } catch {
    return false;
  }
}

const lockTimeout = () => new Error("timed out waiting for another build (.cache/build.lock)");

/** Runs `fn` holding the lock, blocking while it waits (the bench: a plain script). */
export function withBuildLock<T>(fn: () => T): T {
  const deadline = Date.now() + BUILD_LOCK_WAIT_MS;
  while (!tryLock()) {
    if (Date.now() > deadline) throw lockTimeout();
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
  }
  try {
    return fn();
  } finally {
    fs.rmdirSync(lockDir());
  }
}

/**
 * Runs `fn` holding the lock without blocking the thread (the tests: a vitest worker that
 * stops answering vitest for a minute fails the whole run).
 */
export async function withBuildLockAsync<T>(fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + BUILD_LOCK_WAIT_MS;
  while (!tryLock()) {
    if (Date.now() > deadline) throw lockTimeout();
    await new Promise((r) => setTimeout(r, 250));
  }
  try {
    return await fn();
  } finally {
    fs.rmdirSync(lockDir());
  }
}

const BUILD_ENV = (): NodeJS.ProcessEnv => ({ ...process.env, NODE_ENV: "production" });

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the app when app/ changed since the last build (the browser tests). */
export async function ensureBuild(): Promise<void> {
  await withBuildLockAsync(async () => {
    const buildFile = path.join(root, "build", "index.js");
    const stale = !fs.existsSync(buildFile) || newestMtime(path.join(root, "app")) > fs.statSync(buildFile).mtimeMs;
    if (!stale) return;
    const child = spawn("npx", ["remix", "build"], { cwd: root, env: BUILD_ENV(), stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", resolve);
    });
    if (code !== 0) throw new Error(`remix build failed (${code}):\n${out}`);
  });
}

/** Builds unconditionally and returns how long it took in ms (the bench). */
export function buildNow(): number {
  return withBuildLock(() => {
    const t0 = performance.now();
    execSync("npx remix build", { cwd: root, stdio: "pipe", env: BUILD_ENV() });
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
