/**
 * A closed STV election reads at a glance on a phone and a laptop: the verdict first, bars of
 * first preferences against the quota line, the table of stages (votes per candidate per
 * stage, transfers, who was elected or excluded), and the engine's full explanation one
 * click away. Screenshots go to SHOTS_DIR (default: a temporary folder) for a person to look at.
 *
 * The count (tests/helpers/result-setup.ts), 13 valid votes for 2 seats, quota
 * floor(13 / 3) + 1 = 5 (Droop):
 *   stage 1  first preferences: Ana 6, Bea 1, Carlos 3, Dana 2, Eli 1 → Ana elected
 *   stage 2  Ana's surplus of 1: 6 papers at 1/6, truncated to 0.16666 each → Bea +0.99996
 *   stage 3  Eli excluded (lowest, 1) → Bea +1 = 2.99996
 *   stage 4  Dana excluded (2) → Carlos +2 = 5 = quota → Carlos elected
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { expectNoSeriousA11yViolations, prepareDatabase, hydrated, launchBrowser, signedInContext, startApp, type App } from "../helpers/browser";
import type { ResultRoom } from "../helpers/result-setup";

let app: App;
let browser: Browser;
let room: ResultRoom;
const shots = process.env.SHOTS_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "plenary-shots-"));

beforeAll(async () => {
  const prepared = await prepareDatabase<ResultRoom>("result-setup");
  room = prepared.world;
  app = await startApp({}, prepared.dbPath);
  browser = await launchBrowser();
  fs.mkdirSync(shots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("an STV result", () => {
  for (const viewport of [
    { width: 360, height: 740 },
    { width: 1280, height: 800 },
  ]) {
    it(`leads with the verdict, bars against the quota and the stage table at ${viewport.width}×${viewport.height}`, async () => {
      const ctx = await signedInContext(browser, app, room.session, { viewport });
      const page = await ctx.newPage();
      await page.goto(`${app.url}/a/${room.slug}/proposals/${room.proposalId}`);
      await hydrated(page);
      const result = page.locator("#round-1 .result");
      await expect(result.locator(".verdict")).toHaveText("Passed. Elected (2): Ana, Carlos.");
      const bars = result.locator("table.result-bars");
      await expect(bars.locator("caption")).toHaveText("First preferences · quota: 5 votes");
      await expect(bars.locator("tbody tr").first()).toHaveText(/^Ana\s*6$/);
      const stages = result.locator("table.stage-table");
      await expect(stages.locator("thead th").nth(2)).toHaveText("Stage 2Ana's surplus transferred");
      await expect(stages.locator("thead th").nth(3)).toHaveText("Stage 3Eli excluded");
      const bea = stages.locator("tbody tr", { hasText: "Bea" });
      await expect(bea.locator("td").nth(1)).toHaveText("1.99996+0.99996");
      await expect(bea.locator("td").nth(2)).toHaveText("2.99996+1");
      const carlos = stages.locator("tbody tr", { hasText: "Carlos" });
      await expect(carlos.locator("th")).toHaveText("Carloselected");
      await expect(carlos.locator("td").nth(3)).toHaveText("5+2elected");
      await expect(stages.locator("tbody tr", { hasText: "Eli" }).locator("td").nth(2)).toHaveText("0−1excluded");
      // The full explanation, legalese and all, is one click away.
      const details = result.locator("details");
      expect(await details.locator(".explanation").isVisible()).toBe(false);
      await details.locator("summary").click();
      await expect(details.locator(".explanation")).toContainText("Scottish STV (Scottish Local Government Elections Order 2007");
      await expectNoSeriousA11yViolations(page);
      // The page never scrolls sideways: a stage table wider than a phone scrolls in its own box.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await page.locator("#round-1").screenshot({ path: path.join(shots, `stv-result-${viewport.width}.png`) });
      await ctx.close();
    });
  }

  it("reads in Spanish for a Spanish-speaking member", async () => {
    const ctx = await signedInContext(browser, app, room.sessionEs, { viewport: { width: 360, height: 740 } });
    const page = await ctx.newPage();
    await page.goto(`${app.url}/a/${room.slug}/proposals/${room.proposalId}`);
    const result = page.locator("#round-1 .result");
    await expect(result.locator(".verdict")).toHaveText("Aprobada. Resultan elegidas las candidaturas de Ana, Carlos.");
    await expect(result.locator("table.stage-table thead th").nth(2)).toHaveText("Etapa 2Se transfiere el excedente de Ana");
    await expect(result.locator("table.stage-table tbody tr", { hasText: "Bea" }).locator("td").nth(1)).toHaveText("1,99996+0,99996");
    await ctx.close();
  });
});
