/**
 * Proxies in a real browser against the production build (docs/domain.md#proxies): Ana gives
 * her proxy for the meeting to Ben on the meeting's page; at the meeting Ben's phone (without
 * JavaScript) offers his own ballot and one for Ana; Ana's is counted once however often Ben
 * changes it; once Ben has left the room his stale page cannot cast it (the bug OpenSlides had,
 * #5745). The holder's phone is screenshot at 360×740 and 1280×800 (SHOTS_DIR, else a
 * temporary folder) and checked with axe.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { expectNoSeriousA11yViolations, prepareDatabase, hydrated, launchBrowser, signedInContext, startApp, type App } from "../helpers/browser";
import type { PollsBody } from "../helpers/polls-setup";

const WAIT = 60_000;
const shots = process.env.SHOTS_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "plenary-shots-"));
let app: App;
let browser: Browser;
let body: PollsBody;

beforeAll(async () => {
  const prepared = await prepareDatabase<PollsBody>("polls-setup", { members: 3 });
  body = prepared.world;
  app = await startApp({}, prepared.dbPath);
  browser = await launchBrowser();
  fs.mkdirSync(shots, { recursive: true });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** What the database holds for the meeting's round: ballots, and proxies cast. */
function stored(roundId: string) {
  const db = new Database(app.dbPath, { readonly: true });
  try {
    const ballots = db.prepare("select user_id as userId, choice from ballots where round_id = ?").all(roundId) as Array<{ userId: string; choice: string }>;
    const proxies = db.prepare("select giver_id as giverId, holder_id as holderId, \"cast\" from round_proxies where round_id = ?").all(roundId) as Array<{ giverId: string; holderId: string; cast: number }>;
    return { ballots, proxies };
  } finally {
    db.close();
  }
}

describe("proxies", () => {
  it("a proxy ballot is counted once and refused when the holder is absent", { timeout: 400_000 }, async () => {
    const [ana, ben, chloe] = body.members;
    const base = `${app.url}/a/${body.slug}/meetings/${body.meetingId}`;

    // Ana cannot come: she gives her proxy to Ben on the meeting's page.
    const anaCtx = await signedInContext(browser, app, ana.session, { phone: true });
    anaCtx.setDefaultTimeout(WAIT);
    const anaPage = await anaCtx.newPage();
    await anaPage.goto(base);
    await hydrated(anaPage);
    await anaPage.getByLabel("Give my proxy to").selectOption({ label: "Ben" });
    await anaPage.getByRole("button", { name: "Give my proxy" }).click();
    await anaPage.getByText("Your proxy is with Ben.").first().waitFor({ timeout: WAIT });
    await expectNoSeriousA11yViolations(anaPage);

    // The meeting: Fay starts it, Ben and Chloe check in, Fay opens the vote.
    const fayCtx = await signedInContext(browser, app, body.facilitator.session);
    fayCtx.setDefaultTimeout(WAIT);
    const fay = await fayCtx.newPage();
    await fay.goto(`${base}/run`);
    await hydrated(fay);
    await fay.getByRole("button", { name: "Start the meeting" }).click();
    await fay.getByRole("button", { name: "Open a vote on this proposal" }).waitFor({ timeout: WAIT });

    const benCtx = await signedInContext(browser, app, ben.session, { phone: true, javaScriptEnabled: false });
    benCtx.setDefaultTimeout(WAIT);
    const benPhone = await benCtx.newPage();
    await benPhone.goto(`${base}/phone`);
    await benPhone.getByLabel("Meeting code").fill(body.code);
    await benPhone.getByRole("button", { name: "Check in" }).click();
    const chloeCtx = await signedInContext(browser, app, chloe.session, { phone: true });
    chloeCtx.setDefaultTimeout(WAIT);
    const chloePhone = await chloeCtx.newPage();
    await chloePhone.goto(`${base}/phone`);
    await chloePhone.getByLabel("Meeting code").fill(body.code);
    await chloePhone.getByRole("button", { name: "Check in" }).click();
    await fay.getByRole("button", { name: "Open a vote on this proposal" }).click();
    await fay.getByRole("button", { name: "Close the vote" }).waitFor({ timeout: WAIT });

    // Ben's phone offers his own ballot and one for Ana.
    await benPhone.goto(`${base}/phone`);
    const forAna = benPhone.locator("form.proxy-ballot");
    await expect(forAna.getByRole("heading", { name: "Ballot for Ana (proxy)" })).toBeVisible();
    await benPhone.screenshot({ path: path.join(shots, "proxy-phone-360x740.png"), fullPage: true });
    const wide = await signedInContext(browser, app, ben.session, { viewport: { width: 1280, height: 800 } });
    wide.setDefaultTimeout(WAIT);
    const widePage = await wide.newPage();
    await widePage.goto(`${base}/phone`);
    await hydrated(widePage);
    await widePage.locator("form.proxy-ballot").waitFor();
    // axe needs scripts: it checks the same page with JavaScript on.
    await expectNoSeriousA11yViolations(widePage);
    await widePage.screenshot({ path: path.join(shots, "proxy-phone-1280x800.png"), fullPage: true });
    await wide.close();

    // Ben votes yes, and casts Ana's: no, then changes it to yes. Chloe votes no.
    await benPhone.locator("form.ballot-form:not(.proxy-ballot)").getByLabel("Yes", { exact: true }).check();
    await benPhone.locator("form.ballot-form:not(.proxy-ballot)").getByRole("button", { name: "Cast my ballot" }).click();
    await benPhone.locator("form.proxy-ballot").getByLabel("No", { exact: true }).check();
    await benPhone.locator("form.proxy-ballot").getByRole("button").click();
    await benPhone.getByText("You have cast Ana’s ballot.").first().waitFor({ timeout: WAIT });
    await benPhone.locator("form.proxy-ballot").getByLabel("Yes", { exact: true }).check();
    await benPhone.locator("form.proxy-ballot").getByRole("button").click();
    await benPhone.getByText("You have cast Ana’s ballot.").first().waitFor({ timeout: WAIT });
    await chloePhone.getByLabel("No", { exact: true }).check();
    await chloePhone.getByRole("button", { name: "Cast my ballot" }).click();

    const roundId = await fay.locator("input[name=intent][value=closeVote] ~ input[name=roundId]").inputValue();
    await expect.poll(() => stored(roundId).ballots.map((b) => b.choice).sort().join(","), { timeout: WAIT }).toBe("no,yes,yes");
    const s = stored(roundId);
    // Counted once: one ballot for Ana (yes), cast by Ben.
    expect(s.ballots.filter((b) => b.userId === ana.id)).toEqual([{ userId: ana.id, choice: "yes" }]);
    expect(s.proxies).toEqual([{ giverId: ana.id, holderId: ben.id, cast: 1 }]);
    await fay.getByText("1 ballot by proxy").first().waitFor({ timeout: WAIT });

    // Ben leaves the room (from another tab); his first tab, still showing Ana's ballot, is refused.
    const leave = await benCtx.newPage();
    await leave.goto(`${base}/phone`);
    await leave.getByRole("button", { name: "I am leaving" }).click();
    await benPhone.locator("form.proxy-ballot").getByLabel("No", { exact: true }).check();
    await benPhone.locator("form.proxy-ballot").getByRole("button").click();
    await benPhone.getByText("You are not checked in to the meeting, so you cannot cast the ballots of the members you hold proxies for.").first().waitFor({ timeout: WAIT });
    expect(stored(roundId).ballots.filter((b) => b.userId === ana.id)).toEqual([{ userId: ana.id, choice: "yes" }]);

    // Closing: the outcome counts three ballots, one by proxy.
    await fay.getByRole("button", { name: "Close the vote" }).click();
    await fay.getByText(/Passed/).first().waitFor({ timeout: WAIT });
  });
});
