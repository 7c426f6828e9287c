/**
 * The decisions journey (docs/domain.md#rounds), in a real browser against the production build:
 * propose → amend → open round → three members vote, one blocks with a reason → blocked
 * and tabled → the fallback round passes at 3/4 → the decision record shows both rounds.
 * One member votes from a phone with JavaScript off: every form works without it.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { expectNoSeriousA11yViolations, fillSignup, foundAssemblyViaUi, hydrated, invitationLinkViaUi, liveApp, newContext, signUpViaUi } from "../helpers/browser";

const live = liveApp();

async function join(link: string, p: { username: string; displayName: string }, opts: { javaScriptEnabled: boolean }) {
  const ctx = await newContext(live.browser, { javaScriptEnabled: opts.javaScriptEnabled, phone: true });
  const page = await ctx.newPage();
  await page.goto(link);
  await fillSignup(page, p);
  await page.getByRole("button", { name: "Create account and join" }).click();
  await page.waitForURL("**/a/maple?joined=1");
  return page;
}

async function vote(page: Page, proposalUrl: string, choice: RegExp | string, extra?: { label: string; text: string }) {
  await page.goto(proposalUrl);
  await page.getByRole("radio", { name: choice, exact: typeof choice === "string" }).check();
  if (extra) await page.getByLabel(extra.label).fill(extra.text);
  await page.getByRole("button", { name: /Cast my ballot|Change my ballot/ }).click();
}

describe("deciding a proposal", () => {
  it("propose → amend → block → tabled → fallback passes at 3/4 → both rounds in the decision record", async () => {
    // The founder: facilitator and steward, on a laptop.
    const founderCtx = await newContext(live.browser);
    const founder = await founderCtx.newPage();
    await signUpViaUi(founder, live.app.url, { username: "rosa", displayName: "Rosa" });
    // The first preset: modified consensus, falling back to 3/4 after a tabled round.
    await foundAssemblyViaUi(founder, live.app.url, { name: "Maple Housing Co-op", slug: "maple" });
    const link = await invitationLinkViaUi(founder, live.app.url, "maple");

    const ben = await join(link, { username: "ben", displayName: "Ben" }, { javaScriptEnabled: true });
    const chloe = await join(link, { username: "chloe", displayName: "Chloe" }, { javaScriptEnabled: true });
    // Dev votes from a phone with JavaScript off.
    const dev = await join(link, { username: "dev", displayName: "Dev" }, { javaScriptEnabled: false });

    // Ben writes a proposal.
    await ben.goto(`${live.app.url}/a/maple/proposals`);
    await hydrated(ben);
    await expectNoSeriousA11yViolations(ben);
    await ben.getByRole("link", { name: "New proposal" }).click();
    await ben.getByLabel("Title").fill("Paint the stairwell");
    await ben.getByLabel("Text of the proposal").fill("We paint the stairwell **green** in May.\n\nThe co-op pays for the paint.");
    await expectNoSeriousA11yViolations(ben);
    await ben.getByRole("button", { name: "Create the proposal" }).click();
    await ben.waitForURL((u) => /^\/a\/maple\/proposals\/[A-Za-z0-9_-]+$/.test(u.pathname) && !u.pathname.endsWith("/new"));
    const proposalUrl = ben.url();
    await expect(ben.getByRole("heading", { level: 1 })).toHaveText("#1 Paint the stairwell");
    await expect(ben.locator(".proposal-body strong")).toHaveText("green");
    await expectNoSeriousA11yViolations(ben);

    // Chloe proposes an amendment, without JavaScript-free shortcuts: the real form.
    await chloe.goto(proposalUrl);
    await chloe.getByText("Propose an amendment").click();
    await chloe.getByLabel("Amended text").fill("We paint the stairwell **green** in June.\n\nThe co-op pays for the paint.");
    await chloe.getByLabel("Why (optional)").fill("May is too busy.");
    await chloe.getByRole("button", { name: "Send the amendment" }).click();
    await expect(chloe.getByText("Your amendment was sent to the author.")).toBeVisible();

    // Ben accepts it: revision 2, and the revisions can be compared.
    await ben.goto(proposalUrl);
    await expect(ben.getByText("From Chloe, on revision 1")).toBeVisible();
    await ben.getByRole("button", { name: "Accept" }).click();
    await expect(ben.getByText("Amendment accepted: it is now the current revision.")).toBeVisible();
    await expect(ben.locator(".proposal-body")).toContainText("in June");
    await ben.getByRole("link", { name: "Compare revisions (2)" }).click();
    await expect(ben.getByRole("heading", { name: "Changes from revision 1 to revision 2" })).toBeVisible();
    // Word by word: only "May" and "June" are marked, not the sentence around them.
    await expect(ben.locator(".diff pre del")).toHaveText("[Removed: May]");
    await expect(ben.locator(".diff pre ins")).toHaveText("[Added: June]");
    await expectNoSeriousA11yViolations(ben);

    // Rosa, the facilitator, opens round 1.
    await founder.goto(proposalUrl);
    await founder.getByLabel("Open for (days)").fill("2");
    await founder.getByRole("button", { name: "Open a voting round" }).click();
    await expect(founder.getByRole("heading", { name: "Round 1 is open" })).toBeVisible();
    await expectNoSeriousA11yViolations(founder);

    // Three members vote; Dev blocks — first without a reason, which is refused.
    await vote(ben, proposalUrl, "Agree");
    await expect(ben.getByText("Your ballot was counted.")).toBeVisible();
    await vote(chloe, proposalUrl, "Agree with a concern", { label: "Your concern", text: "Choose a light green." });
    await expect(chloe.getByText("Your ballot was counted.")).toBeVisible();
    await vote(dev, proposalUrl, "Block");
    await expect(dev.getByText("A block needs a stated reason.")).toBeVisible();
    await dev.getByLabel("Reason for blocking").fill("Fumes: two of us have asthma.");
    await dev.getByRole("button", { name: "Cast my ballot" }).click();
    await expect(dev.getByText("Your ballot was counted.")).toBeVisible();

    // Rosa closes it: blocked and tabled, and the page says what the next round needs.
    await founder.goto(proposalUrl);
    await expect(founder.getByText("3 of 4 who can vote")).toBeVisible();
    await founder.getByRole("button", { name: "Close the round now and decide" }).click();
    await expect(founder.getByText("The round is closed and decided.")).toBeVisible();
    await expect(founder.locator("#round-1 .explanation")).toContainText("Blocked by 1 member (reason recorded). Tabled: the next round decides by at least 3/4 of votes cast.");
    await expect(founder.locator(".proposal-meta")).toContainText("Tabled");
    await expect(founder.getByText("Round 1 was blocked, so this proposal is tabled. The next round decides by at least 3/4 of votes cast.")).toBeVisible();
    await expectNoSeriousA11yViolations(founder);

    // The fallback round: members see the rule before anyone votes.
    await founder.getByRole("button", { name: "Open the fallback round" }).click();
    await expect(founder.getByRole("heading", { name: "Round 2 is open" })).toBeVisible();
    await dev.goto(proposalUrl);
    await expect(dev.getByText("This round decides by at least 3/4 of votes cast because round 1 was blocked.")).toBeVisible();
    await vote(dev, proposalUrl, "No");
    await expect(dev.getByText("Your ballot was counted.")).toBeVisible();
    await vote(ben, proposalUrl, "Yes");
    await vote(chloe, proposalUrl, "Yes");
    await vote(founder, proposalUrl, "Yes");
    await expect(founder.getByText("Your ballot was counted.")).toBeVisible();
    // Chloe changes her mind and back again: still one ballot each.
    await vote(chloe, proposalUrl, "Abstain");
    await expect(chloe.getByText("Your ballot was changed.")).toBeVisible();
    await vote(chloe, proposalUrl, "Yes");
    await founder.goto(proposalUrl);
    await expect(founder.getByText("4 of 4 who can vote")).toBeVisible();
    await founder.getByRole("button", { name: "Close the round now and decide" }).click();
    await expect(founder.locator("#round-2 .explanation")).toContainText("Fallback round. Passed: 3 yes of 4 votes cast = 75% ≥ 3/4 (abstentions excluded). Quorum met: 4 of 4 members voted.");
    await expect(founder.locator(".proposal-meta")).toContainText("Passed");

    // The decision record: both rounds, newest first, with their explanations and links.
    await dev.goto(`${live.app.url}/a/maple/record`);
    await expect(dev.getByText("The chain is intact: 3 entries checked.")).toBeVisible();
    const entries = dev.locator(".record-entry");
    await expect(entries).toHaveCount(3);
    await expect(entries.nth(0)).toContainText('Proposal #1 "Paint the stairwell" passed in round 2');
    await expect(entries.nth(0)).toContainText("Fallback round. Passed: 3 yes of 4 votes cast = 75% ≥ 3/4");
    await expect(entries.nth(1)).toContainText('Proposal #1 "Paint the stairwell" was blocked in round 1 and tabled');
    await expect(entries.nth(1)).toContainText("Blocked by 1 member (reason recorded).");
    await dev.getByRole("link", { name: "Proposal #1: Paint the stairwell" }).first().click();
    await expect(dev.getByRole("heading", { level: 1 })).toHaveText("#1 Paint the stairwell");
    await ben.goto(`${live.app.url}/a/maple/record`);
    await hydrated(ben);
    await expectNoSeriousA11yViolations(ben);

    await founderCtx.close();
    for (const p of [ben, chloe, dev]) await p.context().close();
  });
});
