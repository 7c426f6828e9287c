/**
 * Meetings against a real database: scheduling and notice, agenda order, timebox
 * arithmetic, attendance and quorum, the stack, votes in a meeting, minutes, closing.
 */
import { sqlite } from "~/db.server";
import { describe, expect, it } from "vitest";
import { agendaPlan, formatClock, remainingMs } from "~/lib/meeting-time";
import { placeOnStack } from "~/lib/meeting-state";
import { defaultCharter } from "~/lib/charter";
import {
  cancelMeeting,
  closeMeeting,
  deferItem,
  extendTime,
  getMeeting,
  getMeetingByCode,
  nextItem,
  nextMeetingOf,
  previousItem,
  scheduleMeeting,
  setStackOptions,
  startMeeting,
  takeUpItem,
} from "~/models/meeting.server";
import { addAgendaItem, answerSuggestion, listAgenda, moveAgendaItem, removeAgendaItem, reorderAgenda, suggestAgendaItem } from "~/models/agenda.server";
import { checkIn, checkInByCode, checkOut, listPresent, quorumNow } from "~/models/attendance.server";
import { clearStack, lowerHand, moveOnStack, nextSpeaker, orderStack, raiseHand, readStack, removeFromStack } from "~/models/stack.server";
import { castMeetingBallot, closeMeetingVote, meetingDecisions, openMeetingVote, recordMeetingHandCount } from "~/models/meeting-vote.server";
import { addActionItem, adoptMinutes, buildMinutes, minutesMarkdown, saveItemNotes, saveMinutes } from "~/models/minutes.server";
import { meetingState } from "~/models/meeting-live.server";
import { createProposal, getProposalById } from "~/models/proposal.server";
import { listRecord, verifyRecord } from "~/models/record.server";
import { assemblyWith } from "../helpers/decisions";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 2, 18, 0, 0);

function ok<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
}

async function setup(opts: { members?: number; observers?: number; simpleMajority?: boolean } = {}) {
  const charter = defaultCharter();
  if (opts.simpleMajority) charter.defaultMethod = "majority";
  const a = await assemblyWith({ members: opts.members ?? 9, observers: opts.observers ?? 0, charter, prefix: "mt" });
  const meeting = ok(scheduleMeeting({ assemblyId: a.assembly.id, title: "General assembly", startsAt: T0 + 7 * DAY, durationMinutes: 90, place: "Community room", link: "", shortNotice: false, createdBy: a.founder.id, now: T0 })).meeting;
  return { ...a, meeting };
}

describe("scheduling", () => {
  it("refuses a meeting called with less notice than the charter's, unless marked short notice", async () => {
    const a = await assemblyWith({ members: 2, prefix: "sn" });
    const base = { assemblyId: a.assembly.id, title: "Emergency", durationMinutes: 60, place: "", link: "", createdBy: a.founder.id, now: T0 };
    const refused = scheduleMeeting({ ...base, startsAt: T0 + 2 * DAY, shortNotice: false });
    expect(refused).toMatchObject({ ok: false, error: "meetings.errors.notice", status: 400, params: { days: 3 } });
    const allowed = ok(scheduleMeeting({ ...base, startsAt: T0 + 2 * DAY, shortNotice: true }));
    expect(allowed.meeting.shortNotice).toBe(true);
    // Enough notice: not marked short even if the box was ticked.
    const normal = ok(scheduleMeeting({ ...base, startsAt: T0 + 3 * DAY, shortNotice: true }));
    expect(normal.meeting.shortNotice).toBe(false);
    expect(scheduleMeeting({ ...base, startsAt: T0 - 2 * DAY, shortNotice: true })).toMatchObject({ ok: false, error: "meetings.errors.past" });
  });

  it("gives each meeting a short join code that is found however it is typed", async () => {
    const { meeting } = await setup();
    expect(meeting.code).toMatch(/^[A-HJ-NP-Z2-9]{5}$/);
    const typed = `${meeting.code.slice(0, 2).toLowerCase()}-${meeting.code.slice(2)} `;
    expect(getMeetingByCode(typed)?.meeting.id).toBe(meeting.id);
    expect(getMeetingByCode("")).toBeUndefined();
  });

  it("finds the next meeting for report-backs, skipping cancelled and long-abandoned ones", async () => {
    const { assembly, founder, meeting } = await setup();
    const later = ok(scheduleMeeting({ assemblyId: assembly.id, title: "Later", startsAt: T0 + 14 * DAY, durationMinutes: 60, place: "", link: "", shortNotice: false, createdBy: founder.id, now: T0 }));
    expect(nextMeetingOf(assembly.id, T0)?.id).toBe(meeting.id);
    ok(cancelMeeting(meeting.id));
    expect(nextMeetingOf(assembly.id, T0)?.id).toBe(later.meeting.id);
    expect(nextMeetingOf(assembly.id, T0 + 20 * DAY)).toBeUndefined();
  });
});

describe("agenda", () => {
  it("keeps items in order, moves them by one step and refuses a stale drag-and-drop order", async () => {
    const { meeting, founder } = await setup();
    const ids = ["Welcome", "Rent strike report", "Repairs", "Break"].map(
      (title, i) => ok(addAgendaItem(meeting.id, { kind: i === 3 ? "break" : "discussion", title, presenterUserId: founder.id, timeboxMinutes: 5 + i })).itemId,
    );
    expect(listAgenda(meeting.id).map((i) => i.title)).toEqual(["Welcome", "Rent strike report", "Repairs", "Break"]);
    ok(moveAgendaItem(meeting.id, ids[2], "up"));
    expect(listAgenda(meeting.id).map((i) => i.title)).toEqual(["Welcome", "Repairs", "Rent strike report", "Break"]);
    // At the top, "up" does nothing (and is not an error).
    expect(ok(moveAgendaItem(meeting.id, ids[0], "up")).moved).toBe(false);
    ok(reorderAgenda(meeting.id, [ids[3], ids[1], ids[2], ids[0]]));
    expect(listAgenda(meeting.id).map((i) => i.title)).toEqual(["Break", "Rent strike report", "Repairs", "Welcome"]);
    // Someone added an item since this order was dragged: refused, nothing changes.
    ok(addAgendaItem(meeting.id, { kind: "announcement", title: "Party", timeboxMinutes: 2 }));
    expect(reorderAgenda(meeting.id, [ids[0], ids[1], ids[2], ids[3]])).toMatchObject({ ok: false, error: "meetings.errors.agendaChanged" });
    expect(listAgenda(meeting.id).map((i) => i.title)).toEqual(["Break", "Rent strike report", "Repairs", "Welcome", "Party"]);
    expect(reorderAgenda(meeting.id, [ids[0], ids[0], ids[1], ids[2], ids[3]])).toMatchObject({ ok: false });
  });

  it("takes suggestions from members; a facilitator accepts or declines each once", async () => {
    const { meeting, members } = await setup();
    const s1 = ok(suggestAgendaItem(meeting.id, { kind: "discussion", title: "Laundry room", timeboxMinutes: 10 }, members[0].id, T0)).itemId;
    const s2 = ok(suggestAgendaItem(meeting.id, { kind: "announcement", title: "Spam", timeboxMinutes: 1 }, members[1].id, T0)).itemId;
    expect(listAgenda(meeting.id).map((i) => [i.title, i.status, i.suggestedByName])).toEqual([
      ["Laundry room", "suggested", expect.stringMatching(/^mtmem /)],
      ["Spam", "suggested", expect.stringMatching(/^mtmem /)],
    ]);
    ok(answerSuggestion(meeting.id, s1, true));
    ok(answerSuggestion(meeting.id, s2, false));
    expect(answerSuggestion(meeting.id, s2, true)).toMatchObject({ ok: false, error: "meetings.errors.alreadyAnswered" });
    const agenda = listAgenda(meeting.id);
    expect(agenda.find((i) => i.id === s1)?.status).toBe("open");
    expect(agenda.find((i) => i.id === s2)?.status).toBe("declined");
  });

  it("checks what an item says: a proposal item needs a proposal of this body, a presenter must be a member", async () => {
    const { meeting, assembly, founder } = await setup();
    const other = await assemblyWith({ members: 1, prefix: "oth" });
    const foreign = createProposal({ assemblyId: other.assembly.id, authorId: other.founder.id, kind: "general", title: "Theirs", body: "x" });
    expect(addAgendaItem(meeting.id, { kind: "proposal", title: "No link", timeboxMinutes: 10 })).toMatchObject({ ok: false, error: "meetings.errors.proposalRequired" });
    expect(addAgendaItem(meeting.id, { kind: "proposal", title: "Foreign", timeboxMinutes: 10, proposalId: foreign.id })).toMatchObject({ ok: false, error: "meetings.errors.proposalNotFound" });
    expect(addAgendaItem(meeting.id, { kind: "report", title: "By outsider", timeboxMinutes: 10, presenterUserId: other.founder.id })).toMatchObject({ ok: false, error: "meetings.errors.presenterNotMember" });
    expect(addAgendaItem(meeting.id, { kind: "report", title: "Zero", timeboxMinutes: 0 })).toMatchObject({ ok: false, error: "meetings.errors.timebox" });
    const mine = createProposal({ assemblyId: assembly.id, authorId: founder.id, kind: "general", title: "Ours", body: "x" });
    ok(addAgendaItem(meeting.id, { kind: "proposal", title: "Ours", timeboxMinutes: 10, proposalId: mine.id }));
    expect(listAgenda(meeting.id)).toHaveLength(1);
  });
});

describe("timeboxes and the running order", () => {
  it("plans the agenda from the start time and says how far it runs over", () => {
    const plan = agendaPlan(T0, 60, [{ timeboxMinutes: 10 }, { timeboxMinutes: 30 }, { timeboxMinutes: 35 }]);
    expect(plan.slots.map((s) => (s.startsAt - T0) / 60_000)).toEqual([0, 10, 40]);
    expect(plan.totalMinutes).toBe(75);
    expect(plan.overMinutes).toBe(15);
    expect(agendaPlan(T0, 90, [{ timeboxMinutes: 10 }]).overMinutes).toBe(0);
  });

  it("counts down from the server's start time, shows overtime, and formats both", () => {
    const c = { startedAt: T0, timeboxMinutes: 5, extendedSeconds: 120 };
    expect(remainingMs(c, T0)).toBe(7 * 60_000);
    expect(remainingMs(c, T0 + 7 * 60_000 + 42_000)).toBe(-42_000);
    expect(remainingMs({ ...c, startedAt: null }, T0)).toBeNull();
    expect(formatClock(5 * 60_000)).toBe("5:00");
    expect(formatClock(299_001)).toBe("5:00");
    expect(formatClock(-42_000)).toBe("−0:42");
    expect(formatClock(3_723_000)).toBe("1:02:03");
    expect(formatClock(0)).toBe("0:00");
  });

  it("moves next and back, resuming an item's clock; two facilitators pressing next advance once", async () => {
    const { meeting } = await setup();
    const [a, b, c] = ["A", "B", "C"].map((title) => ok(addAgendaItem(meeting.id, { kind: "discussion", title, timeboxMinutes: 10 })).itemId);
    ok(startMeeting(meeting.id, T0));
    expect(startMeeting(meeting.id, T0)).toMatchObject({ ok: false, error: "meetings.errors.alreadyStarted" });
    let m = getMeeting(meeting.id)!;
    expect(m.currentItemId).toBe(a);
    expect(m.currentItemStartedAt).toBe(T0);

    // Both consoles showed item A; the first "next" wins, the second is told.
    ok(nextItem(meeting.id, a, T0 + 4 * 60_000));
    expect(nextItem(meeting.id, a, T0 + 4 * 60_000 + 10)).toMatchObject({ ok: false, error: "meetings.errors.movedOn", status: 409 });
    m = getMeeting(meeting.id)!;
    expect(m.currentItemId).toBe(b);

    // Back to A after 1 minute on B: A's clock resumes with its 4 minutes spent.
    ok(previousItem(meeting.id, b, T0 + 5 * 60_000));
    m = getMeeting(meeting.id)!;
    expect(m.currentItemId).toBe(a);
    expect(remainingMs({ startedAt: m.currentItemStartedAt, timeboxMinutes: 10, extendedSeconds: m.extendedSeconds }, T0 + 5 * 60_000)).toBe(6 * 60_000);
    expect(previousItem(meeting.id, a, T0 + 5 * 60_000)).toMatchObject({ ok: false, error: "meetings.errors.atFirst" });

    // Extend +2 min once; a second press from the same view is refused, not doubled.
    ok(extendTime(meeting.id, a, 120, 0));
    expect(extendTime(meeting.id, a, 120, 0)).toMatchObject({ ok: false, error: "meetings.errors.alreadyExtended" });
    m = getMeeting(meeting.id)!;
    expect(remainingMs({ startedAt: m.currentItemStartedAt, timeboxMinutes: 10, extendedSeconds: m.extendedSeconds }, T0 + 5 * 60_000)).toBe(8 * 60_000);

    ok(takeUpItem(meeting.id, c, a, T0 + 6 * 60_000));
    ok(nextItem(meeting.id, c, T0 + 7 * 60_000));
    m = getMeeting(meeting.id)!;
    expect(m.currentItemId).toBeNull();
    const agenda = listAgenda(meeting.id);
    expect(agenda.find((i) => i.id === a)).toMatchObject({ spentMs: 5 * 60_000, extendedSeconds: 120, status: "open" });
    expect(agenda.find((i) => i.id === c)).toMatchObject({ spentMs: 60_000, status: "done" });
    // Agenda finished: "next" again picks up the item left open.
    ok(nextItem(meeting.id, null, T0 + 8 * 60_000));
    expect(getMeeting(meeting.id)!.currentItemId).toBe(a);
  });

  it("defers an item to the next meeting (now or when one is scheduled)", async () => {
    const { meeting, assembly, founder } = await setup();
    const [a, b, c] = ["Budget", "Garden", "Parking"].map((title) => ok(addAgendaItem(meeting.id, { kind: "discussion", title, timeboxMinutes: 10 })).itemId);
    ok(startMeeting(meeting.id, T0));
    ok(deferItem(meeting.id, a, T0 + 60_000));
    expect(getMeeting(meeting.id)!.currentItemId).toBe(b);
    expect(deferItem(meeting.id, a, T0 + 60_000)).toMatchObject({ ok: false, error: "meetings.errors.alreadyDeferred" });
    // A next meeting exists now: deferring carries at once.
    const next = ok(scheduleMeeting({ assemblyId: assembly.id, title: "Next", startsAt: T0 + 14 * DAY, durationMinutes: 60, place: "", link: "", shortNotice: false, createdBy: founder.id, now: T0 }));
    expect(listAgenda(next.meeting.id).map((i) => i.title)).toEqual(["Budget"]);
    ok(deferItem(meeting.id, c, T0 + 2 * 60_000));
    expect(listAgenda(next.meeting.id).map((i) => i.title)).toEqual(["Budget", "Parking"]);
    expect(listAgenda(next.meeting.id).every((i) => i.carriedFromItemId && i.status === "open")).toBe(true);
  });
});

describe("attendance and quorum", () => {
  it("counts voting members checked in against the charter's quorum, through the engine", async () => {
    // 10 voting members (founder + 9) and an observer; quorum: more than half = 6.
    const { meeting, founder, members, observers } = await setup({ members: 9, observers: 1 });
    for (const m of members.slice(0, 5)) ok(checkIn({ meetingId: meeting.id, userId: m.id, by: m.id, method: "code", now: T0 }));
    ok(checkIn({ meetingId: meeting.id, userId: observers[0].id, by: founder.id, method: "facilitator", now: T0 }));
    let s = meetingState(meeting.id)!;
    expect(s.attendance.present).toHaveLength(6);
    expect(s.attendance.quorum).toMatchObject({ members: 10, present: 5, met: false, required: 6 });
    expect(s.attendance.quorum.explanation.en).toContain("5 of 10");
    // Checking in twice changes nothing.
    expect(ok(checkIn({ meetingId: meeting.id, userId: members[0].id, by: members[0].id, method: "code", now: T0 })).already).toBe(true);
    ok(checkIn({ meetingId: meeting.id, userId: founder.id, by: founder.id, method: "code", now: T0 }));
    s = meetingState(meeting.id)!;
    expect(s.attendance.quorum).toMatchObject({ present: 6, met: true });
    ok(checkOut({ meetingId: meeting.id, userId: members[0].id, now: T0 + HOUR }));
    expect(meetingState(meeting.id)!.attendance.quorum).toMatchObject({ present: 5, met: false });
    expect(quorumNow(meeting.assemblyId, 6).met).toBe(true);
  });

  it("checks in by code; a code of another assembly's meeting answers as no such code", async () => {
    const { meeting, members } = await setup();
    const other = await assemblyWith({ members: 1, prefix: "oc" });
    const theirs = ok(scheduleMeeting({ assemblyId: other.assembly.id, title: "Theirs", startsAt: T0 + 5 * DAY, durationMinutes: 60, place: "", link: "", shortNotice: false, createdBy: other.founder.id, now: T0 }));
    const r = checkInByCode(meeting.code.toLowerCase(), members[0].id, T0);
    expect(r).toMatchObject({ ok: true, meetingId: meeting.id, already: false });
    expect(checkInByCode(theirs.meeting.code, members[0].id, T0)).toEqual({ ok: false, error: "meetings.errors.badCode", status: 404 });
    expect(checkInByCode("ZZZZZZZZ", members[0].id, T0)).toMatchObject({ ok: false, error: "meetings.errors.badCode", status: 404 });
    expect(checkIn({ meetingId: meeting.id, userId: other.founder.id, by: other.founder.id, method: "code", now: T0 })).toMatchObject({ ok: false, error: "meetings.errors.notMember" });
    expect(listPresent(meeting.id).map((p) => p.userId)).toEqual([members[0].id]);
  });
});

describe("the stack", () => {
  async function running() {
    const s = await setup({ members: 5 });
    ok(addAgendaItem(s.meeting.id, { kind: "discussion", title: "Heating", timeboxMinutes: 20 }));
    ok(startMeeting(s.meeting.id, T0));
    for (const m of [s.founder, ...s.members]) ok(checkIn({ meetingId: s.meeting.id, userId: m.id, by: m.id, method: "code", now: T0 }));
    return s;
  }

  it("orders hands as raised, calls the next speaker once, and never lists anyone twice", async () => {
    const { meeting, members, founder } = await running();
    const [ana, ben, cai] = members;
    ok(raiseHand({ meetingId: meeting.id, userId: ben.id, by: ben.id, now: T0 + 1 }));
    ok(raiseHand({ meetingId: meeting.id, userId: ana.id, by: ana.id, now: T0 + 2 }));
    // The facilitator adds Cai by name; Ben taps again: still one entry, same place.
    ok(raiseHand({ meetingId: meeting.id, userId: cai.id, by: founder.id, now: T0 + 3 }));
    expect(ok(raiseHand({ meetingId: meeting.id, userId: ben.id, by: ben.id, now: T0 + 4 })).already).toBe(true);
    let st = readStack(getMeeting(meeting.id)!);
    expect(st.waiting.map((w) => w.userId)).toEqual([ben.id, ana.id, cai.id]);
    expect(placeOnStack(meetingState(meeting.id)!, ana.id)).toBe(2);

    ok(nextSpeaker({ meetingId: meeting.id, fromEntryId: null, now: T0 + 10 }));
    // A second console pressing "next speaker" from the same view: refused.
    expect(nextSpeaker({ meetingId: meeting.id, fromEntryId: null, now: T0 + 11 })).toMatchObject({ ok: false, error: "meetings.errors.speakerMovedOn" });
    st = readStack(getMeeting(meeting.id)!);
    expect(st.speaking?.userId).toBe(ben.id);
    expect(st.speaking?.startedAt).toBe(T0 + 10);
    expect(placeOnStack(meetingState(meeting.id)!, ben.id)).toBe(0);

    ok(moveOnStack({ meetingId: meeting.id, entryId: st.waiting[1].entryId, direction: "up" }));
    expect(readStack(getMeeting(meeting.id)!).waiting.map((w) => w.userId)).toEqual([cai.id, ana.id]);
    ok(removeFromStack({ meetingId: meeting.id, entryId: st.waiting[1].entryId, now: T0 + 12 }));
    expect(removeFromStack({ meetingId: meeting.id, entryId: st.waiting[1].entryId, now: T0 + 12 })).toMatchObject({ ok: false, error: "meetings.errors.stackChanged" });
    ok(lowerHand({ meetingId: meeting.id, userId: ana.id, now: T0 + 13 }));
    expect(readStack(getMeeting(meeting.id)!).waiting).toEqual([]);
    ok(clearStack({ meetingId: meeting.id, now: T0 + 14 }));
  });

  it("with a progressive stack, people who have not spoken in this meeting go first", async () => {
    const { meeting, members } = await running();
    const [ana, ben, cai] = members;
    // Ana speaks first, and her turn ends.
    ok(raiseHand({ meetingId: meeting.id, userId: ana.id, by: ana.id, now: T0 + 1 }));
    const first = ok(nextSpeaker({ meetingId: meeting.id, fromEntryId: null, now: T0 + 2 }));
    expect(ok(nextSpeaker({ meetingId: meeting.id, fromEntryId: first.entryId, now: T0 + 3 })).entryId).toBeNull();
    // Ana raises again before Ben and Cai.
    ok(raiseHand({ meetingId: meeting.id, userId: ana.id, by: ana.id, now: T0 + 3 }));
    ok(raiseHand({ meetingId: meeting.id, userId: ben.id, by: ben.id, now: T0 + 4 }));
    ok(raiseHand({ meetingId: meeting.id, userId: cai.id, by: cai.id, now: T0 + 5 }));
    // Without a progressive stack: the order hands went up.
    expect(readStack(getMeeting(meeting.id)!).waiting.map((w) => w.userId)).toEqual([ana.id, ben.id, cai.id]);
    ok(setStackOptions(meeting.id, { progressiveStack: true, speakingLimitSeconds: 90 }));
    const st = readStack(getMeeting(meeting.id)!);
    expect(st.waiting.map((w) => [w.userId, w.firstTime])).toEqual([
      [ben.id, true],
      [cai.id, true],
      [ana.id, false],
    ]);
    // A repeat speaker cannot be moved ahead of a first-time speaker: that is the rule.
    expect(moveOnStack({ meetingId: meeting.id, entryId: st.waiting[2].entryId, direction: "up" })).toMatchObject({ ok: false, error: "meetings.errors.progressiveOrder" });
    ok(nextSpeaker({ meetingId: meeting.id, fromEntryId: null, now: T0 + 6 }));
    expect(readStack(getMeeting(meeting.id)!).speaking?.userId).toBe(ben.id);
    expect(meetingState(meeting.id)!.meeting.speakingLimitSeconds).toBe(90);
    // The pure ordering rule, stable inside each group.
    expect(orderStack([{ position: 1, firstTime: false }, { position: 3, firstTime: true }, { position: 2, firstTime: true }], true).map((x) => x.position)).toEqual([2, 3, 1]);
  });

  it("refuses a raised hand from someone not checked in, and before the meeting starts", async () => {
    const s = await setup({ members: 2 });
    expect(raiseHand({ meetingId: s.meeting.id, userId: s.members[0].id, by: s.members[0].id, now: T0 })).toMatchObject({ ok: false, error: "meetings.errors.notStarted" });
    ok(startMeeting(s.meeting.id, T0));
    expect(raiseHand({ meetingId: s.meeting.id, userId: s.members[0].id, by: s.members[0].id, now: T0 })).toMatchObject({ ok: false, error: "meetings.errors.notCheckedIn" });
  });
});

describe("votes in a meeting", () => {
  async function votingMeeting(opts: { secret?: boolean } = {}) {
    const s = await setup({ members: 5, simpleMajority: true });
    const proposal = createProposal({ assemblyId: s.assembly.id, authorId: s.founder.id, kind: opts.secret ? "recall" : "general", title: "Fix the boiler", body: "Call the landlord." });
    const itemId = ok(addAgendaItem(s.meeting.id, { kind: "proposal", title: "Boiler", timeboxMinutes: 15, proposalId: proposal.id })).itemId;
    ok(startMeeting(s.meeting.id, T0));
    // Founder + 4 of 5 members present: 5 of 6 voting members.
    for (const m of [s.founder, ...s.members.slice(0, 4)]) ok(checkIn({ meetingId: s.meeting.id, userId: m.id, by: m.id, method: "code", now: T0 }));
    return { ...s, proposal, itemId };
  }

  it("opens once on the current proposal item with the members present; phones plus hands never count anyone twice", async () => {
    const { meeting, itemId, founder, members, proposal } = await votingMeeting();
    const roundId = ok(openMeetingVote({ meetingId: meeting.id, itemId, by: founder.id, now: T0 + 1000 })).roundId;
    expect(openMeetingVote({ meetingId: meeting.id, itemId, by: founder.id, now: T0 + 1001 })).toMatchObject({ ok: false, error: "meetings.errors.voteAlreadyOpen" });
    let vote = meetingState(meeting.id)!.vote!;
    expect(vote).toMatchObject({ roundId, closed: false, eligible: 5, presentCount: 5, participants: 0, secret: false, choices: ["yes", "no", "abstain"] });

    ok(castMeetingBallot({ meetingId: meeting.id, roundId, userId: members[0].id, choice: "yes", now: T0 + 2000 }));
    ok(castMeetingBallot({ meetingId: meeting.id, roundId, userId: members[1].id, choice: "no", now: T0 + 2000 }));
    // Changing a ballot is not a second vote.
    ok(castMeetingBallot({ meetingId: meeting.id, roundId, userId: members[1].id, choice: "yes", now: T0 + 2500 }));
    // Someone absent cannot vote.
    expect(castMeetingBallot({ meetingId: meeting.id, roundId, userId: members[4].id, choice: "yes", now: T0 + 2500 })).toMatchObject({ ok: false, error: "round.errors.notEligible" });
    // 2 phone ballots + 4 hands > 5 present: refused; 2 + 3 is fine.
    expect(recordMeetingHandCount({ meetingId: meeting.id, roundId, counts: { yes: 3, no: 1 }, by: founder.id, now: T0 + 3000 })).toMatchObject({ ok: false, error: "round.errors.tooManyCounted" });
    ok(recordMeetingHandCount({ meetingId: meeting.id, roundId, counts: { yes: 2, no: 1 }, by: founder.id, now: T0 + 3000 }));
    // All five are counted now: one more phone ballot would count someone twice.
    expect(castMeetingBallot({ meetingId: meeting.id, roundId, userId: members[2].id, choice: "no", now: T0 + 3500 })).toMatchObject({ ok: false, error: "round.errors.tooManyCounted" });
    vote = meetingState(meeting.id)!.vote!;
    expect(vote.counts).toMatchObject({ yes: 4, no: 1, abstain: 0 });
    expect(vote.participants + vote.handCounted).toBe(5);

    ok(closeMeetingVote({ meetingId: meeting.id, roundId, by: founder.id, now: T0 + 4000 }));
    expect(closeMeetingVote({ meetingId: meeting.id, roundId, by: founder.id, now: T0 + 4001 })).toMatchObject({ ok: false, error: "meetings.errors.voteAlreadyClosed" });
    // A phone voting after the close: a clear refusal.
    expect(castMeetingBallot({ meetingId: meeting.id, roundId, userId: members[0].id, choice: "no", now: T0 + 5000 })).toMatchObject({ ok: false, error: "round.errors.closed", status: 409 });
    vote = meetingState(meeting.id)!.vote!;
    expect(vote.closed).toBe(true);
    expect(vote.outcome).toBe("passed");
    expect(vote.explanation?.en).toMatch(/Passed/);
    expect(getProposalById(proposal.id)?.status).toBe("passed");
  });

  it("admits a late arrival to the open round", async () => {
    const { meeting, itemId, founder, members } = await votingMeeting();
    const roundId = ok(openMeetingVote({ meetingId: meeting.id, itemId, by: founder.id, now: T0 + 1000 })).roundId;
    ok(checkIn({ meetingId: meeting.id, userId: members[4].id, by: members[4].id, method: "code", now: T0 + 1500 }));
    expect(meetingState(meeting.id)!.vote).toMatchObject({ eligible: 6, presentCount: 6 });
    ok(castMeetingBallot({ meetingId: meeting.id, roundId, userId: members[4].id, choice: "yes", now: T0 + 2000 }));
  });

  it("hides a secret round's count until it closes", async () => {
    const { meeting, itemId, founder, members } = await votingMeeting({ secret: true });
    const roundId = ok(openMeetingVote({ meetingId: meeting.id, itemId, by: founder.id, now: T0 + 1000 })).roundId;
    const cast = ok(castMeetingBallot({ meetingId: meeting.id, roundId, userId: members[0].id, choice: "yes", now: T0 + 2000 }));
    expect(cast.receipt).toMatch(/^[A-Z0-9-]{19}$/);
    let state = meetingState(meeting.id)!;
    expect(state.vote).toMatchObject({ secret: true, participants: 1, counts: null });
    expect(JSON.stringify(state)).not.toContain('"yes":1');
    // A phone's secret ballot is stored like any other: sealed until the round closes (docs/decisions/009-secret-ballots.md).
    const stored = (table: string) => (sqlite.prepare(`select count(*) as n from ${table} where round_id = ?`).get(roundId) as { n: number }).n;
    expect([stored("sealed_ballots"), stored("secret_ballots"), stored("round_keys")]).toEqual([1, 0, 1]);
    ok(closeMeetingVote({ meetingId: meeting.id, roundId, by: founder.id, now: T0 + 3000 }));
    expect([stored("sealed_ballots"), stored("secret_ballots"), stored("round_keys")]).toEqual([0, 1, 0]);
    state = meetingState(meeting.id)!;
    expect(state.vote?.counts).toMatchObject({ yes: 1 });
  });

  it("refuses a vote on an item that is not the current proposal item", async () => {
    const { meeting, founder } = await votingMeeting();
    const other = ok(addAgendaItem(meeting.id, { kind: "discussion", title: "Chat", timeboxMinutes: 5 })).itemId;
    expect(openMeetingVote({ meetingId: meeting.id, itemId: other, by: founder.id, now: T0 })).toMatchObject({ ok: false, error: "meetings.errors.movedOn" });
  });
});

describe("minutes and closing", () => {
  it("writes attendance, notes, decisions with reasons for blocks and stand-asides, and action items; the next meeting adopts them", async () => {
    const s = await setup({ members: 4 });
    const { meeting, founder, members, assembly } = s;
    // Consensus (the default charter): a block with its reason and a stand-aside.
    const proposal = createProposal({ assemblyId: assembly.id, authorId: founder.id, kind: "general", title: "Paint the hallway", body: "Green." });
    const report = ok(addAgendaItem(meeting.id, { kind: "report", title: "Treasurer's report", timeboxMinutes: 5, presenterUserId: members[0].id })).itemId;
    const item = ok(addAgendaItem(meeting.id, { kind: "proposal", title: "Hallway", timeboxMinutes: 10, proposalId: proposal.id })).itemId;
    ok(addAgendaItem(meeting.id, { kind: "discussion", title: "Never reached", timeboxMinutes: 10 }));
    ok(startMeeting(meeting.id, T0));
    for (const m of [founder, ...members]) ok(checkIn({ meetingId: meeting.id, userId: m.id, by: m.id, method: "code", now: T0 }));
    const rev = getMeeting(meeting.id)!.minutesRev;
    ok(saveItemNotes({ meetingId: meeting.id, itemId: report, notes: "Balance is 412 euros.", expectedRev: rev }));
    // A second editor working from the old revision is refused.
    expect(saveItemNotes({ meetingId: meeting.id, itemId: report, notes: "Other", expectedRev: rev })).toMatchObject({ ok: false, error: "meetings.errors.minutesStale" });
    ok(nextItem(meeting.id, report, T0 + 6 * 60_000));
    const roundId = ok(openMeetingVote({ meetingId: meeting.id, itemId: item, by: founder.id, now: T0 + 7 * 60_000 })).roundId;
    ok(castMeetingBallot({ meetingId: meeting.id, roundId, userId: members[0].id, choice: "agree", now: T0 + 7 * 60_000 }));
    ok(castMeetingBallot({ meetingId: meeting.id, roundId, userId: members[1].id, choice: "stand_aside", reason: "I am moving out", now: T0 + 7 * 60_000 }));
    ok(castMeetingBallot({ meetingId: meeting.id, roundId, userId: members[2].id, choice: "block", reason: "Green paint is toxic", now: T0 + 7 * 60_000 }));
    ok(recordMeetingHandCount({ meetingId: meeting.id, roundId, counts: { agree: 2 }, by: founder.id, now: T0 + 8 * 60_000 }));
    ok(closeMeetingVote({ meetingId: meeting.id, roundId, by: founder.id, now: T0 + 9 * 60_000 }));
    ok(addActionItem({ meetingId: meeting.id, itemId: item, text: "Ask for a paint sample", ownerUserId: members[2].id, ownerName: "", dueAt: T0 + 7 * DAY, by: founder.id, now: T0 }));
    ok(addActionItem({ meetingId: meeting.id, itemId: null, text: "Book the room", ownerUserId: null, ownerName: "Neighbour Jo", dueAt: null, by: founder.id, now: T0 }));
    ok(closeMeeting(meeting.id, T0 + HOUR, meetingDecisions, () => ({ present: 5, members: 5, quorumMet: true })));
    expect(closeMeeting(meeting.id, T0 + HOUR, meetingDecisions, () => ({ present: 5, members: 5, quorumMet: true }))).toMatchObject({ ok: false, error: "meetings.errors.closed" });

    const min = buildMinutes(meeting.id)!;
    expect(min.attendance.people).toHaveLength(5);
    expect(min.items.map((i) => [i.title, i.taken])).toEqual([
      ["Treasurer's report", true],
      ["Hallway", true],
      ["Never reached", false],
    ]);
    expect(min.items[0]).toMatchObject({ notes: "Balance is 412 euros.", spentMinutes: 6 });
    const d = min.items[1].decisions[0];
    expect(d.outcome).toBe("blocked");
    // Stand-asides and blocks are listed with their reasons (docs/domain.md#meetings).
    expect(d.positions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ choice: "stand_aside", name: expect.stringMatching(/^mtmem /), reason: "I am moving out" }),
        expect.objectContaining({ choice: "block", reason: "Green paint is toxic" }),
      ]),
    );
    const mdEn = minutesMarkdown(min, "en");
    expect(mdEn).toContain("# Minutes: General assembly");
    expect(mdEn).toContain("Balance is 412 euros.");
    expect(mdEn).toContain("Green paint is toxic");
    expect(mdEn).toMatch(/- Stand aside — mtmem \d+: I am moving out/);
    expect(mdEn).toMatch(/- Block — mtmem \d+: Green paint is toxic/);
    expect(mdEn).toContain(d.explanation!.en);
    expect(mdEn).toContain("- [ ] Ask for a paint sample");
    expect(mdEn).toContain("Neighbour Jo");
    expect(mdEn).toMatch(/Not reached/);
    const mdEs = minutesMarkdown(min, "es");
    expect(mdEs).toContain("# Acta: General assembly");
    expect(mdEs).toContain(d.explanation!.es);

    // The decision record has the meeting with its attendance and decision count.
    const entry = listRecord(assembly.id).find((r) => r.kind === "meeting")!;
    expect(entry.subjectId).toBe(meeting.id);
    expect(JSON.parse(entry.payload)).toMatchObject({ attendance: { present: 5 }, decisions: [{ roundId, outcome: "blocked" }], params: { decisions: 1 } });

    // The next meeting adopts them; then they are fixed.
    const next = ok(scheduleMeeting({ assemblyId: assembly.id, title: "Next", startsAt: T0 + 14 * DAY, durationMinutes: 60, place: "", link: "", shortNotice: false, createdBy: founder.id, now: T0 }));
    expect(adoptMinutes({ meetingId: meeting.id, inMeetingId: next.meeting.id, now: T0 + 14 * DAY })).toMatchObject({ ok: false, error: "meetings.errors.notStarted" });
    ok(startMeeting(next.meeting.id, T0 + 14 * DAY));
    ok(adoptMinutes({ meetingId: meeting.id, inMeetingId: next.meeting.id, now: T0 + 14 * DAY }));
    expect(adoptMinutes({ meetingId: meeting.id, inMeetingId: next.meeting.id, now: T0 + 14 * DAY })).toMatchObject({ ok: false, error: "meetings.errors.minutesAdopted" });
    expect(saveMinutes({ meetingId: meeting.id, summary: "late edit", notes: {}, expectedRev: getMeeting(meeting.id)!.minutesRev })).toMatchObject({ ok: false, error: "meetings.errors.minutesAdopted" });
    expect(buildMinutes(meeting.id)!.meeting.adoptedIn?.id).toBe(next.meeting.id);
    expect(listRecord(assembly.id).some((r) => r.kind === "minutes" && r.subjectId === meeting.id)).toBe(true);
    expect(verifyRecord(assembly.id).broken).toBeNull();
  });

  it("refuses to close while a vote is open, and to remove an item already taken up", async () => {
    const s = await setup({ members: 2, simpleMajority: true });
    const proposal = createProposal({ assemblyId: s.assembly.id, authorId: s.founder.id, kind: "general", title: "P", body: "b" });
    const item = ok(addAgendaItem(s.meeting.id, { kind: "proposal", title: "P", timeboxMinutes: 5, proposalId: proposal.id })).itemId;
    ok(startMeeting(s.meeting.id, T0));
    ok(checkIn({ meetingId: s.meeting.id, userId: s.founder.id, by: s.founder.id, method: "code", now: T0 }));
    ok(openMeetingVote({ meetingId: s.meeting.id, itemId: item, by: s.founder.id, now: T0 }));
    expect(closeMeeting(s.meeting.id, T0, meetingDecisions, () => ({ present: 1, members: 3, quorumMet: false }))).toMatchObject({ ok: false, error: "meetings.errors.roundStillOpen" });
    expect(getMeeting(s.meeting.id)!.status).toBe("running");
    expect(removeAgendaItem(s.meeting.id, item)).toMatchObject({ ok: false, error: "meetings.errors.itemStarted" });
  });
});
