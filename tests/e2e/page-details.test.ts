/**
 * Smaller things a meeting night met, as a person sees them: no page repeats an element id (a
 * label would point at the wrong field); a member's first button on a meeting is their own way
 * in; the phone names the current item with a real heading; the tabs on a phone show that they
 * scroll; the invitations and members pages fit a 360 px screen, and the members page searches
 * without JavaScript. The console does not offer a second vote on a proposal already being
 * voted on online (it says what is open), and "Save notes" says it saved them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { hydrated, launchBrowser, prepareRoom, signedInContext, startApp, type App } from "../helpers/browser";
import type { Room } from "../helpers/room-setup";

let app: App;
let browser: Browser;
let room: Room;

beforeAll(async () => {
  // Its proposal is already being voted on online.
  const prepared = await prepareRoom({ members: 2, onlineRound: true });
  room = prepared.room;
  app = await startApp({}, prepared.dbPath);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const PHONE = { width: 360, height: 740 };
const LAPTOP = { width: 1280, height: 800 };

async function duplicateIds(page: Page) {
  return page.evaluate(() => {
    const seen = new Map<string, number>();
    for (const el of document.querySelectorAll("[id]")) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  });
}

describe("what a person sees", () => {
  it("no page repeats an element id (every label points at its own field)", async () => {
    const a = `/a/${room.slug}`;
    const m = `${a}/meetings/${room.meetingId}`;
    const paths = ["/", "/account", "/assemblies/new", a, `${a}/proposals`, `${a}/proposals/new`, `${a}/proposals/${room.proposalId}`, `${a}/meetings`, `${a}/meetings/new`, m, `${m}/run`, `${m}/phone`, `${m}/screen`, `${m}/minutes`, `${a}/members`, `${a}/invitations`, `${a}/charter`, `${a}/record`, `${a}/councils`, `${a}/tellers`, "/m"];
    const found: Record<string, string[]> = {};
    for (const [who, session, list] of [
      ["facilitator", room.facilitator.session, paths],
      ["member", room.members[0].session, [m, `${m}/phone`, `${a}/members`, `${a}/proposals/${room.proposalId}`]],
    ] as const) {
      const ctx = await signedInContext(browser, app, session, { viewport: LAPTOP });
      const page = await ctx.newPage();
      for (const p of list) {
        const res = await page.goto(`${app.url}${p}`);
        expect([p, res?.status()]).toEqual([p, 200]);
        const dups = await duplicateIds(page);
        if (dups.length) found[`${who} ${p}`] = dups;
      }
      await ctx.close();
    }
    expect(found).toEqual({});
  });

  it("a member's first button on the meeting page is their own way in, before the projector", async () => {
    const ctx = await signedInContext(browser, app, room.members[0].session, { viewport: PHONE });
    const page = await ctx.newPage();
    await page.goto(`${app.url}/a/${room.slug}/meetings/${room.meetingId}`);
    const buttons = page.locator(".meeting-links a");
    await expect(buttons.first()).toHaveText("Join on this phone");
    const join = (await buttons.first().boundingBox())!;
    const screen = (await page.getByRole("link", { name: "Open the projector screen" }).boundingBox())!;
    expect(join.y + join.height <= screen.y || (join.y === screen.y && join.x < screen.x)).toBe(true);
    await ctx.close();
  });

  it("the phone names the current item with a heading, not a bold paragraph", async () => {
    const laptop = await signedInContext(browser, app, room.facilitator.session, { viewport: LAPTOP });
    const fay = await laptop.newPage();
    await fay.goto(`${app.url}/a/${room.slug}/meetings/${room.meetingId}/run`);
    await hydrated(fay);
    await fay.getByRole("button", { name: "Start the meeting" }).click();
    await expect(fay.locator(".current-title")).toHaveText("Welcome");
    const phoneCtx = await signedInContext(browser, app, room.members[0].session, { viewport: PHONE });
    const phone = await phoneCtx.newPage();
    await phone.goto(`${app.url}/a/${room.slug}/meetings/${room.meetingId}/phone`);
    await expect(phone.getByRole("heading", { level: 3, name: "Welcome" })).toBeVisible();
    // No paragraph styled as a heading (bold and larger than the text around it).
    const boldParagraphs = await phone.evaluate(() =>
      [...document.querySelectorAll("main p")]
        .filter((p) => {
          const s = getComputedStyle(p);
          return Number(s.fontWeight) >= 600 && parseFloat(s.fontSize) > parseFloat(getComputedStyle(document.body).fontSize);
        })
        .map((p) => p.textContent),
    );
    expect(boldParagraphs).toEqual([]);
    await phoneCtx.close();
    await laptop.close();
  });

  it("on a phone the assembly's tabs show that they scroll sideways", async () => {
    const ctx = await signedInContext(browser, app, room.facilitator.session, { viewport: PHONE });
    const page = await ctx.newPage();
    await page.goto(`${app.url}/a/${room.slug}/proposals`);
    const bar = page.getByRole("navigation", { name: "Assembly" }).locator("ul");
    const m = await bar.evaluate((ul) => ({ scroll: ul.scrollWidth, client: ul.clientWidth, bg: getComputedStyle(ul).backgroundImage }));
    expect(m.scroll).toBeGreaterThan(m.client);
    // The scrolling shadow: a shade at the edge while more tabs are hidden beyond it.
    expect(m.bg).toContain("radial-gradient");
    const edge = await bar.screenshot();
    expect(edge.length).toBeGreaterThan(0);
    // The page itself does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await ctx.close();
  });

  it("the invitations page fits a 360 px screen, with invitations listed", async () => {
    const ctx = await signedInContext(browser, app, room.facilitator.session, { viewport: PHONE });
    const page = await ctx.newPage();
    await page.goto(`${app.url}/a/${room.slug}/invitations`);
    await hydrated(page);
    for (const label of ["Neighbours on the second floor", "Laundry room meeting"]) {
      await page.getByLabel("Label", { exact: true }).fill(label);
      await page.getByRole("button", { name: "Create link" }).click();
      await expect(page.getByLabel("Invitation link")).toBeVisible();
    }
    await expect(page.locator("table")).toContainText("Laundry room meeting");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await ctx.close();
  });

  it("the members page is a compact list that fits a phone and searches without JavaScript", async () => {
    const ctx = await signedInContext(browser, app, room.facilitator.session, { viewport: PHONE, javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${app.url}/a/${room.slug}/members`);
    await expect(page.locator(".member-list > li")).toHaveCount(3);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // One line a member (with its manage toggle): far less than the 150 px each took.
    const heights = await page.locator(".member-list > li").evaluateAll((lis) => lis.map((li) => li.getBoundingClientRect().height));
    expect(Math.max(...heights)).toBeLessThan(110);
    await page.getByLabel("Find a member by name or username").fill("member 02");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/members\?q=member\+02$/);
    await expect(page.locator(".member-list > li")).toHaveCount(1);
    await expect(page.locator(".member-list")).toContainText("Member 02");
    await expect(page.getByRole("status")).toContainText("Members matching “member 02”: 1.");
    await ctx.close();
  });

  it("the console says a round is already open online instead of offering 'Open a vote', and confirms saved notes", async () => {
    const laptop = await signedInContext(browser, app, room.facilitator.session, { viewport: LAPTOP });
    const fay = await laptop.newPage();
    await fay.goto(`${app.url}/a/${room.slug}/meetings/${room.meetingId}/run`);
    await hydrated(fay);
    const start = fay.getByRole("button", { name: "Start the meeting" });
    if (await start.count()) await start.click();
    await expect(fay.locator(".current-title")).toHaveText("Welcome");
    await fay.getByRole("button", { name: /Next item/ }).click();
    await expect(fay.locator(".current-title")).toHaveText("Front door lock");
    await expect(fay.locator(".online-open")).toContainText("An online round (round 1) is already open on this proposal");
    expect(await fay.locator(".online-open").getByRole("link", { name: "Open the proposal" }).getAttribute("href")).toBe(`/a/${room.slug}/proposals/${room.proposalId}`);
    expect(await fay.getByRole("button", { name: "Open a vote on this proposal" }).count()).toBe(0);

    await fay.getByLabel("Notes on this item (note-taker)").fill("Landlord wrote back on Monday.");
    await fay.getByRole("button", { name: "Save notes" }).click();
    await expect(fay.locator(".console-messages")).toContainText("Notes saved.");
    // Saved notes stay in the field (they are the minutes); reloading shows them from the server.
    await expect(fay.getByLabel("Notes on this item (note-taker)")).toHaveValue("Landlord wrote back on Monday.");
    await fay.reload();
    await expect(fay.getByLabel("Notes on this item (note-taker)")).toHaveValue("Landlord wrote back on Monday.");
    await laptop.close();
  });
});
