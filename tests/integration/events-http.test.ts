/**
 * The event stream over real HTTP: the production server (app/bin/server.mjs) on a free port, 300
 * phones connected to the meeting's stream, one action by the facilitator — every stream
 * must have the new state within a second. Everything is set up through ordinary form posts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type App } from "../helpers/browser";

let app: App;

beforeAll(async () => {
  app = await startApp();
}, 240_000);

afterAll(async () => {
  await app?.stop();
});

async function post(path: string, form: Record<string, string>, cookie = "") {
  return fetch(`${app.url}${path}`, { method: "POST", body: new URLSearchParams(form), headers: { cookie }, redirect: "manual" });
}

type Stream = { first: Promise<string>; until: (pred: (data: string) => boolean) => Promise<string>; close: () => void; headers: Headers };

/** One phone: an open event stream; resolves with the time a matching state arrived. */
async function openStream(url: string, cookie: string): Promise<Stream> {
  const ac = new AbortController();
  const res = await fetch(url, { headers: { cookie, accept: "text/event-stream", "accept-encoding": "gzip, br" }, signal: ac.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const seen: string[] = [];
  const waiters = new Set<() => void>();
  let buffer = "";
  (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let i;
        while ((i = buffer.indexOf("\n\n")) >= 0) {
          const frame = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const data = frame
            .split("\n")
            .filter((l) => l.startsWith("data: "))
            .map((l) => l.slice(6))
            .join("\n");
          if (frame.includes("event: state") && data) seen.push(data);
          for (const w of waiters) w();
        }
      }
    } catch {
      /* aborted */
    }
  })();
  const until = (pred: (data: string) => boolean) =>
    new Promise<string>((resolve) => {
      const check = () => {
        const hit = seen.find((data) => pred(data));
        if (hit !== undefined) {
          waiters.delete(check);
          resolve(hit);
        }
      };
      waiters.add(check);
      check();
    });
  return { first: until(() => true), until, close: () => ac.abort(), headers: res.headers };
}

describe("meeting event stream over HTTP", () => {
  it("brings one facilitator action to 300 connected phones", async () => {
    const signup = await post("/signup", { username: "hana", displayName: "Hana", password: "correct horse battery", confirm: "correct horse battery" });
    const cookie = (signup.headers.get("set-cookie") ?? "").split(";")[0];
    expect(cookie).toMatch(/^plenary_session=/);
    expect((await post("/assemblies/new", { name: "Birch Co-op", kind: "worker_coop", slug: "birch", description: "", preset: "simple_majority" }, cookie)).status).toBe(302);
    const scheduled = await post("/a/birch/meetings/new", { title: "Load test", startsAt: "2030-01-15T18:00", durationMinutes: "60", place: "", link: "" }, cookie);
    expect(scheduled.status).toBe(302);
    const meetingPath = scheduled.headers.get("location")!;
    expect(meetingPath).toMatch(/^\/a\/birch\/meetings\/[\w-]+$/);

    const streams = await Promise.all(Array.from({ length: 300 }, () => openStream(`${app.url}${meetingPath}/events`, cookie)));
    await Promise.all(streams.map((s) => s.first));
    // Never compressed, never cached: phones must get each message as it is sent.
    expect(streams[0].headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(streams[0].headers.get("content-encoding")).toBeNull();

    const started = await post(`${meetingPath}/run`, { intent: "start", early: "1" }, cookie);
    expect(started.status).toBe(200);
    // Every phone gets the change; how fast is the bench's business (bench/README.md).
    await Promise.all(streams.map((s) => s.until((d) => d.includes('"status":"running"'))));
    for (const s of streams) s.close();
  }, 60_000);
});
