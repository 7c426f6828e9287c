/**
 * The server's front door over real HTTP: body size limits before anything reads the body,
 * only forms reach an action, unknown methods and unreadable headers get a clear 4xx, and
 * forwarded headers count only behind a proxy we were told about (TRUST_PROXY=1).
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type App } from "../helpers/browser";

let app: App;
let proxied: App;
beforeAll(async () => {
  [app, proxied] = await Promise.all([startApp(), startApp({ TRUST_PROXY: "1" })]);
});
afterAll(async () => {
  await app?.stop();
  await proxied?.stop();
});

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** A raw request (fetch refuses TRACE, and a huge body must be cut off mid-way). */
function send(base: string, method: string, path: string, opts: { headers?: Record<string, string>; body?: string | Buffer; streamBytes?: number } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const u = new URL(path, base);
    let answered = false;
    const req = http.request({ agent: false, host: u.hostname, port: u.port, method, path: u.pathname + u.search, headers: { origin: base, ...opts.headers } }, (res) => {
      answered = true;
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    // Once the server has answered, a reset while we still send is expected.
    req.on("error", (e) => (answered ? undefined : reject(e)));
    if (opts.streamBytes) {
      // Chunked, with no Content-Length: the server must stop reading on its own.
      const chunk = Buffer.alloc(1024 * 1024, "a");
      let sent = 0;
      const pump = () => {
        while (sent < opts.streamBytes!) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        req.end();
      };
      req.on("response", () => (sent = opts.streamBytes!));
      pump();
    } else req.end(opts.body);
  });
}

const formType = { "content-type": "application/x-www-form-urlencoded" };
const signupBody = (u: string) => new URLSearchParams({ username: u, displayName: u, password: "long enough pw", confirm: "long enough pw" }).toString();

async function canLogIn(base: string, username: string) {
  const r = await send(base, "POST", "/login", { headers: formType, body: new URLSearchParams({ username, password: "long enough pw" }).toString() });
  return r.status === 302;
}

describe("request bodies", () => {
  it("refuses a body over the limit before reading it: a declared 50 MB login is a 413", async () => {
    const r = await send(app.url, "POST", "/login", { headers: { ...formType, "content-length": String(50 * 1024 * 1024) }, body: "" }).catch((e) => e);
    // The server answers at once and closes; the client may see the answer or the closed socket.
    if (!(r instanceof Error)) {
      expect(r.status).toBe(413);
      expect(r.body).toMatch(/too large/i);
    }
  });

  it("stops reading a chunked body that grows past the limit (413)", async () => {
    const r = await send(app.url, "POST", "/signup", { headers: formType, streamBytes: 20 * 1024 * 1024 }).catch((e: Error) => e);
    // Either the 413 arrives before the client's next write, or that write meets the closed
    // connection (EPIPE/ECONNRESET): both mean the server stopped long before 20 MB.
    if (r instanceof Error) expect(r.message).toMatch(/EPIPE|ECONNRESET|socket hang up/);
    else expect(r.status).toBe(413);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  it("keeps the small limit for pages anyone can post to, and a larger one for signed-in forms", async () => {
    const big = "x".repeat(40 * 1024);
    expect((await send(app.url, "POST", "/login", { headers: formType, body: `username=a&password=${big}` })).status).toBe(413);
    // A signed-in form of 40 KB passes the size check (and then asks for a login).
    expect((await send(app.url, "POST", "/assemblies/new", { headers: formType, body: `name=${big}` })).status).toBe(302);
  });

  it("answers JSON, plain text and a body with no type with 415, and writes nothing", async () => {
    const json = await send(app.url, "POST", "/signup", { headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "json1", displayName: "J", password: "long enough pw", confirm: "long enough pw" }) });
    expect(json.status).toBe(415);
    const text = await send(app.url, "POST", "/signup", { headers: { "content-type": "text/plain" }, body: signupBody("text1") });
    expect(text.status).toBe(415);
    const none = await send(app.url, "POST", "/signup", { body: signupBody("none1") });
    expect(none.status).toBe(415);
    const dataRoute = await send(app.url, "POST", "/signup.data", { headers: { "content-type": "application/json" }, body: "{}" });
    expect(dataRoute.status).toBe(415);
    for (const u of ["json1", "text1", "none1"]) expect(await canLogIn(app.url, u)).toBe(false);
  });

  it("answers a multipart body with a broken boundary with 400", async () => {
    const r = await send(app.url, "POST", "/signup", { headers: { "content-type": "multipart/form-data; boundary=XYZ" }, body: "--ABC\r\nnot a part\r\n" });
    expect(r.status).toBe(400);
    const noBoundary = await send(app.url, "POST", "/login", { headers: { "content-type": "multipart/form-data" }, body: "username=a" });
    expect(noBoundary.status).toBe(400);
  });

  it("still takes a real form, urlencoded or multipart", async () => {
    expect((await send(app.url, "POST", "/signup", { headers: formType, body: signupBody("plain1") })).status).toBe(302);
    const fd = new FormData();
    fd.set("username", "multi1");
    fd.set("displayName", "M");
    fd.set("password", "long enough pw");
    fd.set("confirm", "long enough pw");
    const r = await fetch(`${app.url}/signup`, { method: "POST", body: fd, headers: { origin: app.url }, redirect: "manual" });
    expect(r.status).toBe(302);
    expect(await canLogIn(app.url, "multi1")).toBe(true);
  });
});

describe("writes per session", () => {
  it("counts a session's posts before reading them: the 301st in a minute is a 429", async () => {
    const cookie = "plenary_session=not-a-real-session-but-counted";
    let last: Answer | undefined;
    for (let i = 0; i < 301; i++) last = await send(proxied.url, "POST", "/assemblies/new", { headers: { ...formType, cookie }, body: "name=x" });
    expect(last!.status).toBe(429);
    // Another session is not affected.
    expect((await send(proxied.url, "POST", "/assemblies/new", { headers: { ...formType, cookie: "plenary_session=another" }, body: "name=x" })).status).toBe(302);
  });
});

describe("methods and headers", () => {
  it("answers DELETE /login, PUT and TRACE / with 405 and the methods it takes", async () => {
    for (const [m, p] of [["DELETE", "/login"], ["TRACE", "/"], ["PUT", "/signup"], ["PATCH", "/account"]]) {
      const r = await send(app.url, m, p);
      expect(r.status, `${m} ${p}`).toBe(405);
      expect(r.headers.allow).toBe("GET, HEAD, POST");
    }
  });

  it("refuses a post whose Referer is not a URL (403, not 500)", async () => {
    const r = await send(app.url, "POST", "/login", { headers: { ...formType, origin: "", referer: "not a url" }, body: "username=a&password=b" });
    expect(r.status).toBe(403);
  });

  it("logs none of these as an error", () => {
    expect(app.logs()).not.toMatch(/Error|at .*\.js:\d+/);
  });
});

describe("forwarded headers", () => {
  it("ignores X-Forwarded-Proto without TRUST_PROXY: no Secure cookie over plain HTTP", async () => {
    const r = await send(app.url, "POST", "/signup", { headers: { ...formType, "x-forwarded-proto": "https" }, body: signupBody("fwd1") });
    expect(r.status).toBe(302);
    expect(String(r.headers["set-cookie"])).not.toMatch(/Secure/);
  });

  it("ignores X-Forwarded-Host in the origin check without TRUST_PROXY", async () => {
    const r = await send(app.url, "POST", "/signup", { headers: { ...formType, origin: "http://evil.example", "x-forwarded-host": "evil.example" }, body: signupBody("fwd2") });
    expect(r.status).toBe(403);
  });

  it("follows them behind a proxy it was told about (TRUST_PROXY=1)", async () => {
    const r = await send(proxied.url, "POST", "/signup", { headers: { ...formType, "x-forwarded-proto": "https" }, body: signupBody("fwd3") });
    expect(r.status).toBe(302);
    expect(String(r.headers["set-cookie"])).toMatch(/Secure/);
  });
});
