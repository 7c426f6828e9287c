/**
 * The meeting pages' loaders and actions, called as the server calls them: who may do
 * what, the join by code, the Markdown export and the iCalendar feed (parsed back by ical.js).
 */
import { describe, expect, it } from "vitest";
import ICAL from "ical.js";
import * as list from "~/routes/a.$slug.meetings._index";
import * as schedule from "~/routes/a.$slug.meetings.new";
import * as plan from "~/routes/a.$slug.meetings.$id._index";
import * as run from "~/routes/a.$slug.meetings.$id.run";
import * as screen from "~/routes/a.$slug.meetings.$id.screen";
import * as phone from "~/routes/a.$slug.meetings.$id.phone";
import * as panel from "~/routes/a.$slug_.meetings.$id.panel";
import * as events from "~/routes/a.$slug.meetings.$id.events";
import * as minutesPage from "~/routes/a.$slug.meetings.$id.minutes";
import * as minutesMd from "~/routes/a.$slug.meetings.$id.minutes[.]md";
import * as joinIndex from "~/routes/m._index";
import * as joinCode from "~/routes/m.$code";
import * as ics from "~/routes/calendar.$token";
import { INTENTS } from "~/web/meeting-actions.server";
import { escapeText, fold } from "~/lib/meeting-ics";
import { toLocalInput } from "~/lib/meeting-fields";
import { getMeeting, scheduleMeeting, cancelMeeting } from "~/models/meeting.server";
import { addAgendaItem, listAgenda } from "~/models/agenda.server";
import { createProposal } from "~/models/proposal.server";
import { getUserById } from "~/models/user.server";
import { defaultCharter } from "~/lib/charter";
import { call, makeRequest } from "../helpers/remix";
import { assemblyWith } from "../helpers/decisions";

const DAY = 86_400_000;

async function world() {
  const charter = defaultCharter();
  charter.defaultMethod = "majority";
  const a = await assemblyWith({ members: 3, observers: 1, charter, prefix: "rt" });
  const outsider = await assemblyWith({ members: 0, prefix: "rto" });
  const r = scheduleMeeting({ assemblyId: a.assembly.id, title: "Tenants, Elm; \"Block\" 5", startsAt: Date.now() + 5 * DAY, durationMinutes: 90, place: "Hall, 12 Elm St", link: "", shortNotice: false, createdBy: a.founder.id, now: Date.now() });
  if (!r.ok) throw new Error("schedule");
  const path = `/a/${a.slug}/meetings/${r.meeting.id}`;
  const params = { slug: a.slug, id: r.meeting.id };
  return { ...a, outsider, meeting: r.meeting, path, params };
}

describe("who may do what", () => {
  it("lets only facilitators schedule, and enforces the charter's notice with a clear field error", async () => {
    const w = await world();
    const form = { title: "Extra", startsAt: toLocalInput(Date.now() + DAY), durationMinutes: "60", place: "", link: "" };
    const asMember = await call(schedule.action, `/a/${w.slug}/meetings/new`, { form, cookie: w.members[0].cookie, params: { slug: w.slug } });
    expect(asMember.status).toBe(403);
    const short = await call(schedule.action, `/a/${w.slug}/meetings/new`, { form, cookie: w.founder.cookie, params: { slug: w.slug } });
    expect(short.status).toBe(400);
    expect(short.data.errors.shortNotice).toBe("meetings.errors.notice");
    expect(short.data.values.title).toBe("Extra");
    const ok = await call(schedule.action, `/a/${w.slug}/meetings/new`, { form: { ...form, shortNotice: "on" }, cookie: w.founder.cookie, params: { slug: w.slug } });
    expect(ok.status).toBe(302);
    expect(ok.location).toMatch(new RegExp(`^/a/${w.slug}/meetings/[\\w-]+$`));
    const bad = await call(schedule.action, `/a/${w.slug}/meetings/new`, { form: { ...form, startsAt: "tomorrow", link: "javascript:alert(1)", durationMinutes: "2" }, cookie: w.founder.cookie, params: { slug: w.slug } });
    expect(bad.data.errors).toMatchObject({ startsAt: "meetings.errors.dateFormat", link: "meetings.errors.link", durationMinutes: "meetings.errors.duration" });
  });

  it("refuses every facilitator action to a plain member (403), every action to an outsider (404) and to nobody logged in", async () => {
    const w = await world();
    const memberOnly = new Set(["suggest", "code", "leave", "raise", "lower", "vote", "giveProxy", "revokeProxy"]);
    const pages: Array<[typeof plan.action, readonly string[], string]> = [
      [plan.action, INTENTS.plan, w.path],
      [run.action, INTENTS.console, `${w.path}/run`],
      [minutesPage.action, INTENTS.minutes, `${w.path}/minutes`],
    ];
    for (const [fn, intents, path] of pages) {
      for (const intent of intents) {
        const before = getMeeting(w.meeting.id)!;
        const asMember = await call(fn, path, { form: { intent, itemId: "x", userId: w.members[1].id, roundId: "x" }, cookie: w.members[0].cookie, params: w.params });
        if (memberOnly.has(intent)) continue;
        expect([intent, asMember.status]).toEqual([intent, 403]);
        expect(asMember.data.errors.form).toMatch(/^meetings\.errors\.not(Facilitator|NoteTaker)$/);
        // Nothing changed.
        expect(getMeeting(w.meeting.id)!.version).toBe(before.version);
        const asOutsider = await call(fn, path, { form: { intent }, cookie: w.outsider.founder.cookie, params: w.params });
        expect([intent, asOutsider.status]).toEqual([intent, 404]);
        const anonymous = await call(fn, path, { form: { intent } });
        expect([intent, anonymous.status, anonymous.location?.startsWith("/login")]).toEqual([intent, 302, true]);
      }
    }
    // Phone intents: outsiders and anonymous people are refused too.
    for (const intent of INTENTS.phone) {
      expect((await call(phone.action, `${w.path}/phone`, { form: { intent }, cookie: w.outsider.founder.cookie, params: w.params })).status).toBe(404);
      expect((await call(phone.action, `${w.path}/phone`, { form: { intent } })).status).toBe(302);
    }
    // An intent a page does not offer is refused there.
    const wrongPage = await call(phone.action, `${w.path}/phone`, { form: { intent: "next" }, cookie: w.founder.cookie, params: w.params });
    expect(wrongPage.status).toBe(400);
  });

  it("keeps the console to facilitators and the meeting's roles; members see the screen and the phone", async () => {
    const w = await world();
    expect((await call(run.loader, `${w.path}/run`, { cookie: w.members[0].cookie, params: w.params })).status).toBe(403);
    expect((await call(run.loader, `${w.path}/run`, { cookie: w.founder.cookie, params: w.params })).status).toBe(200);
    const screenData = await call(screen.loader, `${w.path}/screen`, { cookie: w.members[0].cookie, params: w.params });
    expect(screenData.status).toBe(200);
    expect(screenData.data.qr).toMatch(/^<svg/);
    expect(screenData.data.joinUrl).toBe(`http://localhost:3000/m/${w.meeting.code}`);
    expect((await call(phone.loader, `${w.path}/phone`, { cookie: w.observers[0].cookie, params: w.params })).status).toBe(200);
    // A meeting id under an assembly it does not belong to: not found.
    expect((await call(plan.loader, `/a/${w.outsider.slug}/meetings/${w.meeting.id}`, { cookie: w.outsider.founder.cookie, params: { slug: w.outsider.slug, id: w.meeting.id } })).status).toBe(404);
  });

  it("runs a meeting through the console and the phone: check in by code, raise a hand, vote; an observer cannot vote", async () => {
    const w = await world();
    const proposal = createProposal({ assemblyId: w.assembly.id, authorId: w.founder.id, kind: "general", title: "Bike shed", body: "Build it." });
    addAgendaItem(w.meeting.id, { kind: "proposal", title: "Bike shed", timeboxMinutes: 10, proposalId: proposal.id });
    const post = (fn: typeof run.action, sub: string, cookie: string, form: Record<string, string>) => call(fn, `${w.path}${sub}`, { form, cookie, params: w.params });
    // Planned five days from now: refused until the facilitator confirms an early start.
    const early = await post(run.action, "/run", w.founder.cookie, { intent: "start" });
    expect(early.status).toBe(409);
    expect(early.data.errors.form).toBe("meetings.errors.startEarly");
    expect(getMeeting(w.meeting.id)!.status).toBe("scheduled");
    expect((await post(run.action, "/run", w.founder.cookie, { intent: "start", early: "1" })).status).toBe(200);
    const m = getMeeting(w.meeting.id)!;

    // Two facilitators press "next" from the same item: the second is told.
    const [first, second] = await Promise.all([post(run.action, "/run", w.founder.cookie, { intent: "next", fromItemId: m.currentItemId! }), post(run.action, "/run", w.founder.cookie, { intent: "next", fromItemId: m.currentItemId! })]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    expect([first, second].find((r) => r.status === 409)!.data.errors.form).toBe("meetings.errors.movedOn");
    await post(run.action, "/run", w.founder.cookie, { intent: "previous", fromItemId: "" });

    const wrong = await post(phone.action, "/phone", w.members[0].cookie, { intent: "code", code: "NOPE1" });
    expect(wrong.status).toBe(404);
    expect(wrong.data.errors.code).toBe("meetings.errors.badCode");
    expect((await post(phone.action, "/phone", w.members[0].cookie, { intent: "raise" })).data.errors.form).toBe("meetings.errors.notCheckedIn");
    const joined = await post(phone.action, "/phone", w.members[0].cookie, { intent: "code", code: w.meeting.code.toLowerCase() });
    expect(joined.data).toMatchObject({ ok: true, done: "checkedIn" });
    await post(phone.action, "/phone", w.observers[0].cookie, { intent: "code", code: w.meeting.code });
    await post(run.action, "/run", w.founder.cookie, { intent: "checkIn", userId: w.founder.id });
    // 3 of the 4 voting members: quorum (more than half) is met.
    await post(run.action, "/run", w.founder.cookie, { intent: "checkIn", userId: w.members[1].id });
    expect((await post(phone.action, "/phone", w.members[0].cookie, { intent: "raise" })).status).toBe(200);
    const consoleView = await call(run.loader, `${w.path}/run`, { cookie: w.founder.cookie, params: w.params });
    expect(consoleView.data.live.state.stack.waiting.map((x: { userId: string }) => x.userId)).toEqual([w.members[0].id]);

    const item = listAgenda(w.meeting.id)[0];
    expect((await post(run.action, "/run", w.founder.cookie, { intent: "openVote", itemId: item.id })).data.done).toBe("voteOpened");
    expect((await post(run.action, "/run", w.founder.cookie, { intent: "openVote", itemId: item.id })).data.errors.form).toBe("meetings.errors.voteAlreadyOpen");
    const phoneView = await call(phone.loader, `${w.path}/phone`, { cookie: w.members[0].cookie, params: w.params });
    const roundId = phoneView.data.live.state.vote.roundId;
    expect(phoneView.data.ballot).toMatchObject({ roundId, eligible: true, participated: false });
    expect((await post(phone.action, "/phone", w.observers[0].cookie, { intent: "vote", roundId, choice: "yes" })).status).toBe(403);
    expect((await post(phone.action, "/phone", w.members[0].cookie, { intent: "vote", roundId, choice: "maybe" })).data.errors.choice).toBe("round.errors.choiceInvalid");
    expect((await post(phone.action, "/phone", w.members[0].cookie, { intent: "vote", roundId, choice: "yes" })).data.done).toBe("voted");
    const hands = await post(run.action, "/run", w.founder.cookie, { intent: "handCount", roundId, "count.yes": "1", "count.no": "x" });
    expect(hands.data.errors["count.no"]).toBe("meetings.errors.handCount");
    expect((await post(run.action, "/run", w.founder.cookie, { intent: "handCount", roundId, "count.yes": "1" })).status).toBe(200);
    expect((await post(run.action, "/run", w.founder.cookie, { intent: "closeVote", roundId })).data.done).toBe("voteClosed");
    const late = await post(phone.action, "/phone", w.members[0].cookie, { intent: "vote", roundId, choice: "no" });
    expect(late.status).toBe(409);
    expect(late.data.errors.form).toBe("round.errors.closed");

    expect((await post(run.action, "/run", w.founder.cookie, { intent: "close" })).data.done).toBe("closed");
    const md = await call(minutesMd.loader, `${w.path}/minutes.md`, { cookie: w.members[1].cookie, params: w.params });
    expect(md.headers.get("content-type")).toMatch(/^text\/markdown/);
    expect(md.data).toContain("Proposal #1 \"Bike shed\", round 1: Passed.");
    expect(md.data).toContain("Yes: 2");
  });
});

describe("join by code", () => {
  it("checks in from /m and /m/CODE; another assembly's code answers exactly as no such code", async () => {
    const w = await world();
    const theirs = scheduleMeeting({ assemblyId: w.outsider.assembly.id, title: "Theirs", startsAt: Date.now() + 5 * DAY, durationMinutes: 60, place: "", link: "", shortNotice: false, createdBy: w.outsider.founder.id, now: Date.now() });
    if (!theirs.ok) throw new Error("schedule");
    const viaForm = await call(joinIndex.action, "/m", { form: { code: ` ${w.meeting.code.toLowerCase()} ` }, cookie: w.members[0].cookie });
    expect(viaForm.status).toBe(302);
    expect(viaForm.location).toBe(`${w.path}/phone`);
    const other = await call(joinIndex.action, "/m", { form: { code: theirs.meeting.code }, cookie: w.members[0].cookie });
    const none = await call(joinIndex.action, "/m", { form: { code: "QQQQQ9" }, cookie: w.members[0].cookie });
    expect({ status: other.status, data: other.data }).toEqual({ status: none.status, data: { ...none.data, values: { code: theirs.meeting.code } } });
    expect(other.status).toBe(404);
    const peek = await call(joinCode.loader, `/m/${theirs.meeting.code}`, { cookie: w.members[1].cookie, params: { code: theirs.meeting.code } });
    const peekNone = await call(joinCode.loader, "/m/QQQQQ9", { cookie: w.members[1].cookie, params: { code: "QQQQQ9" } });
    expect(peek.data).toEqual(peekNone.data);
    const mine = await call(joinCode.loader, `/m/${w.meeting.code}`, { cookie: w.members[1].cookie, params: { code: w.meeting.code } });
    expect(mine.data.meeting.title).toBe(w.meeting.title);
    const confirm = await call(joinCode.action, `/m/${w.meeting.code}`, { method: "POST", cookie: w.members[1].cookie, params: { code: w.meeting.code } });
    expect(confirm.location).toBe(`${w.path}/phone`);
    const anonymous = await call(joinCode.loader, `/m/${w.meeting.code}`, { params: { code: w.meeting.code } });
    expect(anonymous.location).toBe(`/login?redirectTo=${encodeURIComponent(`/m/${w.meeting.code}`)}`);
  });
});

describe("calendar feed", () => {
  it("serves every meeting of the member's assemblies as RFC 5545, parsed back by ical.js", async () => {
    const w = await world();
    addAgendaItem(w.meeting.id, { kind: "report", title: "Repairs, a long title with ünïcödé characters that runs past seventy-five octets for sure", timeboxMinutes: 15 });
    const other = scheduleMeeting({ assemblyId: w.assembly.id, title: "Called off", startsAt: Date.now() + 9 * DAY, durationMinutes: 30, place: "", link: "https://meet.example/x", shortNotice: false, createdBy: w.founder.id, now: Date.now() });
    if (!other.ok) throw new Error("schedule");
    cancelMeeting(other.meeting.id);
    const token = getUserById(w.members[0].id)!.calendarToken;
    const res = await call(ics.loader, `/calendar/${token}.ics`, { params: { token: `${token}.ics` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/calendar/);
    const text = res.data as string;
    expect(text.split("\r\n").every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toContain("\n");
    const cal = new ICAL.Component(ICAL.parse(text));
    const events = cal.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(2);
    const e = events.find((x) => x.uid === `${w.meeting.id}@plenary`)!;
    expect(e.summary).toBe(`${w.assembly.name}: Tenants, Elm; "Block" 5`);
    expect(e.location).toBe("Hall, 12 Elm St");
    expect(e.startDate.toJSDate().getTime()).toBe(w.meeting.startsAt - (w.meeting.startsAt % 1000));
    expect(e.startDate.zone?.tzid).toBe("UTC");
    expect(e.endDate.toJSDate().getTime() - e.startDate.toJSDate().getTime()).toBe(90 * 60_000);
    expect(e.description).toContain("Repairs, a long title with ünïcödé characters");
    const cancelled = events.find((x) => x.uid === `${other.meeting.id}@plenary`)!;
    expect(cancelled.component.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(cal.getAllSubcomponents("vevent")[0].getFirstPropertyValue("dtstamp")).toBeTruthy();

    // Someone not in the assembly sees none of its meetings; a wrong token is not found.
    const outsiderToken = getUserById(w.outsider.founder.id)!.calendarToken;
    const theirs = await call(ics.loader, `/calendar/${outsiderToken}.ics`, { params: { token: `${outsiderToken}.ics` } });
    expect(new ICAL.Component(ICAL.parse(theirs.data)).getAllSubcomponents("vevent")).toHaveLength(0);
    expect((await call(ics.loader, "/calendar/nope.ics", { params: { token: "nope.ics" } })).status).toBe(404);
    expect((await call(ics.loader, `/calendar/${"A".repeat(32)}.ics`, { params: { token: `${"A".repeat(32)}.ics` } })).status).toBe(404);
  });

  it("escapes text and folds long lines as RFC 5545 says", () => {
    expect(escapeText("a,b;c\\d\ne")).toBe("a\\,b\\;c\\\\d\\ne");
    const long = `DESCRIPTION:${"é".repeat(60)}`;
    const folded = fold(long);
    expect(folded.split("\r\n").every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true);
    expect(folded.split("\r\n").slice(1).every((l) => l.startsWith(" "))).toBe(true);
    expect(folded.replace(/\r\n /g, "")).toBe(long);
  });

  it("shows each member their calendar address on the meetings page", async () => {
    const w = await world();
    const page = await call(list.loader, `/a/${w.slug}/meetings`, { cookie: w.members[0].cookie, params: { slug: w.slug } });
    expect(page.data.calendarUrl).toBe(`http://localhost:3000/calendar/${getUserById(w.members[0].id)!.calendarToken}.ics`);
    expect(page.data.upcoming.map((m: { id: string }) => m.id)).toEqual([w.meeting.id]);
    expect(page.data.canSchedule).toBe(false);
  });
});

describe("meeting code guesses", () => {
  it("slow down after thirty wrong codes from one person, and a real code still works for others", async () => {
    const w = await world();
    const guesser = w.members[2];
    let last;
    for (let i = 0; i < 31; i++) last = await call(joinIndex.action, "/m", { form: { code: `ZZ${String(i).padStart(3, "0")}` }, cookie: guesser.cookie });
    expect(last!.status).toBe(429);
    expect(last!.data.errors.code).toBe("errors.rateLimited");
    const peek = await call(joinCode.loader, `/m/${w.meeting.code}`, { cookie: guesser.cookie, params: { code: w.meeting.code } });
    expect(peek.status).toBe(429);
    const other = await call(joinIndex.action, "/m", { form: { code: w.meeting.code }, cookie: w.members[1].cookie });
    expect(other.status).toBe(302);
  });
});

/** An event stream read from the loader's own Response: `next()` is the next state it sends. */
async function stateStream(path: string, cookie: string, params: Record<string, string>) {
  const res = (await events.loader({ request: makeRequest(path, { cookie }), params, context: {} })) as Response;
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  return {
    async next() {
      for (;;) {
        const m = text.match(/event: state\ndata: (.*)\n\n/);
        if (m) {
          text = text.slice(m.index! + m[0].length);
          return JSON.parse(m[1]).state;
        }
        const { done, value } = await reader.read();
        if (done) throw new Error("the stream ended before a state");
        text += decoder.decode(value, { stream: true });
      }
    },
    close: () => reader.cancel(),
  };
}

async function firstState(path: string, cookie: string, params: Record<string, string>) {
  const s = await stateStream(path, cookie, params);
  try {
    return await s.next();
  } finally {
    await s.close();
  }
}

describe("running counts the charter keeps from the room", () => {
  it("are not sent to phones, the screen or the panel while a consensus vote is open (only to the facilitator's console), and are sent to all once it closes", async () => {
    const charter = defaultCharter();
    charter.defaultMethod = "consensus";
    expect(charter.meetings.runningCounts).toBe("hidden_for_consensus");
    const a = await assemblyWith({ members: 2, charter, prefix: "rc" });
    const r = scheduleMeeting({ assemblyId: a.assembly.id, title: "Counts", startsAt: Date.now() + 5 * DAY, durationMinutes: 60, place: "", link: "", shortNotice: false, createdBy: a.founder.id, now: Date.now() });
    if (!r.ok) throw new Error("schedule");
    const path = `/a/${a.slug}/meetings/${r.meeting.id}`;
    const params = { slug: a.slug, id: r.meeting.id };
    const proposal = createProposal({ assemblyId: a.assembly.id, authorId: a.founder.id, kind: "general", title: "Garden", body: "Plant it." });
    addAgendaItem(r.meeting.id, { kind: "proposal", title: "Garden", timeboxMinutes: 10, proposalId: proposal.id });
    const post = (fn: typeof run.action, sub: string, cookie: string, form: Record<string, string>) => call(fn, `${path}${sub}`, { form, cookie, params });
    await post(run.action, "/run", a.founder.cookie, { intent: "start", early: "1" });
    for (const m of a.members) await post(phone.action, "/phone", m.cookie, { intent: "code", code: r.meeting.code });
    const item = listAgenda(r.meeting.id)[0];
    expect((await post(run.action, "/run", a.founder.cookie, { intent: "openVote", itemId: item.id })).data.done).toBe("voteOpened");
    const roundId = (await call(phone.loader, `${path}/phone`, { cookie: a.members[0].cookie, params })).data.live.state.vote.roundId;
    expect((await post(phone.action, "/phone", a.members[0].cookie, { intent: "vote", roundId, choice: "agree" })).data.done).toBe("voted");

    const member = a.members[1].cookie;
    const founder = a.founder.cookie;
    const held = { counts: null, countsHeld: true, participants: 1, closed: false };
    // Everything a member's browser receives: pages, the no-JavaScript panel, the stream.
    expect((await call(phone.loader, `${path}/phone`, { cookie: member, params })).data.live.state.vote).toMatchObject(held);
    expect((await call(screen.loader, `${path}/screen`, { cookie: member, params })).data.live.state.vote).toMatchObject(held);
    expect((await call(panel.loader, `${path}/panel?for=phone`, { cookie: member, params })).data.state.vote).toMatchObject(held);
    expect((await call(panel.loader, `${path}/panel?for=console`, { cookie: member, params })).data.state.vote).toMatchObject(held);
    expect((await firstState(`${path}/events`, member, params)).vote).toMatchObject(held);
    expect((await firstState(`${path}/events?for=console`, member, params)).vote).toMatchObject(held);
    // The facilitator's projector and phone are the room's too.
    expect((await call(screen.loader, `${path}/screen`, { cookie: founder, params })).data.live.state.vote).toMatchObject(held);
    expect((await firstState(`${path}/events`, founder, params)).vote).toMatchObject(held);
    // Their console has the count.
    const full = { counts: { agree: 1, concern: 0, stand_aside: 0, block: 0 }, countsHeld: false };
    expect((await call(run.loader, `${path}/run`, { cookie: founder, params })).data.live.state.vote).toMatchObject(full);
    expect((await call(panel.loader, `${path}/panel?for=console`, { cookie: founder, params })).data.state.vote).toMatchObject(full);
    expect((await firstState(`${path}/events?for=console`, founder, params)).vote).toMatchObject(full);
    // A ballot cast while streams are open: each gets its own copy of the new state.
    const roomStream = await stateStream(`${path}/events`, member, params);
    const consoleStream = await stateStream(`${path}/events?for=console`, founder, params);
    await roomStream.next();
    await consoleStream.next();
    expect((await post(phone.action, "/phone", a.members[1].cookie, { intent: "vote", roundId, choice: "concern", text: "Shade." })).data.done).toBe("voted");
    expect((await roomStream.next()).vote).toMatchObject({ ...held, participants: 2 });
    expect((await consoleStream.next()).vote).toMatchObject({ counts: { agree: 1, concern: 1 }, participants: 2 });
    await roomStream.close();
    await consoleStream.close();

    // Closed: everyone has the count.
    expect((await post(run.action, "/run", founder, { intent: "closeVote", roundId })).data.done).toBe("voteClosed");
    const after = { counts: { agree: 1, concern: 1, stand_aside: 0, block: 0 }, countsHeld: false, closed: true };
    expect((await call(phone.loader, `${path}/phone`, { cookie: member, params })).data.live.state.vote).toMatchObject(after);
    expect((await call(panel.loader, `${path}/panel?for=phone`, { cookie: member, params })).data.state.vote).toMatchObject(after);
    expect((await firstState(`${path}/events`, member, params)).vote).toMatchObject(after);
  });
});
