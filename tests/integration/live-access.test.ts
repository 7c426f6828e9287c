/**
 * Losing access ends a live stream at once: removing a member, changing their role, ending
 * their session or changing their password closes their open event streams; any other
 * loss of access is caught by the periodic re-check.
 */
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "~/db.server";
import { meetings } from "../../db/schema";
import * as events from "~/routes/a.$slug.meetings.$id.events";
import * as members from "~/routes/a.$slug.members";
import * as account from "~/routes/account";
import * as logout from "~/routes/logout";
import { scheduleMeeting, startMeeting } from "~/models/meeting.server";
import { addMember, removeMember } from "~/models/membership.server";
import { openStreamCount, recheckStreams } from "~/web/live-access.server";
import { startSession } from "~/web/session.server";
import { BASE, call, makeRequest, person } from "../helpers/remix";
import { assemblyWith } from "../helpers/decisions";

/** Opens the stream like EventSource and resolves `closed` when the server ends it. */
async function watch(slug: string, meetingId: string, cookie: string, query = "") {
  const request = new Request(`${BASE}/a/${slug}/meetings/${meetingId}/events${query}`, { headers: { cookie, accept: "text/event-stream" } });
  const res = (await events.loader({ request, params: { slug, id: meetingId }, context: {} })) as Response;
  expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
  const reader = res.body!.getReader();
  let ended = false;
  const closed = (async () => {
    for (;;) {
      const { done } = await reader.read();
      if (done) return (ended = true);
    }
  })();
  return { closed, isOpen: () => !ended };
}

/** Resolves true when the stream ends within a generous wait (the check is that it ends, not how fast). */
const endsSoon = (s: { closed: Promise<unknown> }) => Promise.race([s.closed.then(() => true), new Promise((r) => setTimeout(() => r(false), 5_000))]);

async function world() {
  const a = await assemblyWith({ members: 3, prefix: "ls" });
  const now = Date.now();
  const r = scheduleMeeting({ assemblyId: a.assembly.id, title: "Live", startsAt: now + 7 * 86_400_000, durationMinutes: 60, place: "", link: "", shortNotice: false, createdBy: a.founder.id, now });
  if (!r.ok) throw new Error("schedule");
  startMeeting(r.meeting.id, now);
  return { ...a, meeting: r.meeting };
}

describe("live streams end when access ends", () => {
  it("a removed member's stream closes at once; others stay open", async () => {
    const w = await world();
    const gone = await watch(w.slug, w.meeting.id, w.members[0].cookie);
    const stays = await watch(w.slug, w.meeting.id, w.members[1].cookie);
    const r = await call(members.action, `/a/${w.slug}/members`, { cookie: w.founder.cookie, params: { slug: w.slug }, form: { intent: "remove", userId: w.members[0].id } });
    expect(r.status).toBe(200);
    expect(await endsSoon(gone)).toBe(true);
    expect(stays.isOpen()).toBe(true);
    // Reconnecting is refused.
    const again = await call(events.loader, `/a/${w.slug}/meetings/${w.meeting.id}/events`, { cookie: w.members[0].cookie, params: { slug: w.slug, id: w.meeting.id } });
    expect(again.status).toBe(404);
  });

  it("a role change closes the stream (it reconnects under the new role)", async () => {
    const w = await world();
    const s = await watch(w.slug, w.meeting.id, w.members[1].cookie);
    const r = await call(members.action, `/a/${w.slug}/members`, { cookie: w.founder.cookie, params: { slug: w.slug }, form: { intent: "roles", userId: w.members[1].id, role: "observer" } });
    expect(r.status).toBe(200);
    expect(await endsSoon(s)).toBe(true);
  });

  it("logging out, ending a session elsewhere and changing the password close that person's streams", async () => {
    const w = await world();
    const m = w.members[2];
    const other = (await startSession(makeRequest("/"), m.id)).split(";")[0];
    const third = (await startSession(makeRequest("/"), m.id)).split(";")[0];
    const onPhone = await watch(w.slug, w.meeting.id, other);
    const onLaptop = await watch(w.slug, w.meeting.id, m.cookie);
    const onTablet = await watch(w.slug, w.meeting.id, third);
    expect((await call(logout.action, "/logout", { method: "POST", cookie: third })).status).toBe(302);
    expect(await endsSoon(onTablet)).toBe(true);
    expect(onPhone.isOpen() && onLaptop.isOpen()).toBe(true);
    // From the laptop: "log out everywhere else" ends the phone's stream, not the laptop's.
    expect((await call(account.action, "/account", { cookie: m.cookie, form: { intent: "end-others" } })).status).toBe(200);
    expect(await endsSoon(onPhone)).toBe(true);
    expect(onLaptop.isOpen()).toBe(true);
  });

  it("changing the password closes the person's streams in their other sessions", async () => {
    const w = await world();
    const { user, cookie } = await person("streams-pw");
    addMember(w.assembly.id, user.id, "member");
    const elsewhere = (await startSession(makeRequest("/"), user.id)).split(";")[0];
    const there = await watch(w.slug, w.meeting.id, elsewhere);
    const here = await watch(w.slug, w.meeting.id, cookie);
    const pw = { intent: "password", current: "correct horse battery", password: "another long passphrase", confirm: "another long passphrase" };
    expect((await call(account.action, "/account", { cookie, form: pw })).status).toBe(200);
    expect(await endsSoon(there)).toBe(true);
    expect(here.isOpen()).toBe(true);
  });

  it("the periodic re-check closes a stream whose member left by another way", async () => {
    const w = await world();
    const s = await watch(w.slug, w.meeting.id, w.members[0].cookie);
    const before = openStreamCount();
    expect(removeMember(w.assembly.id, w.members[0].id).ok).toBe(true);
    recheckStreams();
    expect(await endsSoon(s)).toBe(true);
    expect(openStreamCount()).toBe(before - 1);
  });

  it("the re-check closes a console stream (with running counts) once its holder no longer facilitates the meeting", async () => {
    const w = await world();
    const m = w.members[0];
    db.update(meetings).set({ facilitatorId: m.id }).where(eq(meetings.id, w.meeting.id)).run();
    const console_ = await watch(w.slug, w.meeting.id, m.cookie, "?for=console");
    const phone = await watch(w.slug, w.meeting.id, m.cookie);
    db.update(meetings).set({ facilitatorId: null }).where(eq(meetings.id, w.meeting.id)).run();
    recheckStreams();
    expect(await endsSoon(console_)).toBe(true);
    expect(phone.isOpen()).toBe(true);
  });
});
