import { describe, expect, it } from "vitest";
import { expectNoSeriousA11yViolations, fillSignup, foundAssemblyViaUi, hydrated, invitationLinkViaUi, liveApp, newContext, signUpViaUi } from "../helpers/browser";

const live = liveApp();

for (const javaScriptEnabled of [true, false]) {
  describe(`founding and joining an assembly (JavaScript ${javaScriptEnabled ? "on" : "off"})`, () => {
    it("one person founds and invites, another signs up through the link, both see each other", async () => {
      // axe runs inside the page, so it needs JavaScript; the same pages are checked in the JS run.
      const a11y = javaScriptEnabled ? expectNoSeriousA11yViolations : async () => {};
      const tag = javaScriptEnabled ? "js" : "nojs";
      const founderCtx = await newContext(live.browser, { javaScriptEnabled });
      const founder = await founderCtx.newPage();
      await founder.goto(live.app.url);
      await a11y(founder);
      const requests: string[] = [];
      founder.on("request", (r) => requests.push(new URL(r.url()).pathname));
      await signUpViaUi(founder, live.app.url, { username: `ana-${tag}`, displayName: `Ana ${tag}` });
      if (javaScriptEnabled) {
        await hydrated(founder);
        // A marker on window survives only client-side navigation (no full page load).
        await founder.evaluate(() => ((window as any).__stillHere = true));
      }

      await founder.getByRole("link", { name: "Found an assembly" }).click();
      await founder.getByLabel("Name", { exact: true }).fill(`Elm Street Tenants ${tag}`);
      await founder.getByLabel("Kind").selectOption("tenant_union");
      await founder.getByLabel("Short name for its web address").fill(`elm-${tag}`);
      await founder.getByLabel("Description").fill("Tenants of 12 Elm Street.");
      await founder.getByLabel("Two-thirds supermajority").check();
      await a11y(founder);
      await founder.getByRole("button", { name: "Found the assembly" }).click();
      await founder.waitForURL(`**/a/elm-${tag}/charter?founded=1`);
      if (javaScriptEnabled) {
        // The v3 future flags at work with the classic compiler: client-side navigation
        // and submission (v3_singleFetch: *.data requests; v3_lazyRouteDiscovery: /__manifest).
        expect(await founder.evaluate(() => (window as any).__stillHere)).toBe(true);
        expect(requests.some((p) => p.endsWith(".data"))).toBe(true);
        expect(requests.some((p) => p === "/__manifest")).toBe(true);
      }
      await expect(founder.getByRole("heading", { level: 1 })).toHaveText("Charter, version 1");
      await expect(founder.getByText("By supermajority: at least 2/3 of votes cast must vote yes.")).toBeVisible();
      await a11y(founder);

      // Adjust one setting: consensus minus one.
      await founder.getByLabel("Blocks that still let a proposal pass").fill("1");
      await founder.getByRole("button", { name: "Save as a new version" }).click();
      await founder.waitForURL(`**/charter?saved=2`);
      await expect(founder.getByText(/Consensus minus 1/)).toBeVisible();

      // A bad value is refused next to its field, with the input kept.
      await founder.getByText("Adjust the settings").click();
      await founder.getByLabel("Supermajority (at least)", { exact: true }).fill("3/2");
      await founder.getByRole("button", { name: "Save as a new version" }).click();
      await expect(founder.getByText("The fraction must be more than 0 and at most 1 (e.g. 1/2, 2/3, 3/4).")).toBeVisible();
      await expect(founder.getByLabel("Supermajority (at least)", { exact: true })).toHaveValue("3/2");

      await founder.goto(`${live.app.url}/a/elm-${tag}/invitations`);
      await founder.getByLabel("Label").fill("door knocking");
      await founder.getByLabel("How many people can use it").fill("5");
      await founder.getByRole("button", { name: "Create link" }).click();
      const link = await founder.getByLabel("Invitation link").inputValue();
      expect(link).toMatch(/\/join\/[A-Za-z0-9_-]{20,}$/);
      await a11y(founder);

      const joinerCtx = await newContext(live.browser, { javaScriptEnabled, phone: true });
      const joiner = await joinerCtx.newPage();
      await joiner.goto(link);
      await expect(joiner.getByRole("heading", { level: 1 })).toHaveText(`Join Elm Street Tenants ${tag}`);
      await a11y(joiner);
      await fillSignup(joiner, { username: `ben-${tag}`, displayName: `Ben ${tag}` });
      await joiner.getByRole("button", { name: "Create account and join" }).click();
      await joiner.waitForURL(`**/a/elm-${tag}?joined=1`);
      await expect(joiner.getByText(`Welcome! You are now a member of Elm Street Tenants ${tag}.`, { exact: false })).toBeVisible();
      await joiner.getByRole("link", { name: "Members" }).click();
      await expect(joiner.getByText(`Ana ${tag}`, { exact: true })).toBeVisible();
      await expect(joiner.getByText(`Ben ${tag}`, { exact: true })).toBeVisible();
      await a11y(joiner);

      await founder.goto(`${live.app.url}/a/elm-${tag}/members`);
      await expect(founder.getByText(`Ben ${tag}`, { exact: true })).toBeVisible();
      await founder.goto(`${live.app.url}/a/elm-${tag}/invitations`);
      await expect(founder.getByRole("cell", { name: "1 of 5" })).toBeVisible();

      // Once others have joined, the charter changes only by amendment.
      await founder.goto(`${live.app.url}/a/elm-${tag}/charter`);
      await expect(founder.getByRole("button", { name: "Save as a new version" })).toHaveCount(0);

      await founderCtx.close();
      await joinerCtx.close();
    });
  });
}

it("a revoked link says so clearly", async () => {
  const ctx = await newContext(live.browser);
  const page = await ctx.newPage();
  await signUpViaUi(page, live.app.url, { username: "cora", displayName: "Cora" });
  await page.goto(`${live.app.url}/assemblies/new`);
  await page.getByLabel("Name", { exact: true }).fill("Oak Co-op");
  await page.getByRole("button", { name: "Found the assembly" }).click();
  await page.waitForURL("**/a/oak-co-op/charter?founded=1");
  await page.goto(`${live.app.url}/a/oak-co-op/invitations`);
  await page.getByRole("button", { name: "Create link" }).click();
  const link = await page.getByLabel("Invitation link").inputValue();
  await page.getByRole("button", { name: /Revoke invitation/ }).click();
  await expect(page.getByText("Invitation revoked.")).toBeVisible();
  const other = await (await newContext(live.browser)).newPage();
  await other.goto(link);
  await expect(other.getByRole("heading", { level: 1 })).toHaveText("This invitation cannot be used");
  await expect(other.getByText("This invitation link was revoked by a steward.")).toBeVisible();
  await ctx.close();
});

it("someone with an account opens a link, logs in from it and joins", async () => {
  const steward = await (await newContext(live.browser)).newPage();
  await signUpViaUi(steward, live.app.url, { username: "dana", displayName: "Dana" });
  await foundAssemblyViaUi(steward, live.app.url, { name: "Birch Commune", slug: "birch" });
  const link = await invitationLinkViaUi(steward, live.app.url, "birch");

  const setup = await (await newContext(live.browser)).newPage();
  await signUpViaUi(setup, live.app.url, { username: "eli", displayName: "Eli" });

  const ctx = await newContext(live.browser, { phone: true });
  const page = await ctx.newPage();
  await page.goto(link);
  await hydrated(page);
  await page.getByRole("link", { name: "Log in" }).last().click();
  await page.waitForURL("**/login?redirectTo=%2Fjoin%2F*");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Log in");
  await page.getByLabel("Username").fill("eli");
  await page.getByLabel("Password", { exact: true }).fill("correct horse battery");
  await page.getByRole("button", { name: /log in/i }).click();
  await page.waitForURL("**/join/**");
  await expect(page.getByText("You are logged in as Eli.")).toBeVisible();
  await page.getByRole("button", { name: "Join" }).click();
  await page.waitForURL("**/a/birch?joined=1");
  await ctx.close();
});
