/**
 * Meeting night in a real browser (docs/meetings.md): the Wi-Fi drops under a phone, a phone
 * has JavaScript off, a hand count joins the phone ballots, the meeting closes. The room is
 * made through the app's models (tests/helpers/room-setup.ts); everything after is clicks.
 * Every wait is on a condition, never on a clock.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { expectNoSeriousA11yViolations, hydrated, launchBrowser, prepareRoom, signedInContext, startApp, type App } from "../helpers/browser";
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

/** Errors the page logged or threw: a live view must have none. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    // A refused connection while the test takes the Wi-Fi down is the browser's own log, not the app's.
    if (m.type() === "error" && !/ERR_INTERNET_DISCONNECTED|ERR_FAILED|Failed to load resource|EventSource/.test(m.text())) errors.push(m.text());
  });
  return errors;
}

const base = () => `${app.url}/a/${room.slug}/meetings/${room.meetingId}`;

describe("meeting night", () => {
  it("a Wi-Fi drop never takes the phone's page away; a ballot cast during it is sent once, when back; turnout counts hands once", async () => {
    const laptop = await signedInContext(browser, app, room.facilitator.session);
    const fay = await laptop.newPage();
    const fayErrors = collectErrors(fay);
    await fay.goto(`${base()}/run`);
    await hydrated(fay);
    // The router cancels a reload a newer tap replaced by aborting it, and its AbortError can
    // surface from inside an abort listener: the console treats it as the cancellation it is.
    await fay.evaluate(() => {
      const c = new AbortController();
      c.signal.addEventListener("abort", () => { throw c.signal.reason; });
      setTimeout(() => c.abort(), 0);
    });
    await expect(fay.locator(".live-badge.on")).toBeVisible();
    await fay.getByRole("button", { name: "Start the meeting" }).click();
    await expect(fay.locator(".current-title")).toHaveText("Welcome");

    const phoneCtx = await signedInContext(browser, app, room.members[0].session, { phone: true });
    const mo = await phoneCtx.newPage();
    const moErrors = collectErrors(mo);
    await mo.goto(`${base()}/phone`);
    await hydrated(mo);
    await mo.getByLabel("Meeting code").fill(room.code);
    await mo.getByRole("button", { name: "Check in" }).click();
    await expect(mo.getByText("You are checked in.")).toBeVisible();
    await expect(mo.locator(".live-badge.on")).toBeVisible();

    // The Wi-Fi drops; Mo taps "Raise my hand". The page stays, says the tap did not go through.
    await phoneCtx.setOffline(true);
    await expect(mo.locator(".live-badge.off")).toHaveText("Reconnecting…");
    await mo.getByRole("button", { name: "Raise my hand" }).click();
    await expect(mo.locator(".offline-error")).toContainText("That did not go through");
    await expect(mo.getByRole("heading", { level: 1 })).toHaveText("In the room: October general meeting");
    expect(await mo.getByText("Something went wrong").count()).toBe(0);
    await expect(mo.locator(".site-header")).toContainText("Member 01");
    expect(await mo.locator(".site-header").getByText("Log in").count()).toBe(0);
    // Back on the Wi-Fi: the same button works.
    await phoneCtx.setOffline(false);
    await expect(mo.locator(".live-badge.on")).toBeVisible();
    await mo.getByRole("button", { name: "Raise my hand" }).click();
    await expect(mo.getByText("You are number 1 on the stack.")).toBeVisible();
    await expect(fay.locator(".stack-list li")).toContainText("Member 01");

    // Fay checks herself in (she votes by hand), moves to the proposal and opens the vote. Only
    // the phone's follow-up fetch fails: it keeps its page and fetches again a moment later.
    await fay.getByLabel("Check someone in").selectOption({ label: "Fay" });
    await fay.getByRole("button", { name: "Check in", exact: true }).click();
    await expect(fay.locator(".present-list")).toContainText("Fay");
    await mo.route(/\.data(\?|$)/, (r) => r.abort("internetdisconnected"));
    await fay.getByRole("button", { name: /Next item/ }).click();
    await expect(fay.locator(".current-title")).toHaveText("Front door lock");
    await fay.getByRole("button", { name: "Open a vote on this proposal" }).click();
    await expect(fay.locator(".vote-panel")).toContainText("Vote open");
    await expect(mo.locator(".vote-card")).toContainText("Fix the front door lock");
    expect(await mo.getByText("Something went wrong").count()).toBe(0);
    await mo.unroute(/\.data(\?|$)/);
    await expect(mo.getByRole("radio", { name: "Agree", exact: true })).toBeVisible();

    // The vote card is the first thing on the phone.
    const card = await mo.locator(".vote-card").boundingBox();
    const current = await mo.locator("#phone-current").boundingBox();
    expect(card!.y).toBeLessThan(current!.y);

    // A ballot during a drop: clearly not cast; sent when the Wi-Fi is back; counted once.
    await phoneCtx.setOffline(true);
    await expect(mo.locator(".live-badge.off")).toBeVisible();
    await mo.getByRole("radio", { name: "Agree", exact: true }).check();
    await mo.getByRole("button", { name: "Cast my ballot" }).click();
    await expect(mo.locator(".offline-error")).toContainText("your ballot is NOT cast yet");
    await expect(fay.locator(".vote-panel")).toContainText("0 of 2 have voted");
    await phoneCtx.setOffline(false);
    await expect(mo.getByText("Your ballot is counted. You can change it until the vote closes.")).toBeVisible();
    await expect(fay.locator(".vote-panel")).toContainText("1 of 2 have voted");
    await expect(fay.locator(".vote-counts")).toContainText("Agree 1");

    // Fay's own card, counted by hand: turnout counts everyone once.
    await fay.getByLabel("Agree", { exact: true }).fill("1");
    await fay.getByRole("button", { name: "Record hand count" }).click();
    await expect(fay.locator(".vote-panel")).toContainText("2 of 2 have voted · 1 counted by hand");
    // Confirmed, and the fields are emptied: pressing again cannot count the same hands twice.
    await expect(fay.locator(".console-messages")).toContainText("Hand count recorded; it is in the count above.");
    await expect(fay.getByLabel("Agree", { exact: true })).toHaveValue("");
    await expect(mo.locator(".vote-card")).toContainText("2 of 2 have voted · 1 counted by hand");
    await fay.getByRole("button", { name: "Close the vote" }).click();
    await expect(mo.locator(".outcome")).toContainText("Passed");
    await expect(fay.locator(".vote-counts")).toContainText("Agree 2");

    // Closing the meeting keeps the outcome on the phone, with the minutes a tap away.
    fay.once("dialog", (d) => void d.accept());
    await fay.getByRole("button", { name: "Close the meeting" }).click();
    await expect(mo.locator(".outcome")).toContainText("Passed");
    await expect(mo.getByText("This meeting is closed.")).toBeVisible();
    await expect(mo.getByRole("link", { name: "Minutes" })).toBeVisible();
    await expectNoSeriousA11yViolations(mo);

    expect(fayErrors).toEqual([]);
    expect(moErrors).toEqual([]);
    await laptop.close();
    await phoneCtx.close();
  });
});

describe("without JavaScript", () => {
  let app2: App;
  let room2: Room;
  beforeAll(async () => {
    const prepared = await prepareRoom({ members: 2 });
    room2 = prepared.room;
    app2 = await startApp({}, prepared.dbPath);
  });
  afterAll(async () => {
    await app2?.stop();
  });

  /** How many times the page's own document and its live panel have loaded. */
  function loads(page: Page) {
    const n = { page: 0, panel: 0 };
    page.on("framenavigated", (f) => (f === page.mainFrame() ? n.page++ : /\/panel\?/.test(f.url()) ? n.panel++ : 0));
    return n;
  }

  it("only the live panel refreshes: what is typed stays, the status says it updates every few seconds, the panel offers the new vote", { timeout: 300_000 }, async () => {
    const url = `${app2.url}/a/${room2.slug}/meetings/${room2.meetingId}`;
    const laptop = await signedInContext(browser, app2, room2.facilitator.session, { javaScriptEnabled: false });
    const fay = await laptop.newPage();
    await fay.goto(`${url}/run`);
    await expect(fay.locator(".live-badge")).toHaveText("Updates every few seconds");
    expect(await fay.getByText("Reconnecting…").count()).toBe(0);
    await fay.getByRole("button", { name: "Start the meeting" }).click();
    await expect(fay.locator(".current-title")).toHaveText("Welcome");

    const phoneCtx = await signedInContext(browser, app2, room2.members[0].session, { phone: true, javaScriptEnabled: false });
    const nia = await phoneCtx.newPage();
    await nia.goto(`${url}/phone`);
    await expect(nia.locator(".live-badge")).toHaveText("Updates every few seconds");
    expect(await nia.locator('meta[http-equiv="refresh"]').count()).toBe(0);

    // Nia is typing the code; Fay is typing notes. The panels reload; the pages do not.
    const niaLoads = loads(nia);
    const fayLoads = loads(fay);
    await nia.getByLabel("Meeting code").fill(room2.code.slice(0, 3));
    await fay.getByLabel("Notes on this item (note-taker)").fill("Boiler fixed on Tuesday.");
    await expect.poll(() => Math.min(niaLoads.panel, fayLoads.panel), { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
    expect(niaLoads.page).toBe(0);
    expect(fayLoads.page).toBe(0);
    await expect(nia.getByLabel("Meeting code")).toHaveValue(room2.code.slice(0, 3));
    await expect(fay.getByLabel("Notes on this item (note-taker)")).toHaveValue("Boiler fixed on Tuesday.");
    await expect(nia.frameLocator("iframe.live-panel-frame").locator(".live-panel")).toContainText("Welcome");
    await expect(nia.frameLocator("iframe.live-panel-frame").locator(".live-panel")).toContainText("Updates every few seconds");

    await nia.getByLabel("Meeting code").fill(room2.code);
    await nia.getByRole("button", { name: "Check in" }).click();
    await expect(nia.getByText("You are checked in.")).toBeVisible();
    await fay.getByRole("button", { name: "Save notes" }).click();
    await expect(fay.locator(".console-messages")).toContainText("Notes saved.");

    // Fay opens the vote; Nia's panel says so and offers to update her page, which has the ballot.
    await fay.getByRole("button", { name: /Next item/ }).click();
    await expect(fay.locator(".current-title")).toHaveText("Front door lock");
    await fay.getByRole("button", { name: "Open a vote on this proposal" }).click();
    const panel = nia.frameLocator("iframe.live-panel-frame");
    await expect(panel.locator(".live-panel-stale")).toContainText("A vote is open.");
    await panel.getByRole("link", { name: "Update this page" }).click();
    await expect(nia.getByRole("radio", { name: "Agree", exact: true })).toBeVisible();
    await nia.getByRole("radio", { name: "Agree", exact: true }).check();
    await nia.getByRole("button", { name: "Cast my ballot" }).click();
    await expect(nia.getByText("Your ballot is counted. You can change it until the vote closes.")).toBeVisible();
    await expect(panel.locator(".live-panel")).toContainText("1 of 1 have voted");

    // The projector has nothing to type in: it refreshes whole, and says so.
    const screen = await laptop.newPage();
    await screen.goto(`${url}/screen`);
    await expect(screen.locator(".live-badge")).toHaveText("Updates every few seconds");
    expect(await screen.locator('meta[http-equiv="refresh"]').count()).toBe(1);
    await laptop.close();
    await phoneCtx.close();
  });
});
