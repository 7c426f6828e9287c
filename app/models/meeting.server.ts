/**
 * Meetings (docs/domain.md#meetings): scheduling, roles, and the running order a facilitator moves
 * through. Every change runs in one transaction through `change()`, which refuses cleanly
 * (rolling back anything half-done), bumps the meeting's version and tells live screens.
 *
 * Concurrency: console actions name the state they act on ("next item from item X",
 * "extend from 0 s"), so two facilitators pressing "next" at once advance once and the
 * second is told the meeting already moved on.
 */
import { and, asc, desc, eq, gte, inArray, isNull, lt, ne, sql } from "drizzle-orm";
import { attempt, db } from "~/db.server";
import { refuse, type Result } from "~/lib/refusal";
import { agendaItems, assemblies, meetingRounds, meetings, memberships, stackEntries, users } from "../../db/schema";
import { newId, shortCode } from "~/lib/ids.server";
import { publish } from "~/lib/events.server";
import { currentCharter } from "./assembly.server";
import { appendRecord } from "./record.server";

export type Meeting = typeof meetings.$inferSelect;
export type AgendaItem = typeof agendaItems.$inferSelect;
/** A change to one meeting: checked, written, versioned, then published to live screens. */
export function change<T extends object>(meetingId: string, fn: (m: Meeting) => T): Result<T> {
  const r = attempt(() => {
    const m = getMeeting(meetingId);
    if (!m) refuse("not_found", "meetings.errors.notFound");
    const out = fn(m);
    bump(meetingId);
    return out;
  });
  if (r.ok) publish(meetingId);
  return r;
}

// Prepared once: every change to a meeting, every phone's ballot and every rebuild of the
// live state reads these (docs/decisions/021-scale-path.md).
const bumpVersion = db
  .update(meetings)
  .set({ version: sql`${meetings.version} + 1` })
  .where(eq(meetings.id, sql.placeholder("id")))
  .prepare();
const openRoundOfMeeting = db
  .select()
  .from(meetingRounds)
  .where(and(eq(meetingRounds.meetingId, sql.placeholder("meetingId")), isNull(meetingRounds.closedAt)))
  .prepare();
const meetingById = db.select().from(meetings).where(eq(meetings.id, sql.placeholder("id"))).prepare();
const meetingIn = db
  .select()
  .from(meetings)
  .where(and(eq(meetings.id, sql.placeholder("id")), eq(meetings.assemblyId, sql.placeholder("assemblyId"))))
  .prepare();

export function bump(meetingId: string) {
  bumpVersion.run({ id: meetingId });
}

/** The meeting's vote in progress, if any (one at a time). */
export function openMeetingRound(meetingId: string) {
  return openRoundOfMeeting.get({ meetingId });
}

export function getMeeting(id: string) {
  return meetingById.get({ id });
}

/** The meeting only if it belongs to this assembly: ids from another body are "not found". */
export function getMeetingIn(assemblyId: string, id: string) {
  return meetingIn.get({ id, assemblyId });
}

/** Codes are typed on phones: case, spaces and dashes do not matter. */
export function normaliseCode(code: string) {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, "");
}

export function getMeetingByCode(code: string) {
  const c = normaliseCode(code);
  if (!c) return undefined;
  return db
    .select({ meeting: meetings, slug: assemblies.slug, assemblyName: assemblies.name })
    .from(meetings)
    .innerJoin(assemblies, eq(assemblies.id, meetings.assemblyId))
    .where(eq(meetings.code, c))
    .get();
}

function newCode() {
  for (let i = 0; i < 20; i++) {
    const c = shortCode(5);
    if (!db.select({ id: meetings.id }).from(meetings).where(eq(meetings.code, c)).get()) return c;
  }
  return shortCode(8);
}

export function requireStatus(m: Meeting, ...allowed: Meeting["status"][]) {
  if (allowed.includes(m.status)) return;
  if (m.status === "closed") refuse("conflict", "meetings.errors.closed");
  if (m.status === "cancelled") refuse("conflict", "meetings.errors.cancelled");
  if (m.status === "scheduled") refuse("conflict", "meetings.errors.notStarted");
  refuse("conflict", "meetings.errors.alreadyStarted");
}

function requireMemberOf(assemblyId: string, userId: string | null | undefined, error = "meetings.errors.notMember") {
  if (!userId) return;
  const m = db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.assemblyId, assemblyId), eq(memberships.userId, userId)))
    .get();
  if (!m) refuse("invalid", error);
}

const DAY = 86_400_000;

/** The charter's notice (docs/domain.md#charter "notice"): how many days ahead a meeting must be called. */
export function noticeFor(assemblyId: string, startsAt: number, now: number) {
  const days = currentCharter(assemblyId).charter.notice.days;
  return { days, short: startsAt - now < days * DAY };
}

export type MeetingInput = {
  title: string;
  startsAt: number;
  durationMinutes: number;
  place: string;
  link: string;
  shortNotice: boolean;
};

export function scheduleMeeting(
  input: MeetingInput & { assemblyId: string; createdBy: string | null; facilitatorId?: string | null; noteTakerId?: string | null; timekeeperId?: string | null; now: number },
) {
  const r = attempt(() => {
    const notice = noticeFor(input.assemblyId, input.startsAt, input.now);
    // A meeting is called ahead of time; a few hours' grace lets one be entered as it starts.
    if (input.startsAt < input.now - 6 * 3_600_000) refuse("invalid", "meetings.errors.past", { field: "startsAt" });
    if (notice.short && !input.shortNotice) refuse("invalid", "meetings.errors.notice", { params: { days: notice.days }, field: "shortNotice" });
    const facilitatorId = input.facilitatorId === undefined ? input.createdBy : input.facilitatorId;
    for (const u of [facilitatorId, input.noteTakerId, input.timekeeperId]) requireMemberOf(input.assemblyId, u);
    const id = newId();
    db.insert(meetings)
      .values({
        id,
        assemblyId: input.assemblyId,
        title: input.title,
        startsAt: input.startsAt,
        durationMinutes: input.durationMinutes,
        place: input.place,
        link: input.link,
        // Only marked as short notice when it really is: the badge must not cry wolf.
        shortNotice: notice.short,
        code: newCode(),
        facilitatorId: facilitatorId ?? null,
        noteTakerId: input.noteTakerId ?? null,
        timekeeperId: input.timekeeperId ?? null,
        createdBy: input.createdBy,
        createdAt: input.now,
      })
      .run();
    const meeting = getMeeting(id)!;
    carryDeferredInto(meeting, input.now);
    return { meeting: getMeeting(id)! };
  });
  if (r.ok) publish(r.meeting.id);
  return r;
}

export function updateMeetingDetails(meetingId: string, input: MeetingInput & { now: number }) {
  return change(meetingId, (m) => {
    requireStatus(m, "scheduled", "running");
    let shortNotice = m.shortNotice;
    if (input.startsAt !== m.startsAt && m.status === "scheduled") {
      const notice = noticeFor(m.assemblyId, input.startsAt, input.now);
      if (notice.short && !input.shortNotice) refuse("invalid", "meetings.errors.notice", { params: { days: notice.days } });
      shortNotice = notice.short;
    }
    db.update(meetings)
      .set({ title: input.title, startsAt: input.startsAt, durationMinutes: input.durationMinutes, place: input.place, link: input.link, shortNotice })
      .where(eq(meetings.id, meetingId))
      .run();
    return {};
  });
}

export function setMeetingRoles(meetingId: string, roles: { facilitatorId: string | null; noteTakerId: string | null; timekeeperId: string | null }) {
  return change(meetingId, (m) => {
    requireStatus(m, "scheduled", "running");
    for (const u of [roles.facilitatorId, roles.noteTakerId, roles.timekeeperId]) requireMemberOf(m.assemblyId, u);
    db.update(meetings).set(roles).where(eq(meetings.id, meetingId)).run();
    return {};
  });
}

export function cancelMeeting(meetingId: string) {
  return change(meetingId, (m) => {
    requireStatus(m, "scheduled");
    db.update(meetings).set({ status: "cancelled" }).where(eq(meetings.id, meetingId)).run();
    return {};
  });
}

export function setStackOptions(meetingId: string, o: { progressiveStack: boolean; speakingLimitSeconds: number | null }) {
  return change(meetingId, (m) => {
    requireStatus(m, "scheduled", "running");
    db.update(meetings).set(o).where(eq(meetings.id, meetingId)).run();
    return {};
  });
}

export type MeetingListRow = Meeting & { itemCount: number; present: number };

/** Upcoming (not yet closed, soonest first) and past (latest first) meetings of a body. */
/** Past meetings on one page of a body's list: the page's work does not grow with its history. */
export const PAST_MEETINGS_PER_PAGE = 20;

/**
 * A body's meetings: every upcoming or running one, soonest first, and one page (1-based,
 * clamped) of past ones (closed or cancelled), latest first.
 */
export function listMeetings(assemblyId: string, opts: { pastPage?: number } = {}) {
  const select = () =>
    db
      .select({
        meeting: meetings,
        // Qualified by hand: in a one-table select drizzle renders ${meetings.id} as a bare "id",
        // which inside the subquery would mean the subquery's own id.
        itemCount: sql<number>`(select count(*) from agenda_items a where a.meeting_id = "meetings"."id" and a.status in ('open','done'))`,
        present: sql<number>`(select count(*) from attendance t where t.meeting_id = "meetings"."id" and t.left_at is null)`,
      })
      .from(meetings);
  const flat = (r: { meeting: Meeting; itemCount: number; present: number }) => ({ ...r.meeting, itemCount: r.itemCount, present: r.present });
  const isPast = and(eq(meetings.assemblyId, assemblyId), inArray(meetings.status, ["closed", "cancelled"]));
  const total = db.select({ n: sql<number>`count(*)` }).from(meetings).where(isPast).get()?.n ?? 0;
  const pastPages = Math.max(1, Math.ceil(total / PAST_MEETINGS_PER_PAGE));
  const pastPage = Math.min(Math.max(1, Math.floor(opts.pastPage ?? 1) || 1), pastPages);
  return {
    upcoming: select()
      .where(and(eq(meetings.assemblyId, assemblyId), inArray(meetings.status, ["scheduled", "running"])))
      .orderBy(asc(meetings.startsAt))
      .all()
      .map(flat),
    past: select()
      .where(isPast)
      .orderBy(desc(meetings.startsAt))
      .limit(PAST_MEETINGS_PER_PAGE)
      .offset((pastPage - 1) * PAST_MEETINGS_PER_PAGE)
      .all()
      .map(flat),
    pastPage,
    pastPages,
  };
}

/**
 * The next meeting of a body that items can still be added to: the soonest scheduled one
 * (a meeting left "scheduled" for more than a day past its time is treated as abandoned).
 */
export function nextMeetingOf(assemblyId: string, now: number) {
  return db
    .select()
    .from(meetings)
    .where(and(eq(meetings.assemblyId, assemblyId), eq(meetings.status, "scheduled"), gte(meetings.startsAt, now - DAY)))
    .orderBy(asc(meetings.startsAt))
    .limit(1)
    .get();
}

/** The items the meeting moves through, in order (suggestions, declined and deferred aside). */
export function runningOrder(meetingId: string) {
  return db
    .select()
    .from(agendaItems)
    .where(and(eq(agendaItems.meetingId, meetingId), inArray(agendaItems.status, ["open", "done"])))
    .orderBy(asc(agendaItems.position))
    .all();
}

/** Leaves the current item (keeping the time spent on it) and takes up `targetId`. */
function moveTo(m: Meeting, targetId: string | null, leaving: "done" | "open" | "deferred", now: number) {
  if (m.currentItemId) {
    const spent = m.currentItemStartedAt === null ? 0 : Math.max(0, now - m.currentItemStartedAt);
    db.update(agendaItems)
      .set({ spentMs: spent, extendedSeconds: m.extendedSeconds, endedAt: now, status: leaving })
      .where(eq(agendaItems.id, m.currentItemId))
      .run();
  }
  // A turn on the stack belongs to the item it was given on.
  db.update(stackEntries)
    .set({ status: "done", endedAt: now })
    .where(and(eq(stackEntries.meetingId, m.id), eq(stackEntries.status, "speaking")))
    .run();
  if (!targetId) {
    db.update(meetings).set({ currentItemId: null, currentItemStartedAt: null, extendedSeconds: 0 }).where(eq(meetings.id, m.id)).run();
    return;
  }
  const item = db.select().from(agendaItems).where(eq(agendaItems.id, targetId)).get()!;
  db.update(agendaItems)
    .set({ status: "open", startedAt: item.startedAt ?? now, endedAt: null })
    .where(eq(agendaItems.id, targetId))
    .run();
  // Returning to an item resumes its clock where it stopped.
  db.update(meetings)
    .set({ currentItemId: targetId, currentItemStartedAt: now - item.spentMs, extendedSeconds: item.extendedSeconds })
    .where(eq(meetings.id, m.id))
    .run();
}

function requireCurrent(m: Meeting, fromItemId: string | null) {
  if ((m.currentItemId ?? null) !== (fromItemId || null)) refuse("conflict", "meetings.errors.movedOn");
}

export function startMeeting(meetingId: string, now: number) {
  return change(meetingId, (m) => {
    requireStatus(m, "scheduled");
    db.update(meetings).set({ status: "running", startedAt: now }).where(eq(meetings.id, meetingId)).run();
    const first = runningOrder(meetingId).find((i) => i.status === "open");
    moveTo({ ...m, status: "running" }, first?.id ?? null, "open", now);
    return {};
  });
}

/** Next item, from the one the console showed; refused when someone already moved on. */
export function nextItem(meetingId: string, fromItemId: string | null, now: number) {
  return change(meetingId, (m) => {
    requireStatus(m, "running");
    requireCurrent(m, fromItemId);
    const order = runningOrder(meetingId);
    let target: AgendaItem | undefined;
    if (m.currentItemId) {
      const i = order.findIndex((x) => x.id === m.currentItemId);
      target = order[i + 1];
    } else {
      target = order.find((x) => x.status === "open");
      if (!target) refuse("conflict", "meetings.errors.agendaDone");
    }
    moveTo(m, target?.id ?? null, "done", now);
    return { itemId: target?.id ?? null };
  });
}

export function previousItem(meetingId: string, fromItemId: string | null, now: number) {
  return change(meetingId, (m) => {
    requireStatus(m, "running");
    requireCurrent(m, fromItemId);
    const order = runningOrder(meetingId);
    const i = m.currentItemId ? order.findIndex((x) => x.id === m.currentItemId) : order.length;
    const target = order[i - 1];
    if (!target) refuse("conflict", "meetings.errors.atFirst");
    moveTo(m, target.id, "open", now);
    return { itemId: target.id };
  });
}

/** Takes up a particular item now (the facilitator picked it from the agenda). */
export function takeUpItem(meetingId: string, itemId: string, fromItemId: string | null, now: number) {
  return change(meetingId, (m) => {
    requireStatus(m, "running");
    requireCurrent(m, fromItemId);
    const target = runningOrder(meetingId).find((x) => x.id === itemId);
    if (!target) refuse("not_found", "meetings.errors.itemNotFound");
    if (target.id === m.currentItemId) return { itemId };
    moveTo(m, target.id, "open", now);
    return { itemId };
  });
}

/** Extends the current item's timebox; `fromSeconds` is the extension the console saw. */
export function extendTime(meetingId: string, itemId: string, seconds: number, fromSeconds: number) {
  return change(meetingId, (m) => {
    requireStatus(m, "running");
    if (m.currentItemId !== itemId) refuse("conflict", "meetings.errors.movedOn");
    if (m.extendedSeconds !== fromSeconds) refuse("conflict", "meetings.errors.alreadyExtended");
    const next = m.extendedSeconds + seconds;
    // Shortening is allowed, but never below nothing left of the original timebox.
    const item = db.select({ timeboxMinutes: agendaItems.timeboxMinutes }).from(agendaItems).where(eq(agendaItems.id, itemId)).get()!;
    if (item.timeboxMinutes * 60 + next < 0) refuse("invalid", "meetings.errors.extendRange");
    db.update(meetings).set({ extendedSeconds: next }).where(eq(meetings.id, meetingId)).run();
    return { extendedSeconds: next };
  });
}

/**
 * Defers an item to the next meeting: the current one moves on to the following item.
 * It is copied onto the next scheduled meeting's agenda (or the next one scheduled).
 */
export function deferItem(meetingId: string, itemId: string, now: number) {
  return change(meetingId, (m) => {
    requireStatus(m, "scheduled", "running");
    const item = db
      .select()
      .from(agendaItems)
      .where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, meetingId)))
      .get();
    if (!item) refuse("not_found", "meetings.errors.itemNotFound");
    if (item.status === "deferred") refuse("conflict", "meetings.errors.alreadyDeferred");
    if (item.status !== "open") refuse("conflict", "meetings.errors.itemNotOpen");
    if (m.currentItemId === itemId) {
      const order = runningOrder(meetingId);
      const i = order.findIndex((x) => x.id === itemId);
      moveTo(m, order[i + 1]?.id ?? null, "deferred", now);
    } else {
      db.update(agendaItems).set({ status: "deferred" }).where(eq(agendaItems.id, itemId)).run();
    }
    const next = db
      .select()
      .from(meetings)
      .where(and(eq(meetings.assemblyId, m.assemblyId), eq(meetings.status, "scheduled"), ne(meetings.id, m.id), gte(meetings.startsAt, m.startsAt)))
      .orderBy(asc(meetings.startsAt))
      .limit(1)
      .get();
    if (next) carryItem({ ...item, status: "deferred" }, next, now);
    return { carriedTo: next?.id ?? null };
  });
}

function carryItem(item: AgendaItem, into: Meeting, now: number) {
  const position = nextPosition(into.id);
  db.insert(agendaItems)
    .values({
      id: newId(),
      meetingId: into.id,
      position,
      kind: item.kind,
      title: item.title,
      description: item.description,
      presenterUserId: item.presenterUserId,
      timeboxMinutes: item.timeboxMinutes,
      proposalId: item.proposalId,
      reportBackId: item.reportBackId,
      status: "open",
      carriedFromItemId: item.id,
      createdAt: now,
    })
    .run();
  db.update(agendaItems).set({ carriedToMeetingId: into.id }).where(eq(agendaItems.id, item.id)).run();
  if (into.id !== item.meetingId) {
    bump(into.id);
    publish(into.id);
  }
}

/** Deferred items of earlier meetings not yet on any agenda go on this new one. */
function carryDeferredInto(meeting: Meeting, now: number) {
  const waiting = db
    .select({ item: agendaItems })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(
      and(
        eq(meetings.assemblyId, meeting.assemblyId),
        eq(agendaItems.status, "deferred"),
        isNull(agendaItems.carriedToMeetingId),
        lt(meetings.startsAt, meeting.startsAt),
      ),
    )
    .orderBy(asc(meetings.startsAt), asc(agendaItems.position))
    .all();
  for (const w of waiting) carryItem(w.item, meeting, now);
}

export function nextPosition(meetingId: string) {
  const row = db
    .select({ p: sql<number | null>`max(${agendaItems.position})` })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId))
    .get();
  return (row?.p ?? 0) + 1;
}

export type MeetingDecision = { roundId: string; proposalId: string; itemId: string; outcome: string | null; explanation: { en: string; es: string } | null };

/**
 * Closes the meeting: the current item ends, the stack clears, and the meeting goes in the
 * decision record with its attendance and decisions (docs/domain.md#meetings,
 * #decision-record). A round still open must be closed first, so nothing is decided half-way.
 */
export function closeMeeting(meetingId: string, now: number, decisionsOf: (meetingId: string) => MeetingDecision[], present: () => { present: number; members: number; quorumMet: boolean }) {
  return change(meetingId, (m) => {
    requireStatus(m, "running");
    const open = db
      .select({ id: meetingRounds.id })
      .from(meetingRounds)
      .where(and(eq(meetingRounds.meetingId, meetingId), isNull(meetingRounds.closedAt)))
      .get();
    if (open) refuse("conflict", "meetings.errors.roundStillOpen");
    moveTo(m, null, "done", now);
    db.update(stackEntries)
      .set({ status: "removed", endedAt: now })
      .where(and(eq(stackEntries.meetingId, meetingId), eq(stackEntries.status, "waiting")))
      .run();
    db.update(meetings).set({ status: "closed", closedAt: now }).where(eq(meetings.id, meetingId)).run();
    const decisions = decisionsOf(meetingId);
    const att = present();
    appendRecord({
      assemblyId: m.assemblyId,
      kind: "meeting",
      subjectId: m.id,
      summary: "record.meeting.closed",
      params: { title: m.title, present: att.present, members: att.members, decisions: decisions.length },
      payload: {
        meetingId: m.id,
        startedAt: m.startedAt,
        closedAt: now,
        charterVersion: currentCharter(m.assemblyId).version,
        attendance: att,
        decisions: decisions.map((d) => ({ roundId: d.roundId, proposalId: d.proposalId, outcome: d.outcome })),
      },
      at: now,
    });
    return { decisions: decisions.length };
  });
}

/** The closed meeting before this one whose minutes still await adoption, if any. */
export function previousUnadopted(m: Meeting) {
  return db
    .select()
    .from(meetings)
    .where(and(eq(meetings.assemblyId, m.assemblyId), eq(meetings.status, "closed"), isNull(meetings.minutesAdoptedAt), lt(meetings.startsAt, m.startsAt)))
    .orderBy(desc(meetings.startsAt))
    .limit(1)
    .get();
}

/** Display names of a few people, by id. */
export function namesOf(ids: Array<string | null | undefined>) {
  const list = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (list.length === 0) return new Map<string, string>();
  const rows = db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, list)).all();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Meetings of every body a person belongs to, for their calendar feed. */
export function meetingsForCalendar(userId: string, since: number) {
  return db
    .select({ meeting: meetings, assemblyName: assemblies.name, slug: assemblies.slug })
    .from(meetings)
    .innerJoin(memberships, and(eq(memberships.assemblyId, meetings.assemblyId), eq(memberships.userId, userId)))
    .innerJoin(assemblies, eq(assemblies.id, meetings.assemblyId))
    .where(gte(meetings.startsAt, since))
    .orderBy(asc(meetings.startsAt))
    .all();
}

