/**
 * Times do not change after the page loads: the server and the browser write every date in
 * the same zone, so a member whose phone is set to another zone sees the same "Closes 08:15"
 * the server wrote (no hydration errors), and is told which zone that is. Also: a link
 * clicked right after the page arrives, before it has hydrated, just navigates.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, prepareRoom, startApp, type App } from "../helpers/browser";
import type { Room } from "../helpers/room-setup";

let app: App;
let browser: Browser;
let room: Room;

beforeAll(async () => {
  const prepared = await prepareRoom({ members: 1 });
  room = prepared.room;
  app = await startApp({}, prepared.dbPath);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

function errorsOf(page: Page) {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => (m.type() === "error" ? errors.push(m.text()) : undefined));
  return errors;
}

describe("time zones", () => {
  it("a phone in another zone shows the times the server wrote, names the zone, and hydrates without errors", async () => {
    const serverZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const elsewhere = serverZone === "America/Mexico_City" ? "Asia/Tokyo" : "America/Mexico_City";
    const { hostname } = new URL(app.url);
    const cookie = { name: "plenary_session", value: room.members[0].session, domain: hostname, path: "/", httpOnly: true, sameSite: "Lax" as const };
    const url = `${app.url}/a/${room.slug}/meetings/${room.meetingId}`;

    // What the server writes (JavaScript off: nothing rewrites it).
    const plain = await browser.newContext({ javaScriptEnabled: false, timezoneId: elsewhere, locale: "en-GB" });
    await plain.addCookies([cookie]);
    const p = await plain.newPage();
    await p.goto(url);
    const served = ((await p.locator("main").textContent()) ?? "").replace(/\s+/g, " ");

    // The same page hydrated in a browser set to another zone.
    const ctx = await browser.newContext({ timezoneId: elsewhere, locale: "en-GB", viewport: { width: 360, height: 740 } });
    await ctx.addCookies([cookie]);
    const page = await ctx.newPage();
    const errors = errorsOf(page);
    await page.goto(url);
    await page.waitForFunction(() => document.documentElement.dataset.hydrated === "1", null, { timeout: 60_000 });
    await expect(page.locator(".zone-note")).toHaveText(`Times are shown in ${serverZone.replace(/_/g, " ")} time.`);
    const hydratedText = ((await page.locator("main").textContent()) ?? "").replace(/\s+/g, " ");
    expect(hydratedText).toBe(served);
    expect(errors).toEqual([]);

    // A link clicked as soon as the page arrives, before React has taken over.
    const early = await ctx.newPage();
    const earlyErrors = errorsOf(early);
    await early.goto(`${app.url}/a/${room.slug}/meetings`, { waitUntil: "commit" });
    await early.getByRole("link", { name: "October general meeting" }).first().click();
    await early.waitForURL(url, { timeout: 60_000 });
    await early.waitForFunction(() => document.documentElement.dataset.hydrated === "1", null, { timeout: 60_000 });
    await expect(early.getByRole("heading", { level: 1 })).toHaveText("October general meeting");
    expect(earlyErrors).toEqual([]);
    await ctx.close();
    await plain.close();
  });
});
