/**
 * Who is in the room. Members check themselves in with the meeting's code, or the
 * facilitator checks them in by name. Quorum follows from it through the engine: the
 * electorate is the body's voting members, "present" the voting members checked in
 * (docs/domain.md#quorum; observers attend but do not count).
 */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { db } from "~/db.server";
import { attendance, memberships, stackEntries, users } from "../../db/schema";
import { newId } from "~/lib/ids.server";
import { quorumOf } from "~/lib/rules";
import { checkQuorum } from "~/engine";
import { currentCharter } from "./assembly.server";
import { mayVote, memberCounts } from "./membership.server";
import { addToElectorate, getRound, setPresentCount } from "./round.server";
import { change, getMeetingByCode, openMeetingRound, requireStatus } from "./meeting.server";
import { caught, refuse, type Result } from "~/lib/refusal";

function membershipOf(assemblyId: string, userId: string) {
  return db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.assemblyId, assemblyId), eq(memberships.userId, userId)))
    .get();
}

/**
 * Someone checked in while a vote is open: they may vote too, and the count of members
 * present grows with them. Called inside the check-in's transaction; it lives here, not in
 * meeting-vote.server.ts, so that module can read who is present without the two importing each other.
 */
function admitLateArrival(meetingId: string, userId: string, presentVoting: number) {
  const row = openMeetingRound(meetingId);
  if (!row) return;
  const round = getRound(row.roundId);
  if (!round || round.closedAt !== null) return;
  if (addToElectorate(row.roundId, [userId]).ok && round.presentCount !== null && presentVoting > round.presentCount) setPresentCount(row.roundId, presentVoting);
}

/** Checks someone in (again, if they had left). Checking in twice is not an error. */
export function checkIn(input: { meetingId: string; userId: string; by: string; method: "code" | "facilitator"; now: number }) {
  return change(input.meetingId, (m) => {
    requireStatus(m, "scheduled", "running");
    if (!membershipOf(m.assemblyId, input.userId)) refuse("forbidden", "meetings.errors.notMember");
    const row = db
      .select()
      .from(attendance)
      .where(and(eq(attendance.meetingId, m.id), eq(attendance.userId, input.userId)))
      .get();
    if (row && row.leftAt === null) return { already: true };
    if (row) {
      db.update(attendance).set({ leftAt: null, checkedInAt: input.now, method: input.method, checkedInBy: input.by }).where(eq(attendance.id, row.id)).run();
    } else {
      db.insert(attendance)
        .values({ id: newId(), meetingId: m.id, userId: input.userId, method: input.method, checkedInBy: input.by, checkedInAt: input.now })
        .run();
    }
    if (m.status === "running") admitLateArrival(m.id, input.userId, listPresent(m.id).filter((p) => p.voting).length);
    return { already: false };
  });
}

/**
 * Checks the signed-in person into the meeting whose code they typed. A code of another
 * body's meeting gets the same answer as no such code: telling them apart would let anyone
 * find out which codes are meetings somewhere.
 */
export function checkInByCode(code: string, userId: string, now: number): Result<{ already: boolean; meetingId: string; slug: string }> {
  return caught(() => {
    const found = getMeetingByCode(code);
    if (!found || !membershipOf(found.meeting.assemblyId, userId)) refuse("not_found", "meetings.errors.badCode");
    const r = checkIn({ meetingId: found.meeting.id, userId, by: userId, method: "code", now });
    if (!r.ok) refuse(r);
    return { already: r.already, meetingId: found.meeting.id, slug: found.slug };
  });
}

/** Someone leaves: they no longer count toward quorum, and their raised hand goes down. */
export function checkOut(input: { meetingId: string; userId: string; now: number }) {
  return change(input.meetingId, (m) => {
    requireStatus(m, "scheduled", "running");
    const row = db
      .select()
      .from(attendance)
      .where(and(eq(attendance.meetingId, m.id), eq(attendance.userId, input.userId), isNull(attendance.leftAt)))
      .get();
    if (!row) return { already: true };
    db.update(attendance).set({ leftAt: input.now }).where(eq(attendance.id, row.id)).run();
    db.update(stackEntries)
      .set({ status: "removed", endedAt: input.now })
      .where(and(eq(stackEntries.meetingId, m.id), eq(stackEntries.userId, input.userId), eq(stackEntries.status, "waiting")))
      .run();
    return { already: false };
  });
}

export type Attendee = { userId: string; name: string; voting: boolean; method: "code" | "facilitator"; checkedInAt: number };

/** People present now (checked in and not left), current members only. */
export function listPresent(meetingId: string): Attendee[] {
  return db
    .select({ userId: users.id, name: users.displayName, role: memberships.role, method: attendance.method, checkedInAt: attendance.checkedInAt })
    .from(attendance)
    .innerJoin(users, eq(users.id, attendance.userId))
    .innerJoin(sql`meetings`, sql`meetings.id = ${attendance.meetingId}`)
    .innerJoin(memberships, and(eq(memberships.userId, attendance.userId), sql`${memberships.assemblyId} = meetings.assembly_id`))
    .where(and(eq(attendance.meetingId, meetingId), isNull(attendance.leftAt)))
    .orderBy(asc(users.displayName))
    .all()
    .map((r) => ({ userId: r.userId, name: r.name, voting: mayVote(r), method: r.method, checkedInAt: r.checkedInAt }));
}

/** Everyone who was checked in at any point: the minutes' attendance list. */
export function listAttended(meetingId: string) {
  return db
    .select({ userId: users.id, name: users.displayName, leftAt: attendance.leftAt, checkedInAt: attendance.checkedInAt })
    .from(attendance)
    .innerJoin(users, eq(users.id, attendance.userId))
    .where(eq(attendance.meetingId, meetingId))
    .orderBy(asc(users.displayName))
    .all();
}

export function isPresent(meetingId: string, userId: string) {
  return Boolean(
    db
      .select({ id: attendance.id })
      .from(attendance)
      .where(and(eq(attendance.meetingId, meetingId), eq(attendance.userId, userId), isNull(attendance.leftAt)))
      .get(),
  );
}

/** Quorum now, decided by the engine under the current charter. */
export function quorumNow(assemblyId: string, presentVoting: number) {
  const { charter } = currentCharter(assemblyId);
  const members = memberCounts(assemblyId).voting;
  const q = checkQuorum(quorumOf(charter), { members, present: presentVoting });
  return { members, present: presentVoting, met: q.met, required: q.required, explanation: q.explanation };
}
