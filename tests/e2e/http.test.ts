/** The real production server over HTTP: origin checks, error pages, headers, health. */
import { describe, expect, it } from "vitest";
import { liveApp } from "../helpers/browser";

const live = liveApp({ browser: false });

const form = (o: Record<string, string>) => new URLSearchParams(o).toString();

describe("the server", () => {
  it("answers /healthz with JSON once the database answers", async () => {
    const r = await fetch(`${live.app.url}/healthz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ status: "ok", database: "ok", writable: true });
  });

  it("refuses a POST from another origin, and accepts the same one from its own", async () => {
    const body = form({ username: "eve1", displayName: "Eve", password: "long enough pw", confirm: "long enough pw" });
    const headers = { "content-type": "application/x-www-form-urlencoded" };
    const cross = await fetch(`${live.app.url}/signup`, { method: "POST", body, headers: { ...headers, origin: "http://evil.example" }, redirect: "manual" });
    expect(cross.status).toBe(403);
    const fetchSite = await fetch(`${live.app.url}/signup`, { method: "POST", body, headers: { ...headers, "sec-fetch-site": "cross-site" }, redirect: "manual" });
    expect(fetchSite.status).toBe(403);
    const same = await fetch(`${live.app.url}/signup`, { method: "POST", body, headers: { ...headers, origin: live.app.url }, redirect: "manual" });
    expect(same.status).toBe(302);
    expect(same.headers.get("set-cookie")).toMatch(/HttpOnly; SameSite=Lax/);
  });

  it("shows a friendly 404 page without internals", async () => {
    const r = await fetch(`${live.app.url}/no/such/page`);
    expect(r.status).toBe(404);
    const html = await r.text();
    expect(html).toContain("Not found");
    expect(html).not.toMatch(/at .*\.js:\d+/);
  });

  it("serves every page with its own assets only and a strict content policy", async () => {
    const r = await fetch(`${live.app.url}/login`);
    const html = await r.text();
    expect(r.headers.get("content-security-policy")).toContain("default-src 'self'");
    for (const m of html.matchAll(/(?:src|href)="([^"]+)"/g)) expect(m[1]).toMatch(/^(\/|#)/);
  });

  it("answers in Spanish to a Spanish browser before anyone chooses", async () => {
    const r = await fetch(`${live.app.url}/login`, { headers: { "accept-language": "es-MX,es;q=0.9,en;q=0.5" } });
    const html = await r.text();
    expect(html).toContain('lang="es"');
    expect(html).toContain("Entrar");
  });
});
