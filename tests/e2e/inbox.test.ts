/**
 * "Needs you" in a real browser: a member logs in fresh, the home page leads with the open
 * vote and its deadline, one tap reaches the ballot, the ballot is cast and the item is gone
 * (the header's count with it). Search finds the member's comment and never another body's. Screenshots of the home page at 360×740 and 1280×800 go to
 * SHOTS_DIR (or a temporary folder, printed).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { expectNoSeriousA11yViolations, fillSignup, foundAssemblyViaUi, hydrated, invitationLinkViaUi, liveApp, logInViaUi, newContext, signUpViaUi } from "../helpers/browser";

const live = liveApp();
const shots = process.env.SHOTS_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "plenary-shots-"));

describe("needs you", () => {
  it("a member logs in fresh: the open vote leads the home page, one tap reaches the ballot, and once cast the item is gone", async () => {
    fs.mkdirSync(shots, { recursive: true });
    const rosaCtx = await newContext(live.browser);
    const rosa = await rosaCtx.newPage();
    await signUpViaUi(rosa, live.app.url, { username: "rosa", displayName: "Rosa" });
    await foundAssemblyViaUi(rosa, live.app.url, { name: "Maple Housing Co-op", slug: "maple" });
    const link = await invitationLinkViaUi(rosa, live.app.url, "maple");

    // Ben joins through the link, then leaves.
    const joinCtx = await newContext(live.browser, { phone: true });
    const joining = await joinCtx.newPage();
    await joining.goto(link);
    await fillSignup(joining, { username: "ben", displayName: "Ben" });
    await joining.getByRole("button", { name: "Create account and join" }).click();
    await joining.waitForURL("**/a/maple?joined=1");
    await expect(joining.getByText("Nothing needs you right now.")).toBeVisible();
    await joinCtx.close();

    // Rosa writes a proposal and opens a two-day vote; a meeting is called for the coming days.
    await rosa.goto(`${live.app.url}/a/maple/proposals/new`);
    await rosa.getByLabel("Title").fill("Paint the stairwell");
    await rosa.getByLabel("Text of the proposal").fill("We paint the stairwell green in May.");
    await rosa.getByRole("button", { name: "Create the proposal" }).click();
    await rosa.waitForURL((u) => /^\/a\/maple\/proposals\/[A-Za-z0-9_-]+$/.test(u.pathname) && !u.pathname.endsWith("/new"));
    const proposalUrl = rosa.url();
    await rosa.getByLabel("Open for (days)").fill("2");
    await rosa.getByRole("button", { name: "Open a voting round" }).click();
    await expect(rosa.getByRole("heading", { name: "Round 1 is open" })).toBeVisible();

    // Ben logs in on his phone, fresh: the vote is the first thing he sees.
    const benCtx = await newContext(live.browser, { phone: true });
    const ben = await benCtx.newPage();
    await logInViaUi(ben, live.app.url, "ben");
    await ben.goto(live.app.url);
    await hydrated(ben);
    await expect(ben.getByRole("heading", { level: 1 })).toContainText("Needs you");
    const item = ben.locator(".need").first();
    await expect(item).toContainText("#1 Paint the stairwell");
    await expect(item).toContainText("Closes");
    await expect(ben.locator(".site-header .needs-link")).toContainText("1");
    await expect(ben.locator(".site-header .needs-link")).toContainText("1 thing needs you");
    await expectNoSeriousA11yViolations(ben);
    await ben.screenshot({ path: path.join(shots, "home-360x740.png") });

    const wideCtx = await newContext(live.browser);
    const wide = await wideCtx.newPage();
    await logInViaUi(wide, live.app.url, "ben");
    await wide.goto(live.app.url);
    await expect(wide.locator(".need").first()).toContainText("Paint the stairwell");
    await wide.screenshot({ path: path.join(shots, "home-1280x800.png") });
    await wideCtx.close();

    // One tap: the ballot.
    await item.getByRole("link", { name: "Vote now" }).click();
    await ben.waitForURL((u) => u.href.startsWith(proposalUrl));
    await ben.getByRole("radio", { name: "Agree", exact: true }).check();
    await ben.getByRole("button", { name: "Cast my ballot" }).click();
    await expect(ben.getByText("Your ballot was counted.")).toBeVisible();

    // Done: the item and the count are gone.
    await ben.goto(live.app.url);
    await expect(ben.getByText("Nothing needs you right now.")).toBeVisible();
    await expect(ben.locator(".site-header .needs-link .count-badge")).toHaveCount(0);
    // The proposal list says he voted.
    await ben.goto(`${live.app.url}/a/maple/proposals?sort=deadline`);
    await expect(ben.locator(".proposal-list li.voting")).toContainText("You voted");
    await expectNoSeriousA11yViolations(ben);
    console.log(`screenshots: ${shots}`);

    // Search: Ben comments; Rosa's other assembly, which Ben is not in, has the same word.
    await ben.goto(proposalUrl);
    await ben.getByLabel("Add a comment").fill("The ladder is in the cellar, behind the boiler.");
    await ben.getByRole("button", { name: "Comment", exact: true }).click();
    await expect(ben.locator(".comment").first()).toContainText("behind the boiler");
    await foundAssemblyViaUi(rosa, live.app.url, { name: "Oak Street Tenants", slug: "oak" });
    await rosa.goto(`${live.app.url}/a/oak/proposals/new`);
    await rosa.getByLabel("Title").fill("Cellar keys");
    await rosa.getByLabel("Text of the proposal").fill("Who keeps the cellar keys.");
    await rosa.getByRole("button", { name: "Create the proposal" }).click();
    await rosa.waitForURL((u) => /^\/a\/oak\/proposals\/[A-Za-z0-9_-]+$/.test(u.pathname) && !u.pathname.endsWith("/new"));

    await ben.getByRole("link", { name: "Search" }).click();
    await ben.getByLabel("Words to find").fill("celler cellar");
    await ben.getByRole("button", { name: "Search" }).click();
    await ben.waitForURL("**/search?q=*");
    const hits = ben.locator(".search-hit");
    await expect(hits).toHaveCount(1);
    await expect(hits.first()).toContainText("Comment");
    await expect(hits.first()).toContainText("#1 Paint the stairwell");
    await expect(hits.first().locator("mark")).toHaveText("cellar");
    await expect(ben.locator("main")).not.toContainText("Oak Street");
    await expectNoSeriousA11yViolations(ben);
    await ben.screenshot({ path: path.join(shots, "search-360x740.png") });
    await hits.first().getByRole("link").click();
    await ben.waitForURL((u) => u.hash.startsWith("#c-"));

    // Email is optional: the account page takes an address and the opt-in (this server has no SMTP).
    await ben.goto(`${live.app.url}/account`);
    await expect(ben.getByText("This server does not send email")).toBeVisible();
    await ben.getByLabel("Email address (optional)").fill("ben@example.org");
    await ben.getByLabel(/Email me when a vote opens/).check();
    await ben.getByRole("button", { name: "Save email settings" }).click();
    await expect(ben.getByText("Email settings saved.")).toBeVisible();
    await expectNoSeriousA11yViolations(ben);
  });
});
