/**
 * Notices by email, end to end: a member opts in on their account page, a vote opens, the
 * server's own background work sends the message to a real SMTP server started here
 * (smtp-server), and the one-click unsubscribe link from that message, opened in the browser,
 * turns the notices off, as the account page then shows.
 */
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import type { Browser } from "playwright-core";
import { fillSignup, foundAssemblyViaUi, invitationLinkViaUi, launchBrowser, newContext, signUpViaUi, startApp, type App } from "../helpers/browser";

type Received = { to: string[]; raw: string };
const received: Received[] = [];
let smtp: SMTPServer;
let app: App;
let browser: Browser;

/** A port free now, so the server's PUBLIC_URL (the links in its messages) can name it before it starts. */
async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, done) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString("utf8")));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  const port = await freePort();
  app = await startApp({ PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, MAIL_FROM: "Plenary <plenary@test.example>" });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

/** Quoted-printable soft breaks and folded headers undone, so a link reads whole. */
const unfold = (raw: string) => raw.replace(/=\r?\n/g, "").replace(/\r?\n[ \t]+/g, " ");

async function until<T>(what: string, f: () => T | undefined, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`waited ${ms / 1000} s for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("notices by email", () => {
  it("a member opts in on their account page, a vote opens, the message arrives, and its unsubscribe link turns notices off", async () => {
    const rosaCtx = await newContext(browser);
    const rosa = await rosaCtx.newPage();
    await signUpViaUi(rosa, app.url, { username: "rosa", displayName: "Rosa" });
    await foundAssemblyViaUi(rosa, app.url, { name: "Maple Housing Co-op", slug: "maple" });
    const link = await invitationLinkViaUi(rosa, app.url, "maple");

    // Ben joins on his phone and asks for notices.
    const benCtx = await newContext(browser, { phone: true });
    const ben = await benCtx.newPage();
    await ben.goto(link);
    await fillSignup(ben, { username: "ben", displayName: "Ben" });
    await ben.getByRole("button", { name: "Create account and join" }).click();
    await ben.waitForURL("**/a/maple?joined=1");
    await ben.goto(`${app.url}/account`);
    await ben.getByLabel("Email address (optional)").fill("ben@example.org");
    await ben.getByLabel("Email me when a vote opens, before it closes, and once a week").check();
    await ben.getByRole("button", { name: "Save email settings" }).click();
    await expect(ben.getByText("Email settings saved.")).toBeVisible();
    await ben.reload();
    expect(await ben.getByLabel("Email me when a vote opens, before it closes, and once a week").isChecked()).toBe(true);

    // Rosa opens a vote.
    await rosa.goto(`${app.url}/a/maple/proposals/new`);
    await rosa.getByLabel("Title").fill("Paint the stairwell");
    await rosa.getByLabel("Text of the proposal").fill("We paint the stairwell green in May.");
    await rosa.getByRole("button", { name: "Create the proposal" }).click();
    await rosa.waitForURL((u) => /^\/a\/maple\/proposals\/[A-Za-z0-9_-]+$/.test(u.pathname) && !u.pathname.endsWith("/new"));
    await rosa.getByLabel("Open for (days)").fill("3");
    await rosa.getByRole("button", { name: "Open a voting round" }).click();
    await expect(rosa.getByRole("heading", { name: "Round 1 is open" })).toBeVisible();

    // The server's background work (every few seconds) sends it; only Ben asked.
    const mail = await until("the message at the SMTP server", () => received.find((m) => m.to.includes("ben@example.org")));
    expect(received.filter((m) => !m.to.includes("ben@example.org"))).toEqual([]);
    const text = unfold(mail.raw);
    expect(text).toContain("Paint the stairwell");
    expect(text).toMatch(/^List-Unsubscribe: <http:\/\/127\.0\.0\.1:\d+\/unsubscribe\/[A-Za-z0-9_-]+>/m);
    const unsubscribe = text.match(/http:\/\/127\.0\.0\.1:\d+\/unsubscribe\/[A-Za-z0-9_-]+/)![0];
    expect(unsubscribe.startsWith(app.url)).toBe(true);

    // One click, from a browser that is not even logged in (a mail app's).
    const mailAppCtx = await newContext(browser, { phone: true });
    const mailApp = await mailAppCtx.newPage();
    await mailApp.goto(unsubscribe);
    await expect(mailApp.getByRole("heading", { name: "No more emails" })).toBeVisible();
    await mailAppCtx.close();

    await ben.goto(`${app.url}/account`);
    await expect(ben.getByLabel("Email address (optional)")).toHaveValue("ben@example.org");
    expect(await ben.getByLabel("Email me when a vote opens, before it closes, and once a week").isChecked()).toBe(false);
    await benCtx.close();
    await rosaCtx.close();
  });
});
