/**
 * Browser-test helpers: the real production build served by app/bin/server.mjs on a free port
 * with its own temporary database, and Debian's Chromium driven by playwright-core.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { BUILD_LOCK_WAIT_MS, ensureBuild, root } from "./build";

export { ensureBuild };

const require = createRequire(import.meta.url);

/**
 * Budgets for what a browser test waits on before its first step. They are generous on
 * purpose: on a two-core machine running the whole suite (or a bench) at once, a cold
 * Chromium or a server that compiles the build can take many times its quiet-machine time,
 * and a start-up that is merely slow must not read as a failing journey. Speed is the
 * bench's business (bench/README.md), not the tests'.
 */
export const BUDGET = {
  /** Waiting for another process's build to finish (the lock in .cache/build.lock). */
  buildLockMs: BUILD_LOCK_WAIT_MS,
  /** From spawning app/bin/server.mjs to its "listening on" line. */
  serverStartMs: 120_000,
  /** Launching headless Chromium. */
  browserLaunchMs: 120_000,
};

export type App = { url: string; dbPath: string; stop: () => Promise<void>; process: ChildProcess; logs: () => string };

/** Starts the production server on a free port with a fresh database (or `prepared`, a room's database). */
export async function startApp(env: Record<string, string> = {}, prepared?: string): Promise<App> {
  await ensureBuild();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plenary-e2e-"));
  const dbPath = prepared ?? path.join(dir, "e2e.db");
  const child = spawn(process.execPath, [path.join(root, "app", "bin", "server.mjs")], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", DATABASE_PATH: dbPath, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within ${BUDGET.serverStartMs / 1000} s:\n${out}`)), BUDGET.serverStartMs);
    const onData = () => {
      const m = out.match(/listening on (http:\/\/[^\s]+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`server exited (${code}):\n${out}`)));
  });
  return {
    url,
    dbPath,
    process: child,
    logs: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/**
 * A fresh database made through the app's models by a set-up script in tests/helpers
 * (`room-setup`, `polls-setup`, `aid-setup`, `result-setup`), given `opts` as JSON; what the
 * script printed last (its world: ids, sessions) and the database's path for `startApp`.
 */
export async function prepareDatabase<World>(setup: string, opts: unknown = {}): Promise<{ dbPath: string; world: World }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `plenary-${setup}-`));
  const dbPath = path.join(dir, "test.db");
  // Asynchronously: a test worker blocked for long makes vitest give up on it.
  const { stdout } = await promisify(execFile)("npx", ["tsx", `tests/helpers/${setup}.ts`, JSON.stringify(opts)], { cwd: root, env: { ...process.env, DATABASE_PATH: dbPath, PLENARY_NO_BACKGROUND: "1" }, maxBuffer: 16 * 1024 * 1024 });
  return { dbPath, world: JSON.parse(stdout.trim().split("\n").pop()!) as World };
}

/** A room ready for a meeting (tests/helpers/room-setup.ts) and its database's path. */
export async function prepareRoom(opts: { members?: number; method?: string; runningCounts?: string; timeZone?: string; onlineRound?: boolean; secretWithTeller?: boolean } = {}): Promise<{ dbPath: string; room: import("./room-setup").Room }> {
  const { dbPath, world } = await prepareDatabase<import("./room-setup").Room>("room-setup", opts);
  return { dbPath, room: world };
}

/** A browser context signed in as `session` (a session id from prepareRoom). */
export async function signedInContext(browser: Browser, app: App, session: string, opts: Parameters<typeof newContext>[1] & { viewport?: { width: number; height: number } } = {}): Promise<BrowserContext> {
  const ctx = opts.viewport ? await browser.newContext({ javaScriptEnabled: opts.javaScriptEnabled ?? true, viewport: opts.viewport, locale: opts.locale ?? "en-GB" }) : await newContext(browser, opts);
  const { hostname } = new URL(app.url);
  await ctx.addCookies([{ name: "plenary_session", value: session, domain: hostname, path: "/", httpOnly: true, sameSite: "Lax" }]);
  return ctx;
}

/**
 * The set-up every browser test file shares: before its tests, the production server on a
 * free port with a fresh database and (unless `browser: false`) headless Chromium; after
 * them, both stopped. Read `live.app` and `live.browser` inside tests and hooks.
 */
export function liveApp(opts: { browser?: boolean } = {}) {
  const live = {} as { app: App; browser: Browser };
  beforeAll(async () => {
    live.app = await startApp();
    if (opts.browser !== false) live.browser = await launchBrowser();
  });
  afterAll(async () => {
    await live.browser?.close();
    await live.app?.stop();
  });
  return live;
}

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS, headless: true, timeout: BUDGET.browserLaunchMs });
}

/** A separate person: own cookies; a small phone viewport unless told otherwise. */
export async function newContext(browser: Browser, opts: { javaScriptEnabled?: boolean; phone?: boolean; locale?: string } = {}): Promise<BrowserContext> {
  return browser.newContext({
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    viewport: opts.phone ? { width: 360, height: 740 } : { width: 1280, height: 800 },
    locale: opts.locale ?? "en-GB",
  });
}

/** Waits until the page has hydrated (a no-op with JavaScript off). */
export async function hydrated(page: Page) {
  await page.waitForLoadState("load");
  // root.tsx marks <html data-hydrated="1"> once React has taken over.
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === "1", null, { timeout: 10_000 });
}

export async function signUpViaUi(page: Page, baseUrl: string, p: { username: string; displayName: string; password?: string }) {
  await page.goto(`${baseUrl}/signup`);
  await fillSignup(page, p);
  await page.getByRole("button", { name: /create account/i }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/signup"));
}

export async function fillSignup(page: Page, p: { username: string; displayName: string; password?: string }) {
  const password = p.password ?? "correct horse battery";
  await page.getByLabel("Username").fill(p.username);
  await page.getByLabel("Your name").fill(p.displayName);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Password again").fill(password);
}

export async function logInViaUi(page: Page, baseUrl: string, username: string, password = "correct horse battery") {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: /log in/i }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
}

/** Founds an assembly through the form; `preset` is the preset's label (default: the first). */
export async function foundAssemblyViaUi(page: Page, baseUrl: string, a: { name: string; slug: string; preset?: string }) {
  await page.goto(`${baseUrl}/assemblies/new`);
  await page.getByLabel("Name", { exact: true }).fill(a.name);
  await page.getByLabel("Short name for its web address").fill(a.slug);
  if (a.preset) await page.getByLabel(a.preset).check();
  await page.getByRole("button", { name: "Found the assembly" }).click();
  await page.waitForURL(`**/a/${a.slug}/charter?founded=1`);
}

/** A steward makes an invitation link for `maxUses` people and returns it. */
export async function invitationLinkViaUi(page: Page, baseUrl: string, slug: string, maxUses = 5): Promise<string> {
  await page.goto(`${baseUrl}/a/${slug}/invitations`);
  await page.getByLabel("How many people can use it").fill(String(maxUses));
  await page.getByRole("button", { name: "Create link" }).click();
  return page.getByLabel("Invitation link").inputValue();
}

const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** Runs axe-core on the page; fails on any serious or critical violation. */
export async function expectNoSeriousA11yViolations(page: Page) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await (window as any).axe.run(document, { resultTypes: ["violations"] });
    return result.violations
      .filter((v: any) => v.impact === "serious" || v.impact === "critical")
      .map((v: any) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n: any) => n.target.join(" ")).slice(0, 5) }));
  });
  expect(violations, `axe violations on ${page.url()}`).toEqual([]);
}

/*
 * Web-first assertions for playwright-core locators inside vitest (the ones
 * @playwright/test would give): each waits up to 10 s for the condition.
 */
import type { Locator } from "playwright-core";

const WAIT = 10_000;

async function poll(check: () => Promise<boolean>, timeout = WAIT) {
  const end = Date.now() + timeout;
  for (;;) {
    if (await check().catch(() => false)) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

expect.extend({
  async toBeVisible(locator: Locator) {
    const pass = await poll(async () => (await locator.count()) > 0 && (await locator.first().isVisible()));
    return { pass, message: () => `expected ${locator} ${pass ? "not " : ""}to be visible` };
  },
  async toHaveText(locator: Locator, expected: string | RegExp) {
    let actual = "";
    const pass = await poll(async () => {
      actual = ((await locator.first().textContent()) ?? "").replace(/\s+/g, " ").trim();
      return typeof expected === "string" ? actual === expected : expected.test(actual);
    });
    return { pass, message: () => `expected ${locator} to have text ${expected}, got "${actual}"` };
  },
  async toContainText(locator: Locator, expected: string) {
    let actual = "";
    const pass = await poll(async () => {
      actual = ((await locator.first().textContent()) ?? "").replace(/\s+/g, " ");
      return actual.includes(expected);
    });
    return { pass, message: () => `expected ${locator} to contain "${expected}", got "${actual.slice(0, 500)}"` };
  },
  async toHaveValue(locator: Locator, expected: string) {
    let actual = "";
    const pass = await poll(async () => (actual = await locator.first().inputValue()) === expected);
    return { pass, message: () => `expected ${locator} to have value "${expected}", got "${actual}"` };
  },
  async toHaveCount(locator: Locator, expected: number) {
    let actual = -1;
    const pass = await poll(async () => (actual = await locator.count()) === expected);
    return { pass, message: () => `expected ${locator} to have count ${expected}, got ${actual}` };
  },
});

declare module "vitest" {
  interface Assertion<T = any> {
    toBeVisible(): Promise<void>;
    toHaveText(expected: string | RegExp): Promise<void>;
    toContainText(expected: string): Promise<void>;
    toHaveValue(expected: string): Promise<void>;
    toHaveCount(expected: number): Promise<void>;
  }
}
