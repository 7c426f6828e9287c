import { describe, expect, it } from "vitest";
import * as signup from "~/routes/signup";
import * as login from "~/routes/login";
import * as logout from "~/routes/logout";
import * as account from "~/routes/account";
import { getUser } from "~/web/session.server";
import { call, makeRequest, person } from "../helpers/remix";
import { hashPassword, insertUser } from "~/models/user.server";

/** Tests that hash a hundred passwords (scrypt at OWASP's cost) get the time that takes on a busy machine. */
const HEAVY = 180_000;

describe("accounts", () => {
  it("signs up, starts a session and refuses a duplicate username", async () => {
    const ok = await call(signup.action, "/signup", { form: { username: "Rosa", displayName: "Rosa P", password: "long enough pw", confirm: "long enough pw" } });
    expect(ok.status).toBe(302);
    const cookie = ok.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const user = await getUser(makeRequest("/", { cookie: cookie.split(";")[0] }));
    expect(user?.username).toBe("rosa");

    const dup = await call(signup.action, "/signup", { form: { username: "rosa", displayName: "Other", password: "long enough pw", confirm: "long enough pw" } });
    expect(dup.status).toBe(400);
    expect(dup.data.errors.username).toBe("errors.username.taken");
    expect(dup.data.values.displayName).toBe("Other");
    expect(dup.data.values.password).toBeUndefined();
  });

  it("marks the cookie Secure over HTTPS", async () => {
    const r = await call(signup.action, "https://plenary.example/signup", { form: { username: "secure1", displayName: "S", password: "long enough pw", confirm: "long enough pw" } });
    expect(r.headers.get("set-cookie")).toMatch(/Secure/);
  });

  it("shows field errors next to the fields and keeps the input", async () => {
    const r = await call(signup.action, "/signup", { form: { username: "x", displayName: "", password: "short", confirm: "other" } });
    expect(r.status).toBe(400);
    expect(r.data.errors).toMatchObject({ username: "errors.username.short", displayName: "errors.required", password: "errors.password.short" });
    expect(r.data.values.username).toBe("x");
  });

  it("gives the same message for a wrong password and an unknown user", async () => {
    await person("lucia1");
    const wrong = await call(login.action, "/login", { form: { username: "lucia1", password: "nope nope nope" } });
    const unknown = await call(login.action, "/login", { form: { username: "nobody-here", password: "nope nope nope" } });
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect(wrong.data.errors.form).toBe("errors.login.invalid");
    expect(unknown.data.errors).toEqual(wrong.data.errors);
    const right = await call(login.action, "/login", { form: { username: "LUCIA1", password: "correct horse battery", redirectTo: "/account" } });
    expect(right.status).toBe(302);
    expect(right.location).toBe("/account");
  });

  it("never redirects off-site after login", async () => {
    await person("redir1");
    const r = await call(login.action, "/login", { form: { username: "redir1", password: "correct horse battery", redirectTo: "//evil.example/x" } });
    expect(r.location).toBe("/");
  });

  it("lets sixty members behind one address log in within two minutes: successes are not limited", async () => {
    const room = "203.0.113.50";
    // One real password hash for the whole room: the check is the limiter, not hashing.
    const passwordHash = await hashPassword("correct horse battery");
    for (let i = 0; i < 60; i++) insertUser({ username: `room${i}`, displayName: `Room ${i}`, passwordHash });
    for (let i = 0; i < 60; i++) {
      const r = await call(login.action, "/login", { form: { username: `room${i}`, password: "correct horse battery" }, headers: { "x-plenary-client": room } });
      expect(r.status, `member ${i + 1}`).toBe(302);
    }
  }, HEAVY);

  it("slows a guesser at their own address without locking the owner out from theirs", async () => {
    await person("steward-x");
    let last;
    for (let i = 0; i < 20; i++) last = await call(login.action, "/login", { form: { username: "steward-x", password: `guess-${i}-xxxx` }, headers: { "x-plenary-client": "198.51.100.66" } });
    expect(last!.status).toBe(429);
    expect(last!.data.errors.form).toBe("errors.rateLimited");
    // Even the right password waits at the guesser's address…
    const there = await call(login.action, "/login", { form: { username: "steward-x", password: "correct horse battery" }, headers: { "x-plenary-client": "198.51.100.66" } });
    expect(there.status).toBe(429);
    // …while the owner, from their own address, gets in at once.
    const owner = await call(login.action, "/login", { form: { username: "steward-x", password: "correct horse battery" }, headers: { "x-plenary-client": "192.0.2.10" } });
    expect(owner.status).toBe(302);
  }, HEAVY);

  it("lets a room of sixty sign up from one address; a hundred accounts an hour is the limit", async () => {
    const signUp = (i: number) => call(signup.action, "/signup", { form: { username: `newcomer${i}`, displayName: `N ${i}`, password: "long enough pw", confirm: "long enough pw" }, headers: { "x-plenary-client": "203.0.113.60" } });
    for (let i = 0; i < 100; i++) expect((await signUp(i)).status, `sign-up ${i + 1}`).toBe(302);
    const over = await signUp(100);
    expect(over.status).toBe(429);
    expect(over.data.errors.form).toBe("errors.rateLimited");
  }, HEAVY);

  it("counts failures from one address across accounts (spraying)", async () => {
    let last;
    for (let i = 0; i < 101; i++) last = await call(login.action, "/login", { form: { username: `spray${i}`, password: "password123" }, headers: { "x-plenary-client": "192.0.2.7" } });
    expect(last!.status).toBe(429);
    // Another address is not affected.
    await person("sprayed-not");
    const ok = await call(login.action, "/login", { form: { username: "sprayed-not", password: "correct horse battery" }, headers: { "x-plenary-client": "192.0.2.8" } });
    expect(ok.status).toBe(302);
  }, HEAVY);

  it("logs out and ends the session", async () => {
    const { cookie } = await person("leaver1");
    const r = await call(logout.action, "/logout", { method: "POST", cookie });
    expect(r.status).toBe(302);
    expect(r.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    expect(await getUser(makeRequest("/", { cookie }))).toBeNull();
  });

  it("lists sessions, ends another one, and a password change ends the rest", async () => {
    const a = await person("multi1");
    const second = await call(login.action, "/login", { form: { username: "multi1", password: "correct horse battery" } });
    const cookieB = second.headers.get("set-cookie")!.split(";")[0];
    const page = await call(account.loader, "/account", { cookie: a.cookie });
    expect(page.data.sessions).toHaveLength(2);
    const other = page.data.sessions.find((s: { current: boolean }) => !s.current);
    expect(JSON.stringify(page.data)).not.toContain(cookieB.split("=")[1]);
    await call(account.action, "/account", { cookie: a.cookie, form: { intent: "end-session", sessionId: other.handle } });
    expect(await getUser(makeRequest("/", { cookie: cookieB }))).toBeNull();
    expect(await getUser(makeRequest("/", { cookie: a.cookie }))).not.toBeNull();

    const third = await call(login.action, "/login", { form: { username: "multi1", password: "correct horse battery" } });
    const cookieC = third.headers.get("set-cookie")!.split(";")[0];
    const bad = await call(account.action, "/account", { cookie: a.cookie, form: { intent: "password", current: "wrong one!!", password: "a new long password", confirm: "a new long password" } });
    expect(bad.data.errors.current).toBe("errors.password.wrongCurrent");
    const ok = await call(account.action, "/account", { cookie: a.cookie, form: { intent: "password", current: "correct horse battery", password: "a new long password", confirm: "a new long password" } });
    expect(ok.data.ok).toBe(true);
    expect(await getUser(makeRequest("/", { cookie: cookieC }))).toBeNull();
    const relog = await call(login.action, "/login", { form: { username: "multi1", password: "a new long password" } });
    expect(relog.status).toBe(302);
  });
});
