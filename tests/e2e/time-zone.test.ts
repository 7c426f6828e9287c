/**
 * Times do not change after the page loads: the server and the browser write every date of an
 * assembly in the assembly's zone (here Tokyo, neither the server's nor the phone's), so a
 * member whose phone is set to another zone sees the same "Closes 08:15" the server wrote (no
 * hydration errors), and is told which zone that is; arriving in the assembly by a link from a
 * page outside it switches to its zone too. Also: a link clicked right after the page arrives,
 * before it has hydrated, just navigates.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, prepareRoom, startApp, type App } from "../helpers/browser";
import type { Room } from "../helpers/room-setup";

let app: App;
let browser: Browser;
let room: Room;
const SERVER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
// The assembly's zone, the phone's: three different zones, whatever zone the server runs in.
const ASSEMBLY_ZONE = SERVER_ZONE === "Asia/Tokyo" ? "Asia/Kolkata" : "Asia/Tokyo";
const PHONE_ZONE = SERVER_ZONE === "America/Mexico_City" ? "Europe/Madrid" : "America/Mexico_City";
const written = (ms: number, zone: string) => new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: zone }).format(ms);

beforeAll(async () => {
  const prepared = await prepareRoom({ members: 1, timeZone: ASSEMBLY_ZONE });
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
  it("a phone in another zone shows the times the server wrote in the assembly's zone, names the zone, and hydrates without errors", async () => {
    const elsewhere = PHONE_ZONE;
    const { hostname } = new URL(app.url);
    const cookie = { name: "plenary_session", value: room.members[0].session, domain: hostname, path: "/", httpOnly: true, sameSite: "Lax" as const };
    const url = `${app.url}/a/${room.slug}/meetings/${room.meetingId}`;

    // What the server writes (JavaScript off: nothing rewrites it).
    const plain = await browser.newContext({ javaScriptEnabled: false, timezoneId: elsewhere, locale: "en-GB" });
    await plain.addCookies([cookie]);
    const p = await plain.newPage();
    await p.goto(url);
    const served = ((await p.locator("main").textContent()) ?? "").replace(/\s+/g, " ");
    expect(served).toContain(written(room.startsAt, ASSEMBLY_ZONE));
    expect(written(room.startsAt, ASSEMBLY_ZONE)).not.toBe(written(room.startsAt, SERVER_ZONE));

    // The same page hydrated in a browser set to another zone.
    const ctx = await browser.newContext({ timezoneId: elsewhere, locale: "en-GB", viewport: { width: 360, height: 740 } });
    await ctx.addCookies([cookie]);
    const page = await ctx.newPage();
    const errors = errorsOf(page);
    await page.goto(url);
    await page.waitForFunction(() => document.documentElement.dataset.hydrated === "1", null, { timeout: 60_000 });
    await expect(page.locator(".zone-note")).toHaveText(`Times are shown in ${ASSEMBLY_ZONE.replace(/_/g, " ")} time.`);
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

  it("a link from a page outside the assembly (server's zone) into it writes the assembly's times after the navigation", async () => {
    const { hostname } = new URL(app.url);
    const ctx = await browser.newContext({ timezoneId: PHONE_ZONE, locale: "en-GB", viewport: { width: 360, height: 740 } });
    await ctx.addCookies([{ name: "plenary_session", value: room.members[0].session, domain: hostname, path: "/", httpOnly: true, sameSite: "Lax" as const }]);
    const page = await ctx.newPage();
    const errors = errorsOf(page);
    await page.goto(`${app.url}/`);
    await page.waitForFunction(() => document.documentElement.dataset.hydrated === "1", null, { timeout: 60_000 });
    expect(await page.evaluate(() => document.documentElement.dataset.timeZone)).toBe(SERVER_ZONE);
    await page.getByRole("link", { name: "Oak Street Tenants" }).first().click();
    await page.waitForURL(`**/a/${room.slug}`);
    await page.getByRole("navigation", { name: "Assembly" }).getByRole("link", { name: "Meetings" }).click();
    await page.waitForURL(`**/a/${room.slug}/meetings`);
    await expect(page.locator("main")).toContainText(written(room.startsAt, ASSEMBLY_ZONE));
    expect(await page.evaluate(() => document.documentElement.dataset.timeZone)).toBe(ASSEMBLY_ZONE);
    await expect(page.locator(".zone-note")).toHaveText(`Times are shown in ${ASSEMBLY_ZONE.replace(/_/g, " ")} time.`);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
