/**
 * The mutual-aid journey (docs/domain.md#mutual-aid), in a real browser against the production
 * build, on phones without JavaScript where a member would be: a member asks for childcare
 * anonymously; the coordinator matches a volunteer; the two see each other's contact only after
 * the match is accepted; it is marked done; the aid report goes on the next meeting's agenda.
 * Then a request passed to the council is met by another assembly. Screenshots of the overview,
 * a request, a match and the council's shared needs, at 360×740 and 1280×800.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { expectNoSeriousA11yViolations, prepareDatabase, launchBrowser, signedInContext, startApp, type App } from "../helpers/browser";
import { root } from "../helpers/build";
import type { AidPerson, AidWorld } from "../helpers/aid-setup";

let app: App;
let browser: Browser;
let w: AidWorld;
const shots = path.join(root, ".cache", "screenshots", "aid");

beforeAll(async () => {
  const prepared = await prepareDatabase<AidWorld>("aid-setup");
  w = prepared.world;
  app = await startApp({}, prepared.dbPath);
  browser = await launchBrowser();
  fs.mkdirSync(shots, { recursive: true });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/**
 * Clicks a form's button and waits until the server has answered its post, so the next page
 * another person opens reads what was written (the click alone returns before the answer).
 */
async function posted(page: Page, click: () => Promise<void>) {
  await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), click()]);
}

async function as(p: AidPerson, opts: { phone?: boolean; javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const ctx = await signedInContext(browser, app, p.session, { javaScriptEnabled: opts.javaScriptEnabled ?? false, viewport: opts.phone === false ? { width: 1280, height: 800 } : { width: 360, height: 740 } });
  return ctx.newPage();
}

/** The page at both sizes, for the note; and no horizontal scrolling on the phone. */
async function screenshot(p: AidPerson, url: string, name: string) {
  for (const [label, phone] of [["360", true], ["1280", false]] as const) {
    const page = await as(p, { phone, javaScriptEnabled: true });
    await page.goto(url);
    if (phone) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: path.join(shots, `${name}-${label}.png`), fullPage: false });
    await page.context().close();
  }
}

describe("mutual aid in the browser", () => {
  it("an anonymous childcare request is matched by a coordinator, contacts appear only after acceptance, it is done, and the aid report reaches the next meeting's agenda", async () => {
    const base = `${app.url}/a/${w.elm}/aid`;
    // The member asks, on a phone without JavaScript.
    const lucia = await as(w.requester);
    await lucia.goto(`${base}/ask`);
    await lucia.getByLabel("Category").selectOption({ label: "Childcare" });
    await lucia.getByLabel("What do you need?").fill("Someone to collect my two kids from school on Tuesdays");
    await lucia.getByLabel("How much").fill("2 children, 15:30–17:30");
    await lucia.getByLabel("Urgency").selectOption("urgent");
    await lucia.getByLabel("Zone").selectOption({ label: "22–40 Elm Street" });
    await lucia.getByLabel("Anonymous to everyone but the aid coordinators").check();
    await lucia.getByRole("button", { name: "Post the request" }).click();
    await expect(lucia.getByText("Your request is posted.")).toBeVisible();
    const requestUrl = lucia.url().split("?")[0];

    // The volunteer sees the request without a name.
    const sam = await as(w.volunteer);
    await sam.goto(base);
    await expect(sam.getByRole("link", { name: "Someone to collect my two kids from school on Tuesdays" })).toBeVisible();
    await expect(sam.getByText("Lucía")).toHaveCount(0);

    // The coordinator sees the name and matches the volunteer.
    const grace = await as(w.coordA, { phone: false, javaScriptEnabled: true });
    await grace.goto(requestUrl);
    await expect(grace.getByText(w.requester.name)).toBeVisible();
    await grace.getByLabel("Volunteer").selectOption({ label: `${w.volunteer.name} (@${w.volunteer.username})` });
    await grace.getByRole("button", { name: "Propose the match" }).click();
    await expect(grace.getByText("Match proposed.")).toBeVisible();
    const matchUrl = grace.url().split("?")[0];
    await screenshot(w.coordA, `${base}`, "overview");
    await screenshot(w.coordA, requestUrl, "request");

    // The volunteer sets a contact; before acceptance neither sees the other's.
    await sam.goto(matchUrl);
    await sam.getByLabel("Your contact for the other person").fill("Sam: 555-0172");
    await sam.getByRole("button", { name: "Save contact" }).click();
    await expect(sam.getByText("You will see each other's contact once the match is accepted.")).toBeVisible();
    await lucia.goto(matchUrl);
    await expect(lucia.getByText("Sam: 555-0172")).toHaveCount(0);
    // The requester accepts with her contact; now both see each other's.
    await lucia.getByLabel("Your contact for the other person").fill("Lucía: 555-0404, ring 3B");
    await lucia.getByRole("button", { name: "Save contact" }).click();
    await expect(lucia.getByText("Sam: 555-0172")).toHaveCount(0);
    await lucia.getByRole("button", { name: "Accept the match" }).click();
    await expect(lucia.getByText("Sam: 555-0172")).toBeVisible();
    await sam.goto(matchUrl);
    await expect(sam.getByText("Lucía: 555-0404, ring 3B")).toBeVisible();
    await sam.getByLabel("Message", { exact: true }).fill("I can start this Tuesday.");
    await sam.getByRole("button", { name: "Send", exact: true }).click();
    await expect(sam.getByText("I can start this Tuesday.")).toBeVisible();
    // The coordinator sees the match, not the contacts.
    await grace.goto(matchUrl);
    await expect(grace.getByText("555-0")).toHaveCount(0);
    await screenshot(w.requester, matchUrl, "match");
    await expectNoSeriousA11yViolations(grace);

    // Done.
    await sam.getByLabel("It ended", { exact: true }).selectOption("done");
    await sam.getByLabel("Private note", { exact: true }).fill("All good.");
    await sam.getByRole("button", { name: "Save", exact: true }).click();
    await expect(sam.getByText("Marked as done. Thank you!")).toBeVisible();

    // The aid report goes on the next meeting's agenda, generated.
    await grace.goto(base);
    await grace.getByRole("button", { name: "Put the aid report on the next meeting's agenda" }).click();
    await grace.waitForURL(`**/meetings/${w.meetingId}`);
    await expect(grace.getByText("Aid report").first()).toBeVisible();
    await expect(grace.getByText("Childcare: 1 met, 0 not met")).toBeVisible();
  }, 240_000);

  it("a request passed to the council is met by another assembly", async () => {
    const base = `${app.url}/a/${w.elm}/aid`;
    const lucia = await as(w.requester);
    await lucia.goto(`${base}/ask`);
    await lucia.getByLabel("Category").selectOption({ label: "Housing and shelter" });
    await lucia.getByLabel("What do you need?").fill("A room for a family of three for two weeks");
    await lucia.getByLabel("Details").fill("Our flat at 31 Elm Street is being repaired");
    await lucia.getByRole("button", { name: "Post the request" }).click();
    const requestUrl = lucia.url().split("?")[0];

    const grace = await as(w.coordA, { phone: false, javaScriptEnabled: true });
    await grace.goto(requestUrl);
    await grace.getByLabel("Council", { exact: true }).selectOption({ label: "Northside Council" });
    await grace.getByRole("button", { name: "Pass it on" }).click();
    await expect(grace.getByText("Passed to the council.")).toBeVisible();

    // The council's page shows the need, zone and need only.
    const ines = await as(w.steward, { phone: false });
    await ines.goto(`${app.url}/a/${w.council}/shared-aid`);
    await expect(ines.getByText("A room for a family of three for two weeks")).toBeVisible();
    await expect(ines.getByText("31 Elm Street")).toHaveCount(0);
    await expect(ines.getByText(w.requester.name)).toHaveCount(0);
    await screenshot(w.steward, `${app.url}/a/${w.council}/shared-aid`, "council-shared-needs");

    // Riverside's coordinator offers to meet it.
    const amara = await as(w.coordB);
    await amara.goto(`${app.url}/a/${w.river}/aid/council`);
    await amara.getByLabel("What we can do (optional)").fill("Spare room in our co-op house");
    await amara.getByLabel("Your contact as coordinator").fill("Amara: 555-0199");
    await amara.getByRole("button", { name: "We can meet this" }).click();
    await expect(amara.getByText("Your offer was sent to their coordinators.")).toBeVisible();

    // Elm's coordinator accepts: the two coordinators see each other's contact.
    await grace.goto(requestUrl);
    await grace.getByLabel("Your contact as coordinator").fill("Grace: 555-0111");
    await grace.getByRole("button", { name: "Accept their offer" }).click();
    await expect(grace.getByText("Amara: 555-0199")).toBeVisible();
    await amara.goto(`${app.url}/a/${w.river}/aid/council`);
    await expect(amara.getByText("Grace: 555-0111")).toBeVisible();
    // Both agree to connect the two people.
    await amara.getByLabel("Our member who will meet it").selectOption({ label: w.helper.name });
    await amara.getByLabel("Their contact, to pass on").fill("Hana: 555-0123");
    await posted(amara, () => amara.getByRole("button", { name: "Agree to connect the two people" }).click());
    await lucia.goto(requestUrl);
    await expect(lucia.getByText("Hana: 555-0123")).toHaveCount(0);
    await grace.goto(requestUrl);
    await grace.getByLabel("The person's contact, to pass on").fill("Lucía: 555-0404");
    await posted(grace, () => grace.getByRole("button", { name: "Agree to connect the two people" }).click());
    await lucia.goto(requestUrl);
    await expect(lucia.getByText("Hana: 555-0123")).toBeVisible();
    const hana = await as(w.helper);
    await hana.goto(`${app.url}/a/${w.river}/aid`);
    await expect(hana.getByText("Lucía: 555-0404")).toBeVisible();
    // Met.
    await grace.goto(requestUrl);
    await grace.getByRole("button", { name: "Mark as met" }).click();
    await expect(grace.getByText("Marked as met.")).toBeVisible();
  }, 240_000);
});
