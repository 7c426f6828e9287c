/**
 * Everyday polls in a real browser against the production build (docs/domain.md#polls): a
 * member starts a meeting-time poll through the form, members answer (one phone without
 * JavaScript), the results show as bars and a table, and the facilitator turns the best time
 * into a scheduled meeting with one click. A closed score poll's result page is screenshot
 * at 360×740 and 1280×800 (SHOTS_DIR, else a temporary folder) and checked with axe.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
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

/** "2026-12-03T19:00" for a datetime-local field, `days` from now at 19:00 local time. */
function inDays(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T19:00`;
}

async function answer(page: Page, url: string, picks: string[]) {
  await page.goto(url);
  const groups = page.locator("fieldset.time-answer");
  for (let i = 0; i < picks.length; i++) await groups.nth(i).getByLabel(picks[i], { exact: true }).check();
  await page.getByRole("button", { name: /Send my answer|Change my answer/ }).click();
  await page.getByText("Your answer is saved.").waitFor({ timeout: WAIT });
}

describe("everyday polls", () => {
  it("a meeting-time poll becomes a meeting in one click", { timeout: 600_000 }, async () => {
    const [ana, ben, chloe] = body.members;
    const anaCtx = await signedInContext(browser, app, ana.session, { phone: true });
    const anaPage = await anaCtx.newPage();
    await anaPage.goto(`${app.url}/a/${body.slug}/proposals`);
    await hydrated(anaPage);
    await anaPage.getByRole("link", { name: "Start a poll" }).click();
    await anaPage.getByLabel("Kind of poll").selectOption("time");
    await anaPage.getByLabel("What the meeting is for").waitFor({ timeout: WAIT });
    await anaPage.getByLabel("What the meeting is for").fill("Summer general meeting");
    await anaPage.getByLabel("Time 1", { exact: true }).fill(inDays(10));
    await anaPage.getByLabel("Time 2", { exact: true }).fill(inDays(11));
    await anaPage.getByLabel("Place").fill("Courtyard");
    await expectNoSeriousA11yViolations(anaPage);
    await anaPage.getByRole("button", { name: "Start the poll" }).click();
    await anaPage.waitForURL(/\/polls\/[A-Za-z0-9_-]+$/, { timeout: WAIT });
    const pollUrl = anaPage.url();
    await expect(anaPage.getByRole("heading", { level: 1 })).toContainText("Summer general meeting");

    // Ana, Ben and Chloe (no JavaScript) answer; the second time suits more people.
    await answer(anaPage, pollUrl, ["If need be", "Yes"]);
    const benCtx = await signedInContext(browser, app, ben.session, { phone: true });
    await answer(await benCtx.newPage(), pollUrl, ["Yes", "Yes"]);
    const chloeCtx = await signedInContext(browser, app, chloe.session, { phone: true, javaScriptEnabled: false });
    await answer(await chloeCtx.newPage(), pollUrl, ["No", "If need be"]);

    // Fay, the facilitator, sees the table: the second time is best (2 yes + 1 if need be).
    const fayCtx = await signedInContext(browser, app, body.facilitator.session);
    const fay = await fayCtx.newPage();
    await fay.goto(pollUrl);
    await hydrated(fay);
    const best = fay.locator("tr.winner");
    await expect(best).toHaveCount(1);
    await expect(best.locator("td").nth(0)).toHaveText("2");
    await expect(best.locator("td").nth(1)).toHaveText("1");
    await expectNoSeriousA11yViolations(fay);
    await fay.screenshot({ path: path.join(shots, "poll-time-1280x800.png"), fullPage: true });
    await best.getByRole("button", { name: /Schedule the meeting at this time/ }).click();
    await fay.waitForURL(/\/meetings\/[A-Za-z0-9_-]+$/, { timeout: WAIT });
    await expect(fay.getByRole("heading", { level: 1 })).toContainText("Summer general meeting");
    await expect(fay.getByText("Courtyard").first()).toBeVisible();

    // The poll now links to its meeting, and its result is in the decision record.
    await fay.goto(pollUrl);
    await expect(fay.getByText("A meeting was scheduled from this poll.")).toBeVisible();
    await fay.goto(`${app.url}/a/${body.slug}/record`);
    await expect(fay.getByText(/Meeting scheduled from poll 2 "Summer general meeting"/)).toBeVisible();
  });

  it("a poll result reads as bars and a table on a phone and a laptop", { timeout: 300_000 }, async () => {
    for (const size of [
      { width: 360, height: 740 },
      { width: 1280, height: 800 },
    ]) {
      const ctx = await signedInContext(browser, app, body.members[0].session, { viewport: size });
      const page = await ctx.newPage();
      await page.goto(`${app.url}/a/${body.slug}/polls/${body.scorePollId}`);
      await hydrated(page);
      await expect(page.locator("tr.winner th")).toContainText("Paella");
      await expect(page.locator(".poll-results .bar").first()).toBeVisible();
      if (size.width === 360) await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: path.join(shots, `poll-result-${size.width}x${size.height}.png`), fullPage: size.width === 360 });
      await ctx.close();
    }
  });
});
