/**
 * Steps the browser journeys of a body's life share (federation, a delegate's month): people
 * sign up or join by an invitation link, and a steward opens and closes a voting round that
 * members vote or rank in. Each step waits for the page's own confirmation, so a journey reads
 * as the clicks a person makes.
 */
import type { Browser, Page } from "playwright-core";
import { expect } from "vitest";
import { fillSignup, newContext, signUpViaUi, type App } from "./browser";

type Opts = { phone?: boolean; javaScriptEnabled?: boolean };

const displayName = (username: string) => username[0].toUpperCase() + username.slice(1);

/** A proposal's own page (not the form for a new one), for `page.waitForURL`. */
export const isProposalUrl = (u: URL) => /^\/a\/[a-z0-9-]+\/proposals\/[A-Za-z0-9_-]+$/.test(u.pathname) && !u.pathname.endsWith("/new");

/** People for a journey on `live` (read when called, so `liveApp()`'s hooks have run). */
export function people(live: { app: App; browser: Browser }) {
  return {
    /** A new person signed up through the form, in a context of their own. */
    async person(username: string, opts: Opts = {}): Promise<Page> {
      const page = await (await newContext(live.browser, opts)).newPage();
      await signUpViaUi(page, live.app.url, { username, displayName: displayName(username) });
      return page;
    },
    /** A new person who signs up and joins `slug` through an invitation link, on a phone. */
    async joinByLink(link: string, username: string, slug: string, opts: Opts = {}): Promise<Page> {
      const page = await (await newContext(live.browser, { phone: true, ...opts })).newPage();
      await page.goto(link);
      await fillSignup(page, { username, displayName: displayName(username) });
      await page.getByRole("button", { name: "Create account and join" }).click();
      await page.waitForURL(`**/a/${slug}?joined=1`);
      return page;
    },
  };
}

export async function openRound(page: Page, url: string) {
  await page.goto(url);
  await page.getByLabel("Open for (days)").fill("1");
  await page.getByRole("button", { name: "Open a voting round" }).click();
  await expect(page.getByRole("heading", { name: "Round 1 is open" })).toBeVisible();
}

export async function vote(page: Page, url: string, choice: string) {
  await page.goto(url);
  await page.getByRole("radio", { name: choice, exact: true }).check();
  await page.getByRole("button", { name: "Cast my ballot" }).click();
  await expect(page.getByText("Your ballot was counted", { exact: false })).toBeVisible();
}

export async function rank(page: Page, url: string, name: string) {
  await page.goto(url);
  await page.getByLabel(`Rank for ${name}`).selectOption("1");
  await page.getByRole("button", { name: "Cast my ballot" }).click();
  await expect(page.getByText("Your ballot was counted", { exact: false })).toBeVisible();
}

export async function closeRound(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole("button", { name: "Close the round now and decide" }).click();
  await expect(page.getByText("The round is closed and decided.")).toBeVisible();
}
