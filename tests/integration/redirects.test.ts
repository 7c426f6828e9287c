/**
 * Every redirect target that comes from a request (login, signup, the language switch, the
 * invitation page) is resolved against the app's origin and must stay on it: a target
 * that a browser would resolve to another host, or that holds CR/LF, is replaced by "/".
 */
import { describe, expect, it } from "vitest";
import * as login from "~/routes/login";
import * as signup from "~/routes/signup";
import * as locale from "~/routes/locale";
import { safeRedirectTo } from "~/web/http.server";
import { call, person } from "../helpers/remix";

/** Where a browser on http://localhost:3000 would go with this Location. */
const landsOn = (location: string) => new URL(location, "http://localhost:3000");

const HOSTILE = [
  "//evil.example/x",
  "/\\evil.example/x",
  "/x/../\\evil.example/pwned",
  "/x/..%2F%5Cevil.example",
  "/\tevil.example",
  "/\t/evil.example",
  "/\\\tevil.example",
  "/%09/evil.example",
  "/x/../\t/evil.example",
  "https://evil.example/",
  "javascript:alert(1)",
  " //evil.example",
  "/\r\nSet-Cookie: a=b",
  "/ok\r\nLocation: //evil.example",
  "/x\u0000",
];

describe("redirect targets from a request", () => {
  it("keeps ordinary paths, with their query and fragment", () => {
    expect(safeRedirectTo("/a/tenants/proposals?status=open#p1")).toBe("/a/tenants/proposals?status=open#p1");
    expect(safeRedirectTo("/join/abc")).toBe("/join/abc");
    expect(safeRedirectTo("/a/./b/../c")).toBe("/a/c");
  });

  it("turns every target that would leave the site (or break the header) into /", () => {
    for (const to of HOSTILE) {
      const out = safeRedirectTo(to);
      expect(landsOn(out).host, JSON.stringify(to)).toBe("localhost:3000");
      expect(out.startsWith("/") && !out.startsWith("//") && !/[\\\u0000-\u001f]/.test(out), JSON.stringify(to)).toBe(true);
    }
  });

  it("the login page sends a signed-in person only to this site, and CR/LF is not a 500", async () => {
    const { cookie } = await person("redir-loader");
    for (const to of HOSTILE) {
      const r = await call(login.loader, `/login?redirectTo=${encodeURIComponent(to)}`, { cookie });
      expect(r.status, JSON.stringify(to)).toBe(302);
      expect(landsOn(r.location!).host, JSON.stringify(to)).toBe("localhost:3000");
    }
    const r = await call(login.loader, "/login?redirectTo=%2Fx%2F..%2F%5Chost%2Fpwned", { cookie });
    expect(r.location).not.toMatch(/host\/pwned$/);
    expect(landsOn(r.location!).host).toBe("localhost:3000");
  });

  it("logging in, signing up and switching language stay on this site", async () => {
    await person("redir-act");
    for (const to of HOSTILE) {
      const a = await call(login.action, "/login", { form: { username: "redir-act", password: "correct horse battery", redirectTo: to } });
      expect(a.status, JSON.stringify(to)).toBe(302);
      expect(landsOn(a.location!).host).toBe("localhost:3000");
      const l = await call(locale.action, "/locale", { form: { locale: "es", redirectTo: to } });
      expect(l.status, JSON.stringify(to)).toBe(302);
      expect(landsOn(l.location!).host).toBe("localhost:3000");
    }
    const s = await call(signup.action, "/signup", { form: { username: "redir-su", displayName: "R", password: "long enough pw", confirm: "long enough pw", redirectTo: "/x/../\\evil.example" } });
    expect(s.status).toBe(302);
    expect(landsOn(s.location!).host).toBe("localhost:3000");
  });
});
