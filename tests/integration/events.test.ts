/**
 * The live event stream, read the way a browser's EventSource reads it: real loader,
 * real ReadableStream, real database. Measures how fast an action reaches every client.
 */
import { afterEach, describe, expect, it } from "vitest";
import * as events from "~/routes/a.$slug.meetings.$id.events";
import { scheduleMeeting, startMeeting } from "~/models/meeting.server";
import { addAgendaItem } from "~/models/agenda.server";
import { checkIn, checkOut } from "~/models/attendance.server";
import { raiseHand } from "~/models/stack.server";
import { castMeetingBallot, openMeetingVote } from "~/models/meeting-vote.server";
import { castBallot } from "~/models/round.server";
import { createProposal } from "~/models/proposal.server";
import { busStats, subscriberCount } from "~/lib/events.server";
import type { LiveMessage } from "~/lib/meeting-state";
import { defaultCharter } from "~/lib/charter";
import { BASE } from "../helpers/remix";
import { assemblyWith } from "../helpers/decisions";

type Client = {
  messages: Array<{ event: string; id: string | null; data: string }>;
  abort: () => void;
  waitFor: (pred: (m: { event: string; data: string }) => boolean, timeoutMs?: number) => Promise<{ event: string; data: string }>;
};

const open: Client[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.abort();
});

/** Connects like EventSource: GET with the session cookie, reads and parses SSE frames. */
async function connect(slug: string, meetingId: string, cookie: string, headers: Record<string, string> = {}): Promise<Client> {
  const ac = new AbortController();
  const request = new Request(`${BASE}/a/${slug}/meetings/${meetingId}/events`, { headers: { cookie, accept: "text/event-stream", ...headers }, signal: ac.signal });
  const res = (await events.loader({ request, params: { slug, id: meetingId }, context: {} })) as Response;
  expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const messages: Client["messages"] = [];
  const waiters: Array<() => void> = [];
  let buffer = "";
  (async () => {
    for (;;) {
      let chunk;
      try {
        chunk = await reader.read();
      } catch {
        return;
      }
      if (chunk.done) return;
      buffer += decoder.decode(chunk.value, { stream: true });
      let i;
      while ((i = buffer.indexOf("\n\n")) >= 0) {
        const raw = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const lines = raw.split("\n");
        const field = (n: string) => lines.filter((l) => l.startsWith(`${n}: `)).map((l) => l.slice(n.length + 2));
        const data = field("data").join("\n");
        if (!data) continue;
        messages.push({ event: field("event")[0] ?? "message", id: field("id")[0] ?? null, data });
        waiters.splice(0).forEach((w) => w());
      }
    }
  })();
  const client: Client = {
    messages,
    abort: () => ac.abort(),
    // A generous wait: these tests check which events arrive and in what order, not how fast.
    waitFor: (pred, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no matching event in time")), timeoutMs);
        const check = () => {
          const m = messages.find(pred);
          if (m) {
            clearTimeout(timer);
            resolve(m);
          } else waiters.push(check);
        };
        check();
      }),
  };
  open.push(client);
  return client;
}

const stateOf = (data: string) => (JSON.parse(data) as LiveMessage).state;

async function runningMeeting(members = 4) {
  const charter = defaultCharter();
  charter.defaultMethod = "majority";
  const a = await assemblyWith({ members, prefix: "ev", charter });
  const now = Date.now();
  const meeting = scheduleMeeting({ assemblyId: a.assembly.id, title: "Live", startsAt: now + 7 * 86_400_000, durationMinutes: 60, place: "", link: "", shortNotice: false, createdBy: a.founder.id, now });
  if (!meeting.ok) throw new Error("schedule failed");
  addAgendaItem(meeting.meeting.id, { kind: "discussion", title: "Heating", timeboxMinutes: 10 });
  startMeeting(meeting.meeting.id, now);
  for (const m of [a.founder, ...a.members]) checkIn({ meetingId: meeting.meeting.id, userId: m.id, by: m.id, method: "code", now });
  return { ...a, meeting: meeting.meeting };
}

describe("meeting event stream", () => {
  it("sends the state on connect, and two clients receive the same update after an action", async () => {
    const { slug, meeting, founder, members } = await runningMeeting();
    const consoleClient = await connect(slug, meeting.id, founder.cookie);
    const phone = await connect(slug, meeting.id, members[0].cookie);
    const first = await consoleClient.waitFor((m) => m.event === "state");
    await phone.waitFor((m) => m.event === "state");
    const v0 = stateOf(first.data).version;
    expect(stateOf(first.data).meeting.status).toBe("running");
    expect(JSON.parse(first.data).serverNow).toBeGreaterThan(0);

    const r = raiseHand({ meetingId: meeting.id, userId: members[0].id, by: members[0].id, now: Date.now() });
    expect(r.ok).toBe(true);
    const hasHand = (m: { event: string; data: string }) => m.event === "state" && stateOf(m.data).stack.waiting.some((w) => w.userId === members[0].id);
    const [a, b] = await Promise.all([consoleClient.waitFor(hasHand), phone.waitFor(hasHand)]);
    expect(stateOf(a.data).version).toBeGreaterThan(v0);
    expect(a.data).toBe(b.data);
  });

  it("fans one snapshot out to 300 phones", async () => {
    const { slug, meeting, founder, members } = await runningMeeting(2);
    const clients = await Promise.all(Array.from({ length: 300 }, () => connect(slug, meeting.id, founder.cookie)));
    await Promise.all(clients.map((c) => c.waitFor((m) => m.event === "state")));
    expect(subscriberCount(meeting.id)).toBe(300);
    const built = busStats().built;
    raiseHand({ meetingId: meeting.id, userId: members[1].id, by: members[1].id, now: Date.now() });
    await Promise.all(clients.map((c) => c.waitFor((m) => m.event === "state" && stateOf(m.data).stack.waiting.length === 1)));
    // One state built for the change, however many listen.
    expect(busStats().built - built).toBe(1);
  });

  it("gives every screen that connects at one version the same encoded state, after a clock of its own", async () => {
    const { slug, meeting, founder, members } = await runningMeeting(3);
    /** The raw chunks a connecting screen is sent first: retry, its head, the state (it stays connected). */
    const firstChunks = async (cookie: string) => {
      const ac = new AbortController();
      const request = new Request(`${BASE}/a/${slug}/meetings/${meeting.id}/events`, { headers: { cookie, accept: "text/event-stream" }, signal: ac.signal });
      const res = (await events.loader({ request, params: { slug, id: meeting.id }, context: {} })) as Response;
      const reader = res.body!.getReader();
      const chunks: Uint8Array[] = [];
      while (chunks.length < 3) chunks.push((await reader.read()).value!);
      open.push({ messages: [], abort: () => ac.abort(), waitFor: () => Promise.reject(new Error("raw")) });
      return chunks;
    };
    const [, headA, bodyA] = await firstChunks(members[0].cookie);
    await new Promise((r) => setTimeout(r, 5));
    const [, headB, bodyB] = await firstChunks(members[1].cookie);
    // One encoding of the state, shared; each screen's own bytes are a few dozen.
    expect(bodyB).toBe(bodyA);
    expect(headB).not.toBe(headA);
    expect(headA.length).toBeLessThan(80);
    const text = new TextDecoder();
    const frame = text.decode(headB) + text.decode(bodyB);
    expect(frame).toMatch(/^id: \d+\nevent: state\ndata: \{"serverNow":\d+,"state":\{.*\}\}\n\n$/s);
    expect(stateOf(frame.slice(frame.indexOf("data: ") + 6, -2)).meeting.id).toBe(meeting.id);
    // A change makes a new version: the next screen gets the new state.
    raiseHand({ meetingId: meeting.id, userId: members[2].id, by: members[2].id, now: Date.now() });
    await new Promise((r) => setTimeout(r, 20));
    const [, , bodyC] = await firstChunks(founder.cookie);
    expect(bodyC).not.toBe(bodyA);
    expect(text.decode(bodyC)).toContain(members[2].id);
  });

  it("answers a reconnect that already has the current version with the clock only", async () => {
    const { slug, meeting, founder } = await runningMeeting(1);
    const c1 = await connect(slug, meeting.id, founder.cookie);
    const s = await c1.waitFor((m) => m.event === "state");
    const version = stateOf(s.data).version;
    const c2 = await connect(slug, meeting.id, founder.cookie, { "last-event-id": String(version) });
    const clock = await c2.waitFor((m) => m.event === "clock");
    expect(JSON.parse(clock.data).serverNow).toBeGreaterThan(0);
    expect(c2.messages.some((m) => m.event === "state")).toBe(false);
    // A stale one gets the whole state.
    const c3 = await connect(slug, meeting.id, founder.cookie, { "last-event-id": String(version - 3) });
    expect(stateOf((await c3.waitFor((m) => m.event === "state")).data).version).toBe(version);
  });

  it("stops listening when the client goes away", async () => {
    const { slug, meeting, founder } = await runningMeeting(1);
    const c = await connect(slug, meeting.id, founder.cookie);
    await c.waitFor((m) => m.event === "state");
    expect(subscriberCount(meeting.id)).toBe(1);
    c.abort();
    await new Promise((r) => setTimeout(r, 20));
    expect(subscriberCount(meeting.id)).toBe(0);
  });

  it("is for members of the assembly only", async () => {
    const { slug, meeting } = await runningMeeting(1);
    const outsider = await assemblyWith({ members: 0, prefix: "evx" });
    const asOutsider = await events.loader({ request: new Request(`${BASE}/a/${slug}/meetings/${meeting.id}/events`, { headers: { cookie: outsider.founder.cookie } }), params: { slug, id: meeting.id }, context: {} }).catch((e) => e);
    expect((asOutsider as Response).status).toBe(404);
    // A meeting id of another assembly, under an assembly the person belongs to: not found either.
    const wrong = await events.loader({ request: new Request(`${BASE}/a/${outsider.slug}/meetings/${meeting.id}/events`, { headers: { cookie: outsider.founder.cookie } }), params: { slug: outsider.slug, id: meeting.id }, context: {} }).catch((e) => e);
    expect((wrong as Response).status).toBe(404);
    const anonymous = await events.loader({ request: new Request(`${BASE}/a/${slug}/meetings/${meeting.id}/events`), params: { slug, id: meeting.id }, context: {} }).catch((e) => e);
    expect((anonymous as Response).status).toBe(302);
  });

  it("never sends a secret round's choices before it closes, and shows ballots cast from elsewhere", async () => {
    const a = await runningMeeting(3);
    const proposal = createProposal({ assemblyId: a.assembly.id, authorId: a.founder.id, kind: "recall", title: "Recall", body: "b" });
    const item = addAgendaItem(a.meeting.id, { kind: "proposal", title: "Recall", timeboxMinutes: 10, proposalId: proposal.id });
    if (!item.ok) throw new Error("item");
    const { nextItem } = await import("~/models/meeting.server");
    const { getMeeting } = await import("~/models/meeting.server");
    nextItem(a.meeting.id, getMeeting(a.meeting.id)!.currentItemId, Date.now());
    const opened = openMeetingVote({ meetingId: a.meeting.id, itemId: item.itemId, by: a.founder.id, now: Date.now() });
    if (!opened.ok) throw new Error(JSON.stringify(opened));
    const c = await connect(a.slug, a.meeting.id, a.founder.cookie);
    await c.waitFor((m) => m.event === "state" && stateOf(m.data).vote?.secret === true);
    castMeetingBallot({ meetingId: a.meeting.id, roundId: opened.roundId, userId: a.members[0].id, choice: "yes", now: Date.now() });
    const after = await c.waitFor((m) => m.event === "state" && stateOf(m.data).vote?.participants === 1);
    expect(stateOf(after.data).vote?.counts).toBeNull();
    expect(after.data).not.toMatch(/"yes":\d/);
    // A ballot through the round's own function (as the proposal page casts it): picked up by the poll.
    castBallot({ roundId: opened.roundId, userId: a.members[1].id, choice: "no", now: Date.now() });
    const polled = await c.waitFor((m) => m.event === "state" && stateOf(m.data).vote?.participants === 2);
    expect(stateOf(polled.data).version).toBeGreaterThan(stateOf(after.data).version);
  });
});

describe("frames for a big room", () => {
  it("leave out the list of people present when it did not change, and send it again when it does", async () => {
    const { slug, meeting, founder, members } = await runningMeeting(6);
    const phone = await connect(slug, meeting.id, members[0].cookie);
    const first = stateOf((await phone.waitFor((m) => m.event === "state")).data);
    expect(first.attendance.present).toHaveLength(7);

    raiseHand({ meetingId: meeting.id, userId: members[1].id, by: members[1].id, now: Date.now() });
    const hand = await phone.waitFor((m) => m.event === "state" && stateOf(m.data).version > first.version);
    expect(stateOf(hand.data).attendance.present).toBeNull();
    expect(stateOf(hand.data).attendance.quorum.present).toBe(first.attendance.quorum.present);

    // A newcomer always gets the whole state.
    const late = await connect(slug, meeting.id, founder.cookie);
    const whole = stateOf((await late.waitFor((m) => m.event === "state")).data);
    expect(whole.attendance.present).toHaveLength(7);

    checkOut({ meetingId: meeting.id, userId: members[5].id, now: Date.now() });
    const left = await phone.waitFor((m) => m.event === "state" && Array.isArray(stateOf(m.data).attendance.present) && stateOf(m.data).version > stateOf(hand.data).version);
    expect(stateOf(left.data).attendance.present).toHaveLength(6);
  });
});
