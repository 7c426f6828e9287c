/**
 * The federation journey (docs/domain.md#federation), in a real browser against the production build:
 * two assemblies join a council by their own decisions; each elects a delegate; one
 * mandates "oppose" on a council proposal; its delegate votes "support" with a reason and
 * the flag reaches the home assembly; members petition and recall that delegate; the seat
 * shows vacant; the other delegate files a report-back that goes on the next meeting's agenda.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { expectNoSeriousA11yViolations, foundAssemblyViaUi, hydrated, invitationLinkViaUi, liveApp } from "../helpers/browser";
import { closeRound, isProposalUrl, openRound, people, rank, vote } from "../helpers/journey";

const live = liveApp();

const { person, joinByLink } = people(live);

function foundAssembly(page: Page, name: string, slug: string) {
  return foundAssemblyViaUi(page, live.app.url, { name, slug, preset: "Simple majority" });
}

describe("federation", () => {
  it("join, elect, mandate, vote against it with a reason, recall, vacant seat, report-back on the agenda", async () => {
    // Cora founds the council: one seat per member assembly, decided by majority.
    const cora = await person("cora");
    await hydrated(cora);
    await cora.getByRole("link", { name: "Found a council" }).click();
    await cora.getByLabel("Name", { exact: true }).fill("River Council");
    await cora.getByLabel("Short name for its web address").fill("river");
    await cora.getByLabel("Simple majority").check();
    await cora.getByLabel("Seats per member assembly").fill("1");
    await hydrated(cora);
    await expectNoSeriousA11yViolations(cora);
    await cora.getByRole("button", { name: "Found the council" }).click();
    await cora.waitForURL("**/a/river/council?founded=1");
    await expect(cora.getByText("The council is founded.", { exact: false })).toBeVisible();

    // Elm: Ana and two members who join by an invitation link. Oak: Bea alone.
    const ana = await person("ana");
    await foundAssembly(ana, "Elm Tenants", "elm");
    const link = await invitationLinkViaUi(ana, live.app.url, "elm");
    const abe = await joinByLink(link, "abe", "elm");
    // Amy uses a phone without JavaScript: the federation forms work without it.
    const amy = await joinByLink(link, "amy", "elm", { javaScriptEnabled: false });
    const bea = await person("bea");
    await foundAssembly(bea, "Oak Co-op", "oak");

    // Each assembly decides to join.
    await ana.goto(`${live.app.url}/a/elm`);
    await hydrated(ana);
    await ana.getByRole("link", { name: "Councils" }).first().click();
    await hydrated(ana);
    await expectNoSeriousA11yViolations(ana);
    await ana.getByLabel("The council's short name").fill("nowhere");
    await ana.getByRole("button", { name: "Propose joining", exact: true }).click();
    await expect(ana.getByText("There is no council with that name.", { exact: false })).toBeVisible();
    await ana.getByLabel("The council's short name").fill("river");
    await ana.getByRole("button", { name: "Propose joining", exact: true }).click();
    await ana.waitForURL(isProposalUrl);
    const elmJoin = ana.url();
    await expect(ana.getByRole("heading", { level: 1 })).toContainText("Join River Council");
    await openRound(ana, elmJoin);
    await vote(ana, elmJoin, "Yes");
    await vote(abe, elmJoin, "Yes");
    await closeRound(ana, elmJoin);

    await bea.goto(`${live.app.url}/a/oak/councils`);
    await bea.getByLabel("The council's short name").fill("river");
    await bea.getByRole("button", { name: "Propose joining", exact: true }).click();
    await bea.waitForURL(isProposalUrl);
    const oakJoin = bea.url();
    await openRound(bea, oakJoin);
    await vote(bea, oakJoin, "Yes");
    await closeRound(bea, oakJoin);

    // The council accepts both.
    await cora.goto(`${live.app.url}/a/river/council`);
    await cora.getByRole("button", { name: "Accept Elm Tenants" }).click();
    await expect(cora.getByText("The assembly is now a member of the council.")).toBeVisible();
    await cora.getByRole("button", { name: "Accept Oak Co-op" }).click();
    await expect(cora.locator("table.seats")).toContainText("Oak Co-op");
    await expectNoSeriousA11yViolations(cora);

    // Elm elects Abe: Abe nominates himself; Ana opens the round; both rank him.
    await ana.goto(`${live.app.url}/a/elm/councils`);
    await hydrated(ana);
    await ana.getByRole("link", { name: "River Council" }).click();
    await expect(ana.locator("table.seats")).toContainText("Vacant");
    await expectNoSeriousA11yViolations(ana);
    await ana.getByRole("button", { name: "Start an election (1 vacant seat)" }).click();
    await ana.waitForURL((u) => /\/a\/elm\/delegates\/elections\/[A-Za-z0-9_-]+$/.test(u.pathname));
    const elmElection = ana.url();
    await abe.goto(elmElection);
    await abe.getByRole("button", { name: "Nominate" }).click();
    await expect(abe.getByText("You are now a candidate.")).toBeVisible();
    await abe.getByRole("link", { name: "Go to the ballot" }).click();
    await abe.waitForURL(isProposalUrl);
    const elmBallot = abe.url();
    await openRound(ana, elmBallot);
    await rank(ana, elmBallot, "Abe");
    await rank(abe, elmBallot, "Abe");
    await closeRound(ana, elmBallot);
    await ana.goto(elmElection);
    await expect(ana.getByText("Elected: Abe")).toBeVisible();
    await expectNoSeriousA11yViolations(ana);

    // Oak elects Bea the same way.
    await bea.goto(`${live.app.url}/a/oak/councils`);
    await hydrated(bea);
    await bea.getByRole("link", { name: "River Council" }).click();
    await bea.getByRole("button", { name: "Start an election (1 vacant seat)" }).click();
    await bea.waitForURL((u) => /\/a\/oak\/delegates\/elections\//.test(u.pathname));
    await bea.getByRole("button", { name: "Nominate" }).click();
    await bea.getByRole("link", { name: "Go to the ballot" }).click();
    await bea.waitForURL(isProposalUrl);
    const oakBallot = bea.url();
    await openRound(bea, oakBallot);
    await rank(bea, oakBallot, "Bea");
    await closeRound(bea, oakBallot);

    // Bea, now seated, proposes in the council.
    await bea.goto(`${live.app.url}/a/river/proposals/new`);
    await bea.getByLabel("Title").fill("Shared legal fund");
    await bea.getByLabel("Text of the proposal").fill("Each member assembly pays €20 a month into a legal fund.");
    await bea.getByRole("button", { name: "Create the proposal" }).click();
    await bea.waitForURL(isProposalUrl);
    const councilProposal = bea.url();
    const councilProposalId = councilProposal.split("/").pop()!;

    // Elm mandates "oppose" (Amy proposes it without JavaScript), by its own vote.
    await amy.goto(`${live.app.url}/a/elm/councils`);
    await amy.getByRole("link", { name: "River Council" }).click();
    await amy.getByRole("link", { name: "Decide a mandate" }).click();
    await amy.getByLabel("Our delegates must").selectOption("oppose");
    await amy.getByLabel("Instructions").fill("Not this year: our own hardship fund comes first.");
    await amy.getByRole("button", { name: "Propose this mandate" }).click();
    await amy.waitForURL(isProposalUrl);
    const mandateUrl = amy.url();
    await openRound(ana, mandateUrl);
    await vote(ana, mandateUrl, "Yes");
    await vote(amy, mandateUrl, "Yes");
    await closeRound(ana, mandateUrl);

    // The council votes (open ballots). Abe supports — first without a reason, refused.
    await openRound(cora, councilProposal);
    // The old mandates address leads to the proposal's own page, where delegates vote.
    const panelUrl = `${live.app.url}/a/river/council/proposals/${councilProposalId}`;
    await abe.goto(panelUrl);
    await abe.waitForURL((u) => u.pathname === `/a/river/proposals/${councilProposalId}`);
    await expect(abe.getByText("Your mandate from Elm Tenants:", { exact: false })).toBeVisible();
    await abe.getByRole("radio", { name: "Yes", exact: true }).check();
    await abe.getByRole("button", { name: "Cast my ballot" }).click();
    await expect(abe.getByText("Your assembly's mandate on this proposal binds you.", { exact: false })).toBeVisible();
    await abe.getByLabel("Your reason for voting against your mandate").fill("Two of our households face eviction this month.");
    await abe.getByRole("button", { name: "Cast my ballot" }).click();
    await expect(abe.getByText("Your ballot was counted.")).toBeVisible();
    await expect(abe.locator("table.mandate-panel")).toContainText("Against the mandate");
    await expect(abe.locator("table.mandate-panel")).toContainText("Two of our households face eviction this month.");
    await hydrated(abe);
    await expectNoSeriousA11yViolations(abe);

    // The flag reaches Elm's overview.
    await ana.goto(`${live.app.url}/a/elm`);
    await expect(ana.locator(".federation-overview")).toContainText("Ballots against our mandates");
    await expect(ana.locator(".federation-overview")).toContainText("Abe voted \"Yes\" on River Council proposal #1 \"Shared legal fund\" against our mandate (oppose).");
    await expect(ana.locator(".federation-overview")).toContainText("Two of our households face eviction this month.");

    // Members petition to recall Abe: Amy starts it (no JavaScript), Ana's signature opens the vote.
    await amy.goto(`${live.app.url}/a/elm/recalls`);
    await amy.getByLabel("Delegate").selectOption({ label: "Abe — River Council" });
    await amy.getByLabel("Reason", { exact: true }).fill("He voted against our mandate.");
    await amy.getByRole("button", { name: "Start the petition (and sign it)" }).click();
    await expect(amy.getByText("1 of 2 signatures")).toBeVisible();
    await ana.goto(`${live.app.url}/a/elm/recalls`);
    await hydrated(ana);
    await expectNoSeriousA11yViolations(ana);
    await ana.getByRole("button", { name: "Sign the petition" }).click();
    await ana.waitForURL(isProposalUrl);
    const recallUrl = ana.url();
    await expect(ana.getByRole("heading", { level: 1 })).toContainText("Recall Abe as delegate to River Council");
    await vote(ana, recallUrl, "Yes");
    await vote(amy, recallUrl, "Yes");
    await closeRound(ana, recallUrl);

    // The seat is vacant in the council; Abe no longer sits there.
    await cora.goto(`${live.app.url}/a/river/council`);
    await expect(cora.locator("table.seats tr.vacant")).toContainText("Elm Tenants");
    await expect(cora.locator("table.seats")).toContainText("Vacant");
    // Abe's council pages are no longer his: he is shown his term and why it ended.
    await abe.goto(panelUrl);
    await abe.waitForURL((u) => /\/a\/elm\/delegates\/terms\//.test(u.pathname));
    await expect(abe.getByRole("heading", { level: 1 })).toHaveText("Abe, delegate to River Council");
    await expect(abe.getByText("You no longer hold a seat in River Council", { exact: false })).toBeVisible();
    await expect(abe.getByText("Recalled on", { exact: false })).toBeVisible();
    await ana.goto(`${live.app.url}/a/elm/record`);
    await expect(ana.getByText("Abe was recalled as delegate of Elm Tenants to River Council", { exact: false })).toBeVisible();

    // Bea files a report-back; it goes on Oak's next meeting agenda by itself.
    await bea.goto(`${live.app.url}/a/oak/meetings`);
    await bea.getByRole("link", { name: "Schedule a meeting" }).click();
    await bea.getByLabel("Title").fill("December general meeting");
    await bea.getByLabel("Place", { exact: true }).fill("The bakery");
    await bea.getByRole("button", { name: "Schedule the meeting" }).click();
    await bea.waitForURL((u) => /\/a\/oak\/meetings\/[A-Za-z0-9_-]+$/.test(u.pathname) && !u.pathname.endsWith("/new"));
    const meetingUrl = bea.url();
    await bea.goto(`${live.app.url}/a/oak/report-backs`);
    await bea.getByLabel("Title").fill("River Council: the legal fund");
    await bea.getByLabel("Report", { exact: true }).fill("The council is voting on a shared legal fund. Elm recalled its delegate.");
    await bea.getByRole("button", { name: "File the report" }).click();
    await expect(bea.getByText("Your report was filed.")).toBeVisible();
    await expect(bea.getByText("On the agenda of December general meeting", { exact: false })).toBeVisible();
    await expectNoSeriousA11yViolations(bea);
    await bea.goto(meetingUrl);
    await expect(bea.locator("ol.agenda")).toContainText("River Council: the legal fund");
    await expect(bea.locator("ol.agenda")).toContainText("Bea");
  });
});
