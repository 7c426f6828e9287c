/**
 * A full room at once (docs/meetings.md): 22 phones in one headless Chromium — 18 with
 * JavaScript, 4 without — all check in with the code, all vote within a few seconds of each
 * other, one loses the Wi-Fi while voting and comes back; when the vote closes, the count on
 * every phone equals the count stored in the database. On a loaded two-core machine this is
 * slow; every wait is on a condition with a generous budget, and nothing is timed.
 */
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { hydrated, launchBrowser, prepareRoom, signedInContext, startApp, type App } from "../helpers/browser";
import type { Person, Room } from "../helpers/room-setup";

const PHONES = 22;
const WITHOUT_JS = 4;
/** A room's worth of phones on two busy cores: seconds become tens of seconds. */
const WAIT = 120_000;

let app: App;
let browser: Browser;
let room: Room;

beforeAll(async () => {
  // A plain vote (yes / no / abstain): its running count is on the phones while it is open.
  const prepared = await prepareRoom({ members: PHONES, method: "majority" });
  room = prepared.room;
  app = await startApp({}, prepared.dbPath);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

type Phone = { person: Person; ctx: BrowserContext; page: Page; js: boolean; choice: "yes" | "no" | "abstain" };

const CHOICES = ["yes", "yes", "no", "abstain"] as const;
const LABEL = { yes: "Yes", no: "No", abstain: "Abstain" } as const;

async function visible(l: Locator) {
  await l.first().waitFor({ state: "visible", timeout: WAIT });
}

/** Runs `fn` over the phones a few at a time: a room arrives over a minute, not in one tick. */
async function inBatches<T>(items: T[], size: number, fn: (x: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

describe("a full room", () => {
  it("22 phones check in and vote at once, one drops and comes back; every phone shows the stored count", { timeout: 900_000 }, async () => {
    const base = `${app.url}/a/${room.slug}/meetings/${room.meetingId}`;
    const laptop = await signedInContext(browser, app, room.facilitator.session);
    const fay = await laptop.newPage();
    await fay.goto(`${base}/run`);
    await hydrated(fay);
    await fay.getByRole("button", { name: "Start the meeting" }).click();
    await visible(fay.locator(".current-title", { hasText: "Welcome" }));

    // Everyone arrives and checks in with the code on the screen.
    const phones: Phone[] = room.members.map((person, i) => ({ person, js: i >= WITHOUT_JS, choice: CHOICES[i % CHOICES.length], ctx: null!, page: null! }));
    await inBatches(phones, 6, async (p) => {
      p.ctx = await signedInContext(browser, app, p.person.session, { phone: true, javaScriptEnabled: p.js });
      p.page = await p.ctx.newPage();
      await p.page.goto(`${base}/phone`, { timeout: WAIT });
      if (p.js) await hydrated(p.page);
      await p.page.getByLabel("Meeting code").fill(room.code);
      await p.page.getByRole("button", { name: "Check in" }).click();
      await visible(p.page.getByText("You are checked in."));
    });
    await visible(fay.locator(".present-list", { hasText: room.members[PHONES - 1].name }));
    expect(await fay.locator(".present-list li").count()).toBe(PHONES);

    // The proposal, and the vote on it.
    await fay.getByRole("button", { name: /Next item/ }).click();
    await visible(fay.locator(".current-title", { hasText: "Front door lock" }));
    await fay.getByRole("button", { name: "Open a vote on this proposal" }).click();
    await visible(fay.locator(".vote-panel", { hasText: "Vote open" }));

    // Phones with JavaScript get the ballot by themselves; the others update their page.
    await inBatches(phones, 11, async (p) => {
      if (!p.js) await p.page.reload({ timeout: WAIT });
      await visible(p.page.getByRole("radio", { name: LABEL[p.choice], exact: true }));
    });

    // One phone loses the Wi-Fi just as everyone votes.
    const dropped = phones[WITHOUT_JS];
    await dropped.ctx.setOffline(true);
    await visible(dropped.page.locator(".live-badge.off"));

    // Everyone votes within a few seconds.
    await Promise.all(
      phones.map(async (p) => {
        await p.page.getByRole("radio", { name: LABEL[p.choice], exact: true }).check();
        await p.page.getByRole("button", { name: "Cast my ballot" }).click();
      }),
    );
    await visible(dropped.page.getByText("your ballot is NOT cast yet", { exact: false }));
    await Promise.all(phones.filter((p) => p !== dropped).map((p) => visible(p.page.getByText("Your ballot is counted.", { exact: false }))));
    await visible(fay.locator(".vote-panel", { hasText: `${PHONES - 1} of ${PHONES} have voted` }));

    // Back on the Wi-Fi: the ballot goes out by itself, once.
    await dropped.ctx.setOffline(false);
    await visible(dropped.page.getByText("Your ballot is counted.", { exact: false }));
    await visible(fay.locator(".vote-panel", { hasText: `${PHONES} of ${PHONES} have voted` }));

    await fay.getByRole("button", { name: "Close the vote" }).click();
    await visible(fay.locator(".outcome"));

    // What the database holds.
    const db = new Database(app.dbPath, { readonly: true, fileMustExist: true });
    const stored = db.prepare("SELECT choice, count(*) AS n FROM ballots WHERE round_id = (SELECT round_id FROM meeting_rounds WHERE meeting_id = ?) GROUP BY choice").all(room.meetingId) as Array<{ choice: string; n: number }>;
    db.close();
    const count = (c: string) => stored.find((s) => s.choice === c)?.n ?? 0;
    const expected = { yes: phones.filter((p) => p.choice === "yes").length, no: phones.filter((p) => p.choice === "no").length, abstain: phones.filter((p) => p.choice === "abstain").length };
    expect({ yes: count("yes"), no: count("no"), abstain: count("abstain") }).toEqual(expected);
    const shown = `Yes ${count("yes")} No ${count("no")} Abstain ${count("abstain")}`;

    // Every phone shows that count and the outcome: with JavaScript live, without it in its panel.
    await inBatches(phones, 11, async (p) => {
      const where = p.js ? p.page.locator(".vote-card") : p.page.frameLocator("iframe.live-panel-frame").locator(".live-panel");
      await visible(where.locator(".outcome"));
      const items = await where.locator(".vote-counts li").allTextContents();
      expect(items.map((t) => t.replace(/\s+/g, " ").trim()).join(" "), `the count on ${p.person.name}'s phone`).toBe(shown);
      expect(await where.locator(".outcome").textContent()).toContain("Passed");
    });
    expect((await fay.locator(".vote-counts li").allTextContents()).map((t) => t.replace(/\s+/g, " ").trim()).join(" ")).toBe(shown);

    for (const p of phones) await p.ctx.close();
    await laptop.close();
  });
});
