/**
 * Two server processes on one database (docs/decisions/022-http-and-processes.md): with
 * WEB_CONCURRENCY=2 each worker also listens on a port of its own (PLENARY_WORKER_PORTS=1, for
 * this test), so a page can be pinned to one process. The facilitator's console and one
 * member's phone talk to the first worker, the projector screen and another member's phone to
 * the second; every change made through one process reaches the live pages held by the other
 * through the relay alone (the data_version safety net is off here: PLENARY_NO_DATA_VERSION_POLL).
 * A secret vote opened through one process is closed through the other: its key, which only a
 * teller could otherwise unlock, went along.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { hydrated, launchBrowser, prepareRoom, signedInContext, startApp, type App } from "../helpers/browser";
import type { Room } from "../helpers/room-setup";

const WAIT = 60_000;

let app: App;
let secretApp: App;
let browser: Browser;
let room: Room;
let secretRoom: Room;
let workers: Array<{ pid: number; url: string }>;
const CLUSTER = { WEB_CONCURRENCY: "2", PLENARY_WORKER_PORTS: "1", PLENARY_NO_DATA_VERSION_POLL: "1" };

async function workerUrls(app: App): Promise<Array<{ pid: number; url: string }>> {
  const deadline = Date.now() + WAIT;
  for (;;) {
    const found = [...app.logs().matchAll(/worker (\d+) listening on (http:\/\/\S+)/g)].map((m) => ({ pid: Number(m[1]), url: m[2] }));
    if (found.length >= 2) return found;
    if (Date.now() > deadline) throw new Error(`two workers did not start:\n${app.logs()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  const [prepared, secret] = await Promise.all([prepareRoom({ members: 2, method: "majority" }), prepareRoom({ members: 2, method: "majority", secretWithTeller: true })]);
  room = prepared.room;
  secretRoom = secret.room;
  [app, secretApp] = await Promise.all([startApp(CLUSTER, prepared.dbPath), startApp(CLUSTER, secret.dbPath)]);
  workers = await workerUrls(app);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await secretApp?.stop();
});

async function visible(l: Locator) {
  await l.first().waitFor({ state: "visible", timeout: WAIT });
}

async function checkIn(page: Page, code: string) {
  await page.getByLabel("Meeting code").fill(code);
  await page.getByRole("button", { name: "Check in" }).click();
  await visible(page.getByText("You are checked in."));
}

describe("two processes, one meeting", () => {
  it("a vote cast through one process appears on a screen connected to the other, and back", { timeout: 300_000 }, async () => {
    const [one, two] = workers;
    expect(one.pid).not.toBe(two.pid);
    expect(one.url).not.toBe(two.url);
    const path = `/a/${room.slug}/meetings/${room.meetingId}`;

    // The facilitator's console on the first process.
    const laptop = await signedInContext(browser, app, room.facilitator.session);
    const fay = await laptop.newPage();
    await fay.goto(`${one.url}${path}/run`);
    await hydrated(fay);
    await fay.getByRole("button", { name: "Start the meeting" }).click();
    await visible(fay.locator(".current-title", { hasText: "Welcome" }));

    // The projector screen on the second process: it follows the console without reloading.
    const screen = await laptop.newPage();
    await screen.goto(`${two.url}${path}/screen`);
    await hydrated(screen);
    await screen.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

    // One member's phone on each process.
    const phones = await Promise.all(
      room.members.map(async (person, i) => {
        const ctx = await signedInContext(browser, app, person.session, { phone: true });
        const page = await ctx.newPage();
        await page.goto(`${(i === 0 ? one : two).url}${path}/phone`);
        await hydrated(page);
        await checkIn(page, room.code);
        return page;
      }),
    );

    await fay.getByRole("button", { name: /Next item/ }).click();
    await visible(screen.getByText("Front door lock"));
    await fay.getByRole("button", { name: "Open a vote on this proposal" }).click();
    await visible(screen.getByText("0 of 2 have voted"));

    // Through the first process: the screen on the second shows it.
    await phones[0].getByRole("radio", { name: "Yes", exact: true }).check();
    await phones[0].getByRole("button", { name: "Cast my ballot" }).click();
    await visible(phones[0].getByText("Your ballot is counted.", { exact: false }));
    await visible(screen.getByText("1 of 2 have voted"));

    // Through the second process: the console on the first shows it.
    await phones[1].getByRole("radio", { name: "No", exact: true }).check();
    await phones[1].getByRole("button", { name: "Cast my ballot" }).click();
    await visible(fay.locator(".vote-panel", { hasText: "2 of 2 have voted" }));
    await visible(screen.getByText("2 of 2 have voted"));

    // The screen never reloaded: everything came over its one live stream.
    expect(await screen.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    await laptop.close();
  });

  it("a secret vote opened through one process is counted through the other", { timeout: 300_000 }, async () => {
    const [one, two] = await workerUrls(secretApp);
    const path = `/a/${secretRoom.slug}/meetings/${secretRoom.meetingId}`;
    const laptop = await signedInContext(browser, secretApp, secretRoom.facilitator.session);
    const opener = await laptop.newPage();
    await opener.goto(`${one.url}${path}/run`);
    await hydrated(opener);
    await opener.getByRole("button", { name: "Start the meeting" }).click();
    await visible(opener.locator(".current-title", { hasText: "Welcome" }));
    // A member's phone on each process (two of three present: the quorum).
    const phones = await Promise.all(
      secretRoom.members.map(async (person, i) => {
        const page = await (await signedInContext(browser, secretApp, person.session, { phone: true })).newPage();
        await page.goto(`${(i === 0 ? two : one).url}${path}/phone`);
        await hydrated(page);
        await checkIn(page, secretRoom.code);
        return page;
      }),
    );
    await opener.getByRole("button", { name: /Next item/ }).click();
    await visible(opener.locator(".current-title", { hasText: "Front door lock" }));
    // Opened here: the round's key is made in the first process.
    await opener.getByRole("button", { name: "Open a vote on this proposal" }).click();
    await visible(opener.locator(".vote-panel", { hasText: "Vote open" }));
    for (const phone of phones) {
      await phone.getByRole("radio", { name: "Yes", exact: true }).check();
      await phone.getByRole("button", { name: "Cast my ballot" }).click();
      await visible(phone.locator(".notice.receipt"));
    }

    // Closed through the second process, which holds the key only because it was passed on.
    const closer = await laptop.newPage();
    await closer.goto(`${two.url}${path}/run`);
    await hydrated(closer);
    await visible(closer.locator(".vote-panel", { hasText: "2 of 2 have voted" }));
    await closer.getByRole("button", { name: "Close the vote" }).click();
    await visible(closer.locator(".outcome"));
    expect(await closer.locator(".outcome").textContent()).toContain("Passed");
    await laptop.close();
  });
});
