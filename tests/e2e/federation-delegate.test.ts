/**
 * Federation a delegate can follow, in a real browser against the production build:
 * - a new delegate, from their election to their first council vote against their mandate,
 *   using only links and buttons they see (each click counted per step of their month);
 * - a council founder, from founding to a ratified decision, under each order of council vote
 *   and ratification the charter offers: the council votes first, or straight to the assemblies.
 * Screenshots of the council proposal page with its ratification and of the delegate's ballot,
 * at 360×740 and 1280×800, go to SHOTS_DIR when it is set.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { expectNoSeriousA11yViolations, foundAssemblyViaUi, hydrated, invitationLinkViaUi, liveApp } from "../helpers/browser";
import { closeRound, isProposalUrl, openRound, people, rank, vote } from "../helpers/journey";

const live = liveApp();
const { person, joinByLink } = people(live);
const SHOTS = process.env.SHOTS_DIR ?? "";

async function shot(page: Page, name: string, target?: Locator) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const [w, h] of [
    [360, 740],
    [1280, 800],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    if (target) await target.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, `${name}-${w}x${h}.png`) });
  }
}

/** Founds a council through the form, with one seat per member assembly and the given order. */
async function foundCouncil(page: Page, name: string, slug: string, order: string) {
  await page.goto(`${live.app.url}/councils/new`);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Short name for its web address").fill(slug);
  await page.getByLabel("Simple majority").check();
  await page.getByLabel("Seats per member assembly").fill("1");
  await page.getByLabel(order).check();
  await page.getByRole("button", { name: "Found the council" }).click();
  await page.waitForURL(`**/a/${slug}/council?founded=1`);
}

/** An assembly's steward elects one of its members to its vacant seat, through the pages. */
async function electDelegate(steward: Page, bodySlug: string, councilName: string, candidate: { page: Page; name: string }, voters: Page[]) {
  await steward.goto(`${live.app.url}/a/${bodySlug}/councils`);
  await steward.getByRole("link", { name: councilName }).click();
  await steward.getByRole("button", { name: "Start an election (1 vacant seat)" }).click();
  await steward.waitForURL((u) => /\/delegates\/elections\//.test(u.pathname));
  const election = steward.url();
  await candidate.page.goto(election);
  await candidate.page.getByRole("button", { name: "Nominate" }).click();
  await candidate.page.getByRole("link", { name: "Go to the ballot" }).click();
  await candidate.page.waitForURL(isProposalUrl);
  const ballot = candidate.page.url();
  await openRound(steward, ballot);
  for (const v of voters) await rank(v, ballot, candidate.name);
  await closeRound(steward, ballot);
}

describe("a new delegate's month", () => {
  it("from their election to their first council vote against their mandate, by the links they see", async () => {
    const clicks: Record<string, number> = {};
    let step = "";
    // Every click the delegate makes is counted against the step of their month.
    const click = async (l: Locator) => {
      clicks[step] = (clicks[step] ?? 0) + 1;
      await l.click();
    };

    const cora = await person("cora");
    await foundCouncil(cora, "Lake Council", "lake", "The council decides; a facilitator may send a proposal to the member assemblies instead");

    const ana = await person("ana");
    await foundAssemblyViaUi(ana, live.app.url, { name: "Pine Tenants", slug: "pine", preset: "Simple majority" });
    const link = await invitationLinkViaUi(ana, live.app.url, "pine");
    const dan = await joinByLink(link, "dan", "pine");
    const eve = await joinByLink(link, "eve", "pine");

    // Pine finds Lake Council in the directory and decides to join; Cora accepts on the council's overview.
    await ana.goto(`${live.app.url}/a/pine/councils`);
    await ana.getByRole("button", { name: "Propose joining Lake Council" }).click();
    await ana.waitForURL(isProposalUrl);
    const join = ana.url();
    await openRound(ana, join);
    await vote(ana, join, "Yes");
    await vote(eve, join, "Yes");
    await closeRound(ana, join);
    await cora.goto(`${live.app.url}/a/lake`);
    await cora.getByRole("button", { name: "Accept Pine Tenants" }).click();
    await expect(cora.getByText("The assembly is now a member of the council.")).toBeVisible();

    // Ana starts the election and nominates Dan.
    await ana.goto(`${live.app.url}/a/pine/councils`);
    await ana.getByRole("link", { name: "Lake Council" }).click();
    await ana.getByRole("button", { name: "Start an election (1 vacant seat)" }).click();
    await ana.waitForURL((u) => /\/delegates\/elections\//.test(u.pathname));
    const election = ana.url();
    await ana.getByLabel("Nominate a member").selectOption({ label: "Dan" });
    await ana.getByRole("button", { name: "Nominate" }).click();
    await expect(ana.getByText("Nominated. They become a candidate when they accept.")).toBeVisible();

    // 1. Dan is told on his assembly's overview, and accepts there.
    step = "1. told of the nomination, accepts";
    await dan.goto(`${live.app.url}/a/pine`);
    await expect(dan.getByText("Ana nominated you as a delegate to Lake Council.", { exact: false })).toBeVisible();
    await click(dan.getByRole("button", { name: "Accept the nomination" }));
    await expect(dan.getByText("You accepted: you are a candidate.")).toBeVisible();

    // The assembly votes.
    await ana.goto(election);
    await ana.getByRole("link", { name: "Go to the ballot" }).click();
    await ana.waitForURL(isProposalUrl);
    const ballot = ana.url();
    await openRound(ana, ballot);
    await rank(ana, ballot, "Dan");
    await rank(eve, ballot, "Dan");
    await closeRound(ana, ballot);

    // 2. Dan finds his council from home.
    step = "2. finds the council from home";
    await dan.goto(`${live.app.url}/a/pine`);
    await expect(dan.getByText("You are our delegate to Lake Council", { exact: false })).toBeVisible();
    await click(dan.getByRole("link", { name: "Open Lake Council" }));
    await dan.waitForURL((u) => u.pathname === "/a/lake");

    // 3. Dan proposes in the council: the Proposals tab says he may, and shows the button.
    step = "3. proposes in the council";
    await click(dan.getByRole("link", { name: "Proposals" }).first());
    await expect(dan.getByText("you hold a seat, so you may propose", { exact: false })).toBeVisible();
    await click(dan.getByRole("link", { name: "New proposal" }));
    await dan.getByLabel("Title").fill("Shared van");
    await dan.getByLabel("Text of the proposal").fill("The member assemblies buy a van together.");
    await click(dan.getByRole("button", { name: "Create the proposal" }));
    await dan.waitForURL(isProposalUrl);
    const councilProposal = dan.url();
    // Cora, an observer, is told she cannot propose and sees no button.
    await cora.goto(`${live.app.url}/a/lake/proposals`);
    await expect(cora.getByText("You observe", { exact: false })).toBeVisible();
    await expect(cora.getByRole("link", { name: "New proposal" })).toHaveCount(0);

    // Pine mandates "oppose" (Eve proposes it), by its own vote.
    await eve.goto(`${live.app.url}/a/pine/councils`);
    await eve.getByRole("link", { name: "Lake Council" }).click();
    await eve.getByRole("link", { name: "Decide a mandate" }).click();
    await eve.getByLabel("Our delegates must").selectOption("oppose");
    await eve.getByLabel("Instructions").fill("Not before our repair fund is full.");
    await eve.getByRole("button", { name: "Propose this mandate" }).click();
    await eve.waitForURL(isProposalUrl);
    const mandate = eve.url();
    await openRound(ana, mandate);
    await vote(ana, mandate, "Yes");
    await vote(eve, mandate, "Yes");
    await closeRound(ana, mandate);
    await openRound(cora, councilProposal);

    // 4. Dan learns the mandate at home and votes against it, with his reason, on the council proposal's page.
    step = "4. learns the mandate, votes against it with a reason";
    await dan.goto(`${live.app.url}/a/pine`);
    await hydrated(dan);
    await expect(dan.locator(".for-you")).toContainText('We set your mandate on Lake Council proposal #1 "Shared van"');
    await click(dan.getByRole("link", { name: "See it and vote" }));
    await dan.waitForURL((u) => u.pathname === new URL(councilProposal).pathname);
    await hydrated(dan);
    await expect(dan.getByText("Your mandate from Pine Tenants:", { exact: false })).toBeVisible();
    await expect(dan.locator("table.mandate-panel")).toContainText("oppose · binding");
    // The reason box appears exactly when his choice departs from the mandate.
    await click(dan.getByRole("radio", { name: "No", exact: true }));
    await expect(dan.getByLabel("Your reason for voting against your mandate")).toHaveCount(0);
    await click(dan.getByRole("radio", { name: "Yes", exact: true }));
    await expect(dan.getByLabel("Your reason for voting against your mandate")).toBeVisible();
    await dan.getByLabel("Your reason for voting against your mandate").fill("The van also serves our repair work.");
    await expectNoSeriousA11yViolations(dan);
    await shot(dan, "delegate-ballot", dan.locator(".mandate-notice"));
    await dan.setViewportSize({ width: 360, height: 740 });
    await click(dan.getByRole("button", { name: "Cast my ballot" }));
    await expect(dan.getByText("Your ballot was counted.")).toBeVisible();
    await expect(dan.locator("table.mandate-panel")).toContainText("Against the mandate");
    await expect(dan.locator("table.mandate-panel")).toContainText("The van also serves our repair work.");

    // The flag reaches home.
    await ana.goto(`${live.app.url}/a/pine`);
    await expect(ana.locator(".federation-overview")).toContainText("The van also serves our repair work.");

    console.log(`delegate clicks per step: ${JSON.stringify(clicks)}`);
    expect(clicks).toEqual({
      "1. told of the nomination, accepts": 1,
      "2. finds the council from home": 1,
      "3. proposes in the council": 3,
      "4. learns the mandate, votes against it with a reason": 4,
    });
  });
});

describe("a council founder's decision, under each order of council vote and ratification", () => {
  it("the council votes first, then the assemblies ratify; and straight to the assemblies", async () => {
    const cleo = await person("cleo");
    await foundCouncil(cleo, "Bay Council", "bay", "The council votes first; what it passes takes effect only once the member assemblies ratify it");
    await foundCouncil(cleo, "Cove Council", "cove", "Straight to the member assemblies: the council does not vote on its proposals");
    await expect(cleo.getByText("Straight to the member assemblies", { exact: false }).first()).toBeVisible();

    // The founder hands out each council's invitation link from its overview.
    await cleo.goto(`${live.app.url}/a/bay`);
    const bayInvite = await cleo.getByLabel("Invitation link for assemblies").inputValue();
    await cleo.goto(`${live.app.url}/a/cove`);
    const coveInvite = await cleo.getByLabel("Invitation link for assemblies").inputValue();

    const bea = await person("bea");
    await foundAssemblyViaUi(bea, live.app.url, { name: "Elm Co-op", slug: "elm", preset: "Simple majority" });
    for (const [invite, slug, name] of [
      [bayInvite, "bay", "Bay Council"],
      [coveInvite, "cove", "Cove Council"],
    ] as const) {
      await bea.goto(invite);
      await bea.getByRole("button", { name: "Propose that Elm Co-op join" }).click();
      await bea.waitForURL(isProposalUrl);
      const join = bea.url();
      await openRound(bea, join);
      await vote(bea, join, "Yes");
      await closeRound(bea, join);
      await cleo.goto(`${live.app.url}/a/${slug}`);
      await cleo.getByRole("button", { name: "Accept Elm Co-op" }).click();
      await expect(cleo.getByText("The assembly is now a member of the council.")).toBeVisible();
      await electDelegate(bea, "elm", name, { page: bea, name: "Bea" }, [bea]);
    }

    // Bay: the council votes; what it passes goes to Elm, and takes effect once ratified.
    await bea.goto(`${live.app.url}/a/bay/proposals/new`);
    await bea.getByLabel("Title").fill("Joint bulk buying");
    await bea.getByLabel("Text of the proposal").fill("Member assemblies order flour together.");
    await bea.getByRole("button", { name: "Create the proposal" }).click();
    await bea.waitForURL(isProposalUrl);
    const bayProposal = bea.url();
    await expect(bea.getByText("the council votes first", { exact: false })).toBeVisible();
    await openRound(cleo, bayProposal);
    await vote(bea, bayProposal, "Yes");
    await closeRound(cleo, bayProposal);
    await expect(cleo.getByText("The council passed it; the member assemblies are deciding now.", { exact: false })).toBeVisible();
    await expect(cleo.getByRole("heading", { name: "Ratification by member assemblies" })).toBeVisible();
    await expect(cleo.locator("table.ratification-results")).toContainText("Elm Co-op");
    await expect(cleo.getByText("No voting round yet")).toHaveCount(0);
    // Bea, a member of Elm, follows the link to Elm's own ratification proposal.
    await bea.goto(bayProposal);
    await bea.locator("table.ratification-results").getByRole("link", { name: "Elm Co-op" }).click();
    await bea.waitForURL((u) => u.pathname.startsWith("/a/elm/proposals/"));
    await expect(bea.getByText("Sent by Bay Council for ratification after the council passed it", { exact: false })).toBeVisible();
    await expect(bea.getByText("Propose an amendment")).toHaveCount(0);
    const elmRatifies = bea.url();
    await openRound(bea, elmRatifies);
    await vote(bea, elmRatifies, "Yes");
    await closeRound(bea, elmRatifies);
    await cleo.goto(bayProposal);
    await expect(cleo.locator(".ratification .explanation")).toContainText("Ratified: 1 of 1 member assemblies > 1/2");
    await expect(cleo.locator(".proposal-meta")).toContainText("Passed");
    await hydrated(cleo);
    await expectNoSeriousA11yViolations(cleo);
    await shot(cleo, "council-proposal-ratified", cleo.locator("#round"));

    // Cove: straight to the assemblies; the council does not vote, its founder sends it.
    await bea.goto(`${live.app.url}/a/cove/proposals/new`);
    await bea.getByLabel("Title").fill("Shared childcare rota");
    await bea.getByLabel("Text of the proposal").fill("Each assembly staffs one afternoon a week.");
    await bea.getByRole("button", { name: "Create the proposal" }).click();
    await bea.waitForURL(isProposalUrl);
    const coveProposal = bea.url();
    await cleo.goto(`${live.app.url}/a/cove`);
    await cleo.getByRole("link", { name: "Shared childcare rota" }).click();
    await expect(cleo.getByText("the council does not vote on it", { exact: false })).toBeVisible();
    await expect(cleo.getByRole("button", { name: "Open a voting round" })).toHaveCount(0);
    await cleo.getByRole("button", { name: "Send this proposal to the member assemblies" }).click();
    await expect(cleo.getByText("Sent to the member assemblies", { exact: false })).toBeVisible();
    await expect(cleo.locator(".ratification")).toContainText("Pending: 0 of 1 member assemblies ratified");
    await shot(cleo, "council-proposal-pending", cleo.locator("#round"));
    await bea.goto(coveProposal);
    await bea.locator("table.ratification-results").getByRole("link", { name: "Elm Co-op" }).click();
    await bea.waitForURL((u) => u.pathname.startsWith("/a/elm/proposals/"));
    const elmRatifiesCove = bea.url();
    await openRound(bea, elmRatifiesCove);
    await vote(bea, elmRatifiesCove, "Yes");
    await closeRound(bea, elmRatifiesCove);
    await cleo.goto(coveProposal);
    await expect(cleo.locator(".ratification .explanation")).toContainText("Ratified: 1 of 1 member assemblies > 1/2");
    await cleo.goto(`${live.app.url}/a/cove/record`);
    await expect(cleo.getByText("Every decision of this council", { exact: false })).toBeVisible();
  });
});
