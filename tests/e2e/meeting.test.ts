/**
 * The meeting journey (docs/domain.md#meetings) in a real browser against the production build, with three
 * browser contexts: the facilitator's console on a laptop, the projector screen, and a
 * member's phone (360 px wide). Every step waits on the live stream, never on a reload.
 */
import { describe, expect, it } from "vitest";
import { expectNoSeriousA11yViolations, fillSignup, foundAssemblyViaUi, hydrated, invitationLinkViaUi, liveApp, logInViaUi, newContext, signUpViaUi } from "../helpers/browser";

const live = liveApp();

describe("running a meeting", () => {
  it("console, screen and phone: check in with the code, raise a hand, vote, outcome, minutes", async () => {
    // Fay, the facilitator, on the laptop.
    const laptop = await newContext(live.browser);
    const fay = await laptop.newPage();
    await signUpViaUi(fay, live.app.url, { username: "fay.f", displayName: "Fay" });
    await foundAssemblyViaUi(fay, live.app.url, { name: "Oak Street Tenants", slug: "oak" });
    const link = await invitationLinkViaUi(fay, live.app.url, "oak");

    // Mo joins from a phone.
    const phoneCtx = await newContext(live.browser, { phone: true });
    const mo = await phoneCtx.newPage();
    await mo.goto(link);
    await fillSignup(mo, { username: "mo.li", displayName: "Mo" });
    await mo.getByRole("button", { name: "Create account and join" }).click();
    await mo.waitForURL("**/a/oak?joined=1");

    // A proposal to decide.
    await fay.goto(`${live.app.url}/a/oak/proposals/new`);
    await fay.getByLabel("Title").fill("Fix the front door lock");
    await fay.getByLabel("Text of the proposal").fill("We ask the landlord in writing, then fix it ourselves.");
    await fay.getByRole("button", { name: "Create the proposal" }).click();
    await fay.waitForURL((u) => /^\/a\/oak\/proposals\/[A-Za-z0-9_-]+$/.test(u.pathname) && !u.pathname.endsWith("/new"));

    // Schedule the meeting (the suggested time respects the charter's notice) and build its agenda.
    await fay.goto(`${live.app.url}/a/oak/meetings`);
    await hydrated(fay);
    await expectNoSeriousA11yViolations(fay);
    const calendarUrl = await fay.getByLabel("Your private calendar address").inputValue();
    await fay.getByRole("link", { name: "Schedule a meeting" }).click();
    await fay.getByLabel("Title").fill("October general meeting");
    await fay.getByLabel("Place", { exact: true }).fill("Laundry room");
    // Picking tomorrow warns at once that the charter asks for 3 days' notice; then back.
    const suggestedTime = await fay.getByLabel("Date and time").inputValue();
    const tomorrow = new Date(Date.now() + 86_400_000);
    const pad = (n: number) => String(n).padStart(2, "0");
    await fay.getByLabel("Date and time").fill(`${tomorrow.getFullYear()}-${pad(tomorrow.getMonth() + 1)}-${pad(tomorrow.getDate())}T19:00`);
    await expect(fay.getByText("That is less than 3 days from now.", { exact: false })).toBeVisible();
    await fay.getByLabel("Date and time").fill(suggestedTime);
    await expectNoSeriousA11yViolations(fay);
    await fay.getByRole("button", { name: "Schedule the meeting" }).click();
    await fay.waitForURL((u) => /^\/a\/oak\/meetings\/[A-Za-z0-9_-]+$/.test(u.pathname) && !u.pathname.endsWith("/new"));
    const meetingUrl = fay.url();
    await expect(fay.getByRole("heading", { level: 1 })).toHaveText("October general meeting");

    await fay.getByText("Add an item").click();
    // The item's fields, not the meeting's own (its details form has a Title too).
    const itemForm = fay.locator("details", { has: fay.getByText("Add an item") });
    await fay.getByLabel("Kind").selectOption("announcement");
    await itemForm.getByLabel("Title", { exact: true }).fill("Welcome");
    await fay.getByLabel("Timebox in minutes").fill("5");
    await fay.getByRole("button", { name: "Add to agenda" }).click();
    await expect(fay.getByText("Item added to the agenda.")).toBeVisible();
    // The form stays open, emptied, for the next item.
    await expect(itemForm.getByLabel("Title", { exact: true })).toHaveValue("");
    await fay.getByLabel("Kind").selectOption("proposal");
    await itemForm.getByLabel("Title", { exact: true }).fill("Front door lock");
    await fay.getByLabel("Timebox in minutes").fill("15");
    await fay.getByLabel("Proposal (for a proposal item)").selectOption({ label: "#1 Fix the front door lock" });
    await fay.getByRole("button", { name: "Add to agenda" }).click();
    await expect(fay.locator("ol.agenda > li")).toHaveCount(2);
    // Reorder by drag and drop (saved: still so after a reload), then back with a button.
    await hydrated(fay);
    const source = fay.locator("ol.agenda > li", { hasText: "Front door lock" }).locator(".agenda-title strong");
    const target = fay.locator("ol.agenda > li", { hasText: "Welcome" }).locator(".agenda-title strong");
    await fay.evaluate(() => document.getElementById("agenda-title")!.scrollIntoView());
    const from = (await source.boundingBox())!;
    const to = (await target.boundingBox())!;
    await fay.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await fay.mouse.down();
    await fay.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
    await fay.mouse.up();
    await expect(fay.getByText("New order saved.")).toBeVisible();
    await fay.reload();
    await expect(fay.locator("ol.agenda > li").first()).toContainText("Front door lock");
    await fay.getByRole("button", { name: "Move down: Front door lock" }).click();
    await expect(fay.locator("ol.agenda > li").first()).toContainText("Welcome");
    await expectNoSeriousA11yViolations(fay);

    // The console on the laptop.
    await fay.goto(`${meetingUrl}/run`);
    await hydrated(fay);
    await expect(fay.locator(".live-badge.on")).toBeVisible();
    // It is planned days from now: the console warns and asks before starting it early.
    await expect(fay.getByRole("note")).toContainText("This meeting is planned for");
    await expect(fay.getByRole("note")).toContainText("not today");
    await fay.getByRole("button", { name: /^Start it now anyway, before / }).click();
    await expect(fay.locator(".current-title")).toHaveText("Welcome");
    await expect(fay.locator(".countdown-time")).toHaveText(/^[45]:\d\d$/);
    // It counts down on its own, from the server's start time.
    const shown = (await fay.locator(".countdown-time").textContent())!;
    await expect(fay.locator(".countdown-time")).toHaveText(new RegExp(`^(?!${shown}$)4:\\d\\d$`));
    await expectNoSeriousA11yViolations(fay);

    // The projector: a third context, signed in as Fay.
    const projectorCtx = await newContext(live.browser);
    const screen = await projectorCtx.newPage();
    await logInViaUi(screen, live.app.url, "fay.f");
    await screen.goto(`${meetingUrl}/screen`);
    await hydrated(screen);
    await expect(screen.locator(".screen-item")).toHaveText("Welcome");
    const code = ((await screen.locator(".screen-code").textContent()) ?? "").trim();
    expect(code).toMatch(/^[A-Z0-9]{5}$/);
    expect(await screen.locator(".qr svg").count()).toBe(1);
    await expect(screen.locator(".live-badge.on")).toBeVisible();
    await expectNoSeriousA11yViolations(screen);

    // Mo checks in with the code shown on the screen, then raises a hand.
    await mo.goto(`${live.app.url}/m`);
    await mo.getByLabel("Meeting code").fill(code.toLowerCase());
    await mo.getByRole("button", { name: "Check in" }).click();
    await mo.waitForURL(`${meetingUrl}/phone`);
    await hydrated(mo);
    await expect(mo.getByText("You are checked in.")).toBeVisible();
    await expect(mo.locator(".live-badge.on")).toBeVisible();
    await expectNoSeriousA11yViolations(mo);
    // Nothing wider than the 360 px phone.
    expect(await mo.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const raisedAt = Date.now();
    await mo.getByRole("button", { name: "Raise my hand" }).click();
    await expect(mo.getByText("You are number 1 on the stack.")).toBeVisible();

    // The console sees the hand live, and calls Mo with the keyboard shortcut S.
    await expect(fay.locator(".stack-list li")).toContainText("Mo");
    console.log(`phone → console: hand seen after ${Date.now() - raisedAt} ms`);
    await expect(screen.locator(".screen-stack li")).toContainText("Mo");
    await fay.locator("#console-title").click();
    await fay.keyboard.press("s");
    await expect(fay.locator(".stack-panel .speaker")).toContainText("Mo");
    await expect(mo.getByText("You have the floor.")).toBeVisible();
    await expect(screen.locator(".speaker")).toContainText("Mo");

    // Fay checks herself in by name; quorum (more than half of 2) is met everywhere.
    await fay.getByLabel("Check someone in").selectOption({ label: "Fay" });
    await fay.getByRole("button", { name: "Check in", exact: true }).click();
    await expect(fay.locator(".attendance-panel .quorum")).toContainText("Quorum met");
    await expect(screen.locator(".quorum")).toContainText("Quorum met");

    // N: next item, the proposal. V: open the vote on it.
    await fay.locator("#console-title").click();
    await fay.keyboard.press("n");
    await expect(fay.locator(".current-title")).toHaveText("Front door lock");
    await expect(screen.locator(".screen-item")).toHaveText("Front door lock");
    await fay.keyboard.press("v");
    await expect(fay.locator(".vote-panel")).toContainText("Vote open");

    // Mo votes from the phone; the screen counts it.
    await expect(mo.getByRole("radio", { name: "Agree", exact: true })).toBeVisible();
    await mo.getByRole("radio", { name: "Agree", exact: true }).check();
    await mo.getByRole("button", { name: "Cast my ballot" }).click();
    await expect(mo.getByText("Your ballot is counted. You can change it until the vote closes.")).toBeVisible();
    await expect(screen.locator(".vote-view")).toContainText("1 of 2 have voted");
    // A consensus round's running count stays off the screen until it closes (the charter's
    // default); the facilitator's console shows it.
    await expect(screen.locator(".vote-view")).toContainText("The count is shown when the vote closes.");
    expect(await screen.locator(".vote-counts").count()).toBe(0);
    await expect(fay.locator(".vote-counts")).toContainText("Agree 1");

    // Fay counts one card by hand (herself, without a phone): no one counted twice.
    await fay.getByLabel("Agree", { exact: true }).fill("2");
    await fay.getByRole("button", { name: "Record hand count" }).click();
    await expect(fay.locator(".console-messages .form-error")).toHaveText("Everyone present has already been counted; counting more would count someone twice.");
    await fay.getByLabel("Agree", { exact: true }).fill("1");
    await fay.getByRole("button", { name: "Record hand count" }).click();
    await expect(fay.locator(".vote-counts")).toContainText("Agree 2");
    await expect(screen.locator(".vote-view")).toContainText("2 of 2 have voted · 1 counted by hand");

    // V again closes it: the outcome and its explanation appear on every screen.
    await fay.locator("#console-title").click();
    await fay.keyboard.press("v");
    await expect(screen.locator(".outcome")).toContainText("Passed");
    await expect(fay.locator(".outcome")).toContainText("Passed");
    await expect(mo.locator(".outcome")).toContainText("Passed");
    await expect(screen.locator(".vote-counts")).toContainText("Agree 2");
    await expectNoSeriousA11yViolations(screen);

    // Nia's phone has JavaScript off: the QR code's link, a real form, a page that refreshes itself.
    const plainCtx = await newContext(live.browser, { phone: true, javaScriptEnabled: false });
    const nia = await plainCtx.newPage();
    await nia.goto(link);
    await fillSignup(nia, { username: "nia.n", displayName: "Nia" });
    await nia.getByRole("button", { name: "Create account and join" }).click();
    await nia.waitForURL("**/a/oak?joined=1");
    await nia.goto(`${live.app.url}/m/${code}`);
    await expect(nia.getByText('Check in to "October general meeting" of Oak Street Tenants?')).toBeVisible();
    await nia.getByRole("button", { name: "Check in" }).click();
    await nia.waitForURL(`${meetingUrl}/phone`);
    // Without JavaScript only the live panel refreshes, inside the page; the page itself stays.
    expect(await nia.locator('meta[http-equiv="refresh"]').count()).toBe(0);
    expect(await nia.locator("iframe.live-panel-frame").count()).toBe(1);
    await nia.getByRole("button", { name: "Raise my hand" }).click();
    await expect(nia.getByText("You are number 1 on the stack.")).toBeVisible();
    await expect(fay.locator(".stack-list li")).toContainText("Nia");
    await expect(fay.locator(".present-list")).toContainText("Nia");

    // Close the meeting; the minutes export has the decision.
    fay.once("dialog", (d) => void d.accept());
    await fay.getByRole("button", { name: "Close the meeting" }).click();
    await expect(fay.getByText("This meeting is closed.")).toBeVisible();
    const md = await fay.request.get(`${meetingUrl}/minutes.md`);
    expect(md.status()).toBe(200);
    const text = await md.text();
    // Filed under the day it was held, not the day it was planned for.
    const today = new Date().toISOString().slice(0, 10);
    expect(md.headers()["content-disposition"]).toContain(`filename="minutes-${today}-october-general-meeting.md"`);
    expect(text).toContain("# Minutes: October general meeting");
    expect(text).toMatch(/Proposal #1 "Fix the front door lock", round 1: Passed\./);
    expect(text).toContain("- Mo");
    await fay.goto(`${meetingUrl}/minutes`);
    await expect(fay.locator(".decision")).toContainText("Passed");
    await expectNoSeriousA11yViolations(fay);

    // A calendar app subscribes without logging in.
    const calendarApp = await live.browser.newContext();
    const feed = await calendarApp.request.get(calendarUrl);
    expect(feed.status()).toBe(200);
    expect(feed.headers()["content-type"]).toMatch(/^text\/calendar/);
    const ics = await feed.text();
    expect(ics).toContain("SUMMARY:Oak Street Tenants: October general meeting");
    // The calendar shows when it was held: today, not its planned day.
    expect(ics).toContain(`DTSTART:${today.replace(/-/g, "")}T`);
    await calendarApp.close();

    // The decision record has the meeting.
    await fay.goto(`${live.app.url}/a/oak/record`);
    await expect(fay.getByText(/Meeting "October general meeting" closed: 3 attended, decisions taken: 1/)).toBeVisible();
  });
});
