/**
 * The content policy runs only scripts that carry the page's own nonce ('unsafe-inline'
 * is gone for scripts), and every page still hydrates under it, with no violation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { foundAssemblyViaUi, hydrated, launchBrowser, newContext, signUpViaUi, startApp, type App } from "../helpers/browser";

let app: App;
let browser: Browser;
beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

function scriptSrc(policy: string) {
  return policy.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src")) ?? "";
}

/** Collects CSP violations the page reports. */
async function watchViolations(page: Page) {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  await page.addInitScript(() => {
    // "eval" is left out: the policy never allowed it, the app's bundles contain none, and
    // playwright's own waitForFunction compiles its predicate inside the page.
    document.addEventListener("securitypolicyviolation", (e) => {
      if (e.blockedURI !== "eval") console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return seen;
}

describe("content security policy", () => {
  it("names a fresh nonce for scripts, without 'unsafe-inline', and every inline script carries it", async () => {
    const a = await fetch(`${app.url}/login`);
    const b = await fetch(`${app.url}/login`);
    const policy = a.headers.get("content-security-policy")!;
    const src = scriptSrc(policy);
    expect(src).not.toContain("'unsafe-inline'");
    const nonce = src.match(/'nonce-([^']+)'/)?.[1];
    expect(nonce).toBeTruthy();
    expect(scriptSrc(b.headers.get("content-security-policy")!)).not.toContain(nonce!);
    const html = await a.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attrs of scripts) expect(attrs).toContain(`nonce="${nonce}"`);
    // The rest of the policy is kept.
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("form-action 'self'");
  });

  it("pages hydrate under the policy, with no violation", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const violations = await watchViolations(page);
    for (const p of ["/", "/login", "/signup", "/forgot", "/reset/no-such-link"]) {
      await page.goto(`${app.url}${p}`);
      await hydrated(page);
    }
    await signUpViaUi(page, app.url, { username: "csp1", displayName: "Csp" });
    await hydrated(page);
    await foundAssemblyViaUi(page, app.url, { name: "Nonce Tenants", slug: "nonce-tenants" });
    for (const p of ["/a/nonce-tenants", "/a/nonce-tenants/proposals/new", "/a/nonce-tenants/meetings", "/a/nonce-tenants/members", "/account"]) {
      await page.goto(`${app.url}${p}`);
      await hydrated(page);
    }
    // An error page (no hydration marker: the app's outlet is not rendered) runs no blocked script either.
    await page.goto(`${app.url}/no/such/page`);
    await page.waitForLoadState("load");
    expect(violations).toEqual([]);
    await ctx.close();
  });
});
