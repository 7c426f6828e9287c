/**
 * A full room at once (bench/README.md): 200 phones from one address, each doing what a
 * phone with JavaScript does on meeting night — hold the meeting's event stream open, check
 * in with the code, cast a ballot when the vote opens (its form says `answer=inPlace`) and
 * reload its page's data only if the answer asks it to (a redirect, or an answer not given in
 * place) — then the facilitator closes the vote. Measured: how long the room takes to vote
 * (from the vote opening to the last phone's answer, and reload if any), ballots answered per
 * second, and how long until each phone's stream has the outcome (from the close; p99 and last). The room is made by tests/helpers/room-setup.ts in the
 * bench's database before the server starts (`prepareRoom`), so it needs no sign-ups.
 */
import http from "node:http";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import path from "node:path";
import type { Room } from "../tests/helpers/room-setup";

export const ROOM_PHONES = 200;

export type RoomResult = {
  phones: number;
  checkInMs: number;
  /** From the vote opening to the last phone's ballot and reload answered. */
  voteMs: number;
  ballotP50: number;
  ballotP99: number;
  /** Phones ÷ the time from the first ballot sent to the last answered (with its reload, if any). */
  votesPerS: number;
  /** How many phones reloaded their page's data after voting (0 when the answer came in place). */
  reloaded: number;
  /** From the close request to the last phone's stream having the outcome. */
  outcomeAllMs: number;
  outcomeP50: number;
  outcomeP99: number;
  missed: number;
};

/** Makes the room in the bench's database (run before the server opens it). */
export async function prepareRoom(root: string, dbPath: string, phones = ROOM_PHONES): Promise<Room> {
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", path.join(root, "tests", "helpers", "room-setup.ts"), JSON.stringify({ members: phones, method: "majority", slug: "bench-room" })], {
    cwd: root,
    env: { ...process.env, DATABASE_PATH: dbPath, PLENARY_NO_BACKGROUND: "1" },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split("\n").pop()!) as Room;
}

function percentile(xs: number[], p: number) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function request(base: URL, method: "GET" | "POST", pathname: string, cookie: string, body?: Record<string, string>): Promise<{ status: number; text: string }> {
  const data = body ? new URLSearchParams(body).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: base.hostname,
        port: base.port,
        path: pathname,
        method,
        agent,
        headers: { cookie, origin: base.origin, ...(data ? { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(data) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(data);
  });
}

/** One phone's event stream: the latest state's JSON (parsed only on request) and a wait for a byte pattern. */
type Stream = { close: () => void; latest: () => string | null; waitFor: (test: string | ((data: string) => boolean)) => Promise<number> };

function openStream(base: URL, pathname: string, cookie: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    let buf = "";
    let last: string | null = null;
    const waiters: Array<{ test: (data: string) => boolean; resolve: (t: number) => void }> = [];
    const testOf = (t: string | ((data: string) => boolean)) => (typeof t === "string" ? (d: string) => d.includes(t) : t);
    const req = http.get({ host: base.hostname, port: base.port, path: pathname, headers: { cookie, accept: "text/event-stream" } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`event stream: HTTP ${res.statusCode}`));
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buf += chunk;
        let end: number;
        while ((end = buf.indexOf("\n\n")) >= 0) {
          const frame = buf.slice(0, end);
          buf = buf.slice(end + 2);
          if (!frame.includes("event: state")) continue;
          const data = frame.slice(frame.indexOf("data: ") + 6);
          last = data;
          for (let i = waiters.length - 1; i >= 0; i--)
            if (waiters[i].test(data)) {
              waiters[i].resolve(performance.now());
              waiters.splice(i, 1);
            }
        }
      });
      resolve({
        close: () => req.destroy(),
        latest: () => last,
        waitFor: (t) => (last !== null && testOf(t)(last) ? Promise.resolve(performance.now()) : new Promise((r) => waiters.push({ test: testOf(t), resolve: r }))),
      });
    });
    req.on("error", reject);
  });
}

/** Resolves with `p`, or rejects after `ms` (the bench stops by itself, never hangs). */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`room: ${what} took over ${ms / 1000} s`)), ms).unref())]);
}

/** The room's evening, against a running server. */
export async function roomBench(url: string, room: Room, routes: { phoneIndex: boolean; runIndex: boolean }): Promise<RoomResult> {
  const base = new URL(url);
  const meeting = `/a/${room.slug}/meetings/${room.meetingId}`;
  const phonePath = `${meeting}/phone.data${routes.phoneIndex ? "?index" : ""}`;
  const runPath = `${meeting}/run.data${routes.runIndex ? "?index" : ""}`;
  const cookieOf = (p: { session: string }) => `plenary_session=${p.session}`;
  const fay = cookieOf(room.facilitator);
  const post = async (pathname: string, cookie: string, body: Record<string, string>) => {
    const r = await request(base, "POST", pathname, cookie, body);
    if (r.status >= 400) throw new Error(`room: ${body.intent} refused (HTTP ${r.status}) ${r.text.slice(0, 200)}`);
    return r;
  };
  type Live = { state: { current: { id: string; kind: string } | null; vote: { roundId: string } | null } };
  const state = (s: Stream) => (JSON.parse(s.latest() ?? "null") as Live | null)?.state ?? null;

  const console_ = await openStream(base, `${meeting}/events`, fay);
  await post(runPath, fay, { intent: "start", early: "1" });
  await within(console_.waitFor('"status":"running"'), 30_000, "starting");

  // Every phone opens the stream and checks in, as people arrive (all at once here).
  const t0 = performance.now();
  const streams = await Promise.all(room.members.map((p) => openStream(base, `${meeting}/events`, cookieOf(p))));
  await Promise.all(room.members.map((p) => post(phonePath, cookieOf(p), { intent: "code", code: room.code })));
  const checkInMs = performance.now() - t0;

  // The proposal, and the vote on it.
  const item = state(console_)?.current?.id ?? "";
  await post(runPath, fay, { intent: "next", fromItemId: item });
  await within(console_.waitFor((d) => (JSON.parse(d) as Live).state.current?.kind === "proposal"), 30_000, "moving to the proposal");
  const proposalItem = state(console_)!.current!.id;
  const opened = performance.now();
  await post(runPath, fay, { intent: "openVote", itemId: proposalItem });
  await within(console_.waitFor('"closed":false'), 30_000, "opening the vote");
  const roundId = state(console_)!.vote!.roundId;

  // Each phone sees the vote arrive on its stream, votes, and reloads its page's data.
  const choices = ["yes", "yes", "no", "abstain"];
  const ballotMs: number[] = [];
  let firstSent = Infinity;
  let lastDone = 0;
  let reloaded = 0;
  await within(
    Promise.all(
      room.members.map(async (p, i) => {
        await streams[i].waitFor(`"roundId":"${roundId}"`);
        const s = performance.now();
        firstSent = Math.min(firstSent, s);
        const answer = await post(phonePath, cookieOf(p), { intent: "vote", roundId, choice: choices[i % choices.length], answer: "inPlace" });
        if (!/inPlace/.test(answer.text)) {
          reloaded++;
          const reload = await request(base, "GET", `${meeting}/phone.data`, cookieOf(p));
          if (reload.status !== 200) throw new Error(`room: reload HTTP ${reload.status}`);
        }
        ballotMs.push(performance.now() - s);
        lastDone = Math.max(lastDone, performance.now());
      }),
    ),
    300_000,
    "voting",
  );
  const voteMs = performance.now() - opened;

  // The facilitator closes the vote: how long until every phone has the outcome.
  const closing = performance.now();
  await post(runPath, fay, { intent: "closeVote", roundId });
  const seen = await Promise.allSettled(streams.map((s) => within(s.waitFor('"closed":true,"participants"'), 60_000, "the outcome")));
  const times = seen.flatMap((r) => (r.status === "fulfilled" ? [r.value - closing] : []));
  for (const s of [...streams, console_]) s.close();
  return {
    phones: room.members.length,
    checkInMs,
    voteMs,
    ballotP50: percentile(ballotMs, 50),
    ballotP99: percentile(ballotMs, 99),
    votesPerS: room.members.length / ((lastDone - firstSent) / 1000),
    reloaded,
    outcomeAllMs: Math.max(...times),
    outcomeP50: percentile(times, 50),
    outcomeP99: percentile(times, 99),
    missed: seen.length - times.length,
  };
}
