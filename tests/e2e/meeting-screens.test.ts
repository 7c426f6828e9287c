/**
 * What the room sees, measured (docs/meetings.md): the projector at 1024×768, 1280×800 and
 * 1920×1080 shows the current item, the timer, the stack, the open vote or its outcome and
 * the join code with its QR code at once, without scrolling, in large type; the console at
 * 1280×800 shows the current item, the open vote with its counts and close button, the stack
 * and quorum without scrolling; a phone at 360×740 shows the ballot first. Screenshots go to
 * SHOTS_DIR (default: a temporary folder) for a person to look at.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { hydrated, launchBrowser, prepareRoom, signedInContext, startApp, type App } from "../helpers/browser";
import type { Room } from "../helpers/room-setup";

let app: App;
let browser: Browser;
let room: Room;
const shots = process.env.SHOTS_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "plenary-shots-"));

beforeAll(async () => {
  const prepared = await prepareRoom({ members: 4 });
  room = prepared.room;
  app = await startApp({}, prepared.dbPath);
  browser = await launchBrowser();
  fs.mkdirSync(shots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

type Box = { selector: string; top: number; bottom: number; left: number; right: number; fontSize: number };

/** Where each element is on the page as first shown (no scrolling), and its type size. */
async function boxes(page: Page, selectors: string[]): Promise<Box[]> {
  return page.evaluate((sels) => {
    return sels.map((selector) => {
      const el = document.querySelector(selector);
      if (!el) return { selector, top: NaN, bottom: NaN, left: NaN, right: NaN, fontSize: 0 };
      const r = el.getBoundingClientRect();
      return { selector, top: r.top, bottom: r.bottom, left: r.left, right: r.right, fontSize: parseFloat(getComputedStyle(el).fontSize) };
    });
  }, selectors);
}

function expectAllOnScreen(list: Box[], width: number, height: number) {
  for (const b of list) {
    expect(b.top, `${b.selector} top at ${width}×${height}`).toBeGreaterThanOrEqual(0);
    expect(b.left, `${b.selector} left at ${width}×${height}`).toBeGreaterThanOrEqual(0);
    expect(b.bottom, `${b.selector} bottom at ${width}×${height}`).toBeLessThanOrEqual(height);
    expect(b.right, `${b.selector} right at ${width}×${height}`).toBeLessThanOrEqual(width);
  }
}

const base = () => `${app.url}/a/${room.slug}/meetings/${room.meetingId}`;
const SIZES = [
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];

describe("what the room sees", () => {
  it("projector, console and phone: everything that matters on one screen, no scrolling", { timeout: 300_000 }, async () => {
    const laptop = await signedInContext(browser, app, room.facilitator.session, { viewport: { width: 1280, height: 800 } });
    const fay = await laptop.newPage();
    await fay.goto(`${base()}/run`);
    await hydrated(fay);
    await expect(fay.locator(".live-badge.on")).toBeVisible();
    await fay.getByRole("button", { name: "Start the meeting" }).click();
    await expect(fay.locator(".current-title")).toHaveText("Welcome");
    // Everyone is in the room; two members raise their hands.
    for (const p of [room.facilitator, ...room.members]) {
      await fay.getByLabel("Check someone in").selectOption({ label: p.name });
      await fay.getByRole("button", { name: "Check in", exact: true }).click();
      await expect(fay.locator(".present-list")).toContainText(p.name);
    }
    for (const p of room.members.slice(0, 3)) {
      await fay.getByLabel("Add to the stack").first().selectOption({ label: p.name });
      await fay.getByRole("button", { name: "Add to the stack" }).click();
      await expect(fay.locator(".stack-list")).toContainText(p.name);
    }
    await fay.getByRole("button", { name: /Next item/ }).click();
    await expect(fay.locator(".current-title")).toHaveText("Front door lock");
    // One has the floor, two wait.
    await fay.getByRole("button", { name: "Next speaker" }).click();
    await expect(fay.locator(".stack-panel .speaker")).toContainText(room.members[0].name);
    await fay.getByRole("button", { name: "Open a vote on this proposal" }).click();
    await expect(fay.locator(".vote-panel")).toContainText("Vote open");

    // A phone at 360×740: the ballot comes first.
    const phoneCtx = await signedInContext(browser, app, room.members[0].session, { phone: true });
    const mo = await phoneCtx.newPage();
    await mo.goto(`${base()}/phone`);
    await hydrated(mo);
    await expect(mo.getByRole("radio", { name: "Agree", exact: true })).toBeVisible();
    const [card, legend] = await boxes(mo, [".vote-card", ".vote-card legend"]);
    await mo.screenshot({ path: path.join(shots, "phone-360x740-vote.png") });
    expect(card.top).toBeLessThan(200);
    expect(legend.bottom).toBeLessThanOrEqual(740);
    expect(await mo.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await mo.screenshot({ path: path.join(shots, "phone-360x740-vote.png") });
    await mo.getByRole("radio", { name: "Agree", exact: true }).check();
    await mo.getByRole("button", { name: "Cast my ballot" }).click();
    await expect(mo.getByText("Your ballot is counted.", { exact: false })).toBeVisible();
    await expect(fay.locator(".vote-counts")).toContainText("Agree 1");

    // The console at 1280×800: item, vote with counts and close button, stack, quorum.
    await fay.evaluate(() => window.scrollTo(0, 0));
    const consoleBoxes = await boxes(fay, [".current-title", ".countdown-time", ".vote-panel .vote-counts", ".vote-panel button[aria-keyshortcuts='V']", ".stack-panel h2", ".stack-list", ".console-head .quorum"]);
    expectAllOnScreen(consoleBoxes, 1280, 800);
    await fay.screenshot({ path: path.join(shots, "console-1280x800-vote.png") });

    // The projector at three sizes, with the vote open and then closed.
    const screens: Array<{ size: (typeof SIZES)[number]; page: Page }> = [];
    for (const size of SIZES) {
      const ctx = await signedInContext(browser, app, room.facilitator.session, { viewport: size });
      const page = await ctx.newPage();
      await page.goto(`${base()}/screen`);
      await hydrated(page);
      await expect(page.locator(".vote-view")).toContainText("1 of 5 have voted");
      screens.push({ size, page });
    }
    const projector = [".screen-item", ".countdown-time", ".speaker", ".screen-stack", ".vote-view", ".screen-code", ".qr svg"];
    for (const { size, page } of screens) {
      const list = await boxes(page, projector);
      expectAllOnScreen(list, size.width, size.height);
      const scroll = await page.evaluate(() => {
        const v = document.querySelector(".screen-view")!;
        return { view: v.scrollHeight - v.clientHeight, doc: document.documentElement.scrollHeight - innerHeight };
      });
      expect(scroll.view, `the screen scrolls at ${size.width}×${size.height}`).toBeLessThanOrEqual(0);
      // Readable from the back of the room.
      const size_ = Object.fromEntries(list.map((b) => [b.selector, b.fontSize]));
      expect(size_[".screen-item"]).toBeGreaterThanOrEqual(36);
      expect(size_[".countdown-time"]).toBeGreaterThanOrEqual(60);
      expect(size_[".screen-stack"]).toBeGreaterThanOrEqual(18);
      expect(size_[".screen-code"]).toBeGreaterThanOrEqual(28);
      await page.screenshot({ path: path.join(shots, `screen-${size.width}x${size.height}-vote.png`) });
    }

    await fay.getByRole("button", { name: "Close the vote" }).click();
    await expect(fay.locator(".outcome")).toBeVisible();
    for (const { size, page } of screens) {
      await expect(page.locator(".outcome")).toBeVisible();
      expectAllOnScreen(await boxes(page, [...projector.filter((s) => s !== ".vote-view"), ".outcome"]), size.width, size.height);
      await page.screenshot({ path: path.join(shots, `screen-${size.width}x${size.height}-outcome.png`) });
    }
    await mo.screenshot({ path: path.join(shots, "phone-360x740-outcome.png") });
    await fay.screenshot({ path: path.join(shots, "console-1280x800-outcome.png") });
    // The console at the other sizes, for a person to look at.
    for (const size of [SIZES[0], SIZES[2]]) {
      await fay.setViewportSize(size);
      await fay.screenshot({ path: path.join(shots, `console-${size.width}x${size.height}.png`) });
    }
    for (const size of SIZES) {
      await mo.setViewportSize(size);
      await mo.screenshot({ path: path.join(shots, `phone-${size.width}x${size.height}.png`) });
    }
    await laptop.close();
    await phoneCtx.close();
  });
});
