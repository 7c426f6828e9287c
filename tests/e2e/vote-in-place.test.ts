/**
 * A vote answers in place (docs/decisions/021-scale-path.md): with JavaScript, a ballot cast
 * on the proposal page or on a meeting phone comes back with the fresh count and the voter's
 * own ballot, and the page reloads nothing after it — no document, no loader data; without
 * JavaScript the same forms still post, redirect (the proposal page) and show the result.
 * Counted here: the requests each page makes, never how long they take.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page, Request } from "playwright-core";
import { hydrated, launchBrowser, prepareRoom, signedInContext, startApp, type App } from "../helpers/browser";
import type { Room } from "../helpers/room-setup";

let browser: Browser;
const apps: App[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  for (const a of apps) await a.stop();
});

/** Every request the page makes from now on, as method and path. */
function recordRequests(page: Page) {
  const seen: Array<{ method: string; path: string; document: boolean }> = [];
  const on = (r: Request) => seen.push({ method: r.method(), path: new URL(r.url()).pathname + new URL(r.url()).search, document: r.resourceType() === "document" });
  page.on("request", on);
  return { seen, stop: () => page.off("request", on) };
}

async function post(app: App, cookie: string, path: string, form: Record<string, string>) {
  const res = await fetch(app.url + path, { method: "POST", headers: { cookie: `plenary_session=${cookie}`, origin: app.url, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form), redirect: "manual" });
  if (res.status >= 400) throw new Error(`${form.intent}: HTTP ${res.status} ${await res.text()}`);
  return res;
}

describe("a vote answers in place", () => {
  it("on the proposal page: with JavaScript the count and the ballot update from the answer, nothing reloads; without, it redirects as before", { timeout: 300_000 }, async () => {
    const prepared = await prepareRoom({ members: 3, method: "majority", onlineRound: true });
    const room: Room = prepared.room;
    const app = await startApp({}, prepared.dbPath);
    apps.push(app);
    const url = `${app.url}/a/${room.slug}/proposals/${room.proposalId}`;

    const ctx = await signedInContext(browser, app, room.members[0].session, { phone: true });
    const page = await ctx.newPage();
    await page.goto(url);
    await hydrated(page);
    await page.getByText("0 of 4 who can vote").waitFor();
    const log = recordRequests(page);
    await page.getByRole("radio", { name: "Yes", exact: true }).check();
    await page.getByRole("button", { name: "Cast my ballot" }).click();
    await page.getByText("Your ballot was counted.").waitFor();
    await page.getByText("1 of 4 who can vote").waitFor();
    await page.locator(".counts-table, table", { hasText: "Yes" }).first().waitFor();
    // The form now offers a change, from the ballot in the answer.
    await page.getByRole("button", { name: "Change my ballot" }).waitFor();
    await page.getByRole("radio", { name: "No", exact: true }).check();
    await page.getByRole("button", { name: "Change my ballot" }).click();
    await page.getByText("Your ballot was changed.").waitFor();
    log.stop();
    const posts = log.seen.filter((r) => r.method === "POST");
    const reloads = log.seen.filter((r) => r.method === "GET" && (r.document || r.path.includes(".data")));
    expect(posts).toHaveLength(2);
    for (const r of posts) expect(r.path).toMatch(new RegExp(`^/a/${room.slug}/proposals/${room.proposalId}\\.data(\\?index)?$`));
    expect(reloads).toEqual([]);
    // Still the proposal's page: no navigation to anywhere else.
    expect(new URL(page.url()).pathname).toBe(new URL(url).pathname);
    await ctx.close();

    // Without JavaScript: the form posts, the answer redirects to the page, which shows the count.
    const noJs = await signedInContext(browser, app, room.members[1].session, { phone: true, javaScriptEnabled: false });
    const plain = await noJs.newPage();
    await plain.goto(url);
    await plain.getByRole("radio", { name: "Abstain", exact: true }).check();
    await plain.getByRole("button", { name: "Cast my ballot" }).click();
    await plain.waitForURL(/done=voted/);
    await plain.getByText("Your ballot was counted.").waitFor();
    await plain.getByText("2 of 4 who can vote").waitFor();
    await noJs.close();
  });

  it("on a meeting phone: with JavaScript the ballot is answered in place and the phone reloads nothing; without, the phone still votes", { timeout: 300_000 }, async () => {
    const prepared = await prepareRoom({ members: 3, method: "majority" });
    const room: Room = prepared.room;
    const app = await startApp({}, prepared.dbPath);
    apps.push(app);
    const meeting = `/a/${room.slug}/meetings/${room.meetingId}`;
    for (const m of room.members) await post(app, m.session, `${meeting}/phone`, { intent: "code", code: room.code });
    const laptop = await signedInContext(browser, app, room.facilitator.session);
    const fay = await laptop.newPage();
    await fay.goto(`${app.url}${meeting}/run`);
    await hydrated(fay);
    await fay.getByRole("button", { name: "Start the meeting" }).click();
    await fay.locator(".current-title", { hasText: "Welcome" }).waitFor();
    await fay.getByRole("button", { name: /Next item/ }).click();
    await fay.locator(".current-title", { hasText: "Front door lock" }).waitFor();
    await fay.getByRole("button", { name: "Open a vote on this proposal" }).click();
    await fay.locator(".vote-panel", { hasText: "Vote open" }).waitFor();

    const ctx = await signedInContext(browser, app, room.members[0].session, { phone: true });
    const page = await ctx.newPage();
    await page.goto(`${app.url}${meeting}/phone`);
    await hydrated(page);
    await page.getByRole("radio", { name: "Yes", exact: true }).waitFor();
    const log = recordRequests(page);
    await page.getByRole("radio", { name: "Yes", exact: true }).check();
    await page.getByRole("button", { name: "Cast my ballot" }).click();
    await page.getByText("Your ballot is counted.", { exact: false }).waitFor();
    await page.locator(".vote-card", { hasText: "1 of 3 have voted" }).waitFor();
    // The live stream brings the room's new state; give a reload, if any were coming, time to start.
    await page.waitForTimeout(1_000);
    log.stop();
    expect(log.seen.filter((r) => r.method === "POST").map((r) => r.path.replace(/\?.*$/, ""))).toEqual([`${meeting}/phone.data`]);
    expect(log.seen.filter((r) => r.method === "GET" && (r.document || r.path.includes(".data")))).toEqual([]);
    await ctx.close();

    const noJs = await signedInContext(browser, app, room.members[1].session, { phone: true, javaScriptEnabled: false });
    const plain = await noJs.newPage();
    await plain.goto(`${app.url}${meeting}/phone`);
    await plain.getByRole("radio", { name: "No", exact: true }).check();
    await plain.getByRole("button", { name: "Cast my ballot" }).click();
    await plain.getByText("Your ballot is counted.", { exact: false }).waitFor();
    await noJs.close();
    await laptop.close();
  });
});
