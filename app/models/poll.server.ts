/**
 * Everyday polls (docs/domain.md#polls): a member asks the body a question — a choice among
 * options, counted by single choice, approval, Schulze or score, or the best time for a meeting
 * — members answer and change their answer until it closes (at its closing time, with no
 * visitor needed, or by hand), and closing counts once through the engine and writes the result
 * to the decision record. A poll is advisory unless the charter makes choice polls binding
 * (app/lib/rules.ts `pollRulesOf`): a binding poll decides only with quorum and one winner.
 * A meeting-time poll's winning time becomes a scheduled meeting in one step.
 */
import { and, asc, desc, eq, inArray, isNull, notExists, sql } from "drizzle-orm";
import { attempt, db } from "~/db.server";
import { refuse } from "~/lib/refusal";
import { memberships, pollAnswers, pollOptions, polls } from "../../db/schema";
import { newId } from "~/lib/ids.server";
import { bestTime, checkQuorum, countPoll, TIME_ANSWERS, validPollBallot, type PollBallot, type PollMethod, type PollResult, type TimeAnswer, type TimeResult } from "~/engine";
import { pollRulesOf, quorumOf } from "~/lib/rules";
import { registerJob } from "~/background.server";
import { currentCharter } from "./assembly.server";
import { appendRecord } from "./record.server";
import { getMembership, mayVote, memberCounts, type Membership } from "./membership.server";
import { scheduleMeeting } from "./meeting.server";

export type Poll = typeof polls.$inferSelect;
export type PollOption = typeof pollOptions.$inferSelect;
export type PollKind = Poll["kind"];
/** What a member sends: a choice-poll ballot, or one answer per candidate time. */
export type PollAnswer = PollBallot | TimeAnswer[];

/** At most this many options or times: a poll a phone can show on one screen. */
export const MAX_POLL_OPTIONS = 20;

/** What closing stored: the engine's count and, for a binding poll, whether it decided. */
export type StoredPollResult =
  | { kind: "choice"; count: PollResult; binding: boolean; outcome: "advisory" | "decided" | "tied" | "no_quorum" | "no_answers"; quorum: { required: number; met: boolean; present: number; members: number } | null }
  | { kind: "time"; count: TimeResult };

/**
 * Who may answer: a choice poll asks the voting members (the same people a round asks,
 * `mayVote`); a meeting-time poll asks everyone who would attend, observers too.
 */
export function mayAnswer(poll: Pick<Poll, "kind">, m: Pick<Membership, "role"> | null | undefined): boolean {
  if (!m) return false;
  return poll.kind === "time" ? true : mayVote(m);
}

export function isPollOpen(poll: Pick<Poll, "closedAt" | "closesAt">, now: number): boolean {
  return poll.closedAt === null && now < poll.closesAt;
}

export function startPoll(input: {
  assemblyId: string;
  authorId: string;
  kind: PollKind;
  title: string;
  body: string;
  method?: PollMethod | null;
  hideResults: boolean;
  options?: string[];
  times?: number[];
  durationMinutes?: number | null;
  place?: string;
  closesAt: number;
  now: number;
}) {
  return attempt(() => {
    if (!mayVote(getMembership(input.assemblyId, input.authorId))) refuse("forbidden", "polls.errors.notVoter");
    if (input.closesAt <= input.now) refuse("invalid", "polls.errors.closesPast", { field: "days" });
    const rules = pollRulesOf(currentCharter(input.assemblyId).charter);
    let labels: Array<{ label: string; startsAt: number | null }>;
    if (input.kind === "choice") {
      const opts = (input.options ?? []).map((o) => o.trim()).filter(Boolean);
      if (opts.length < 2) refuse("invalid", "polls.errors.optionsTooFew", { field: "options" });
      if (opts.length > MAX_POLL_OPTIONS) refuse("invalid", "polls.errors.optionsTooMany", { field: "options" });
      // Names are what the count reports: two alike could not be told apart (./engine/poll.ts).
      if (new Set(opts.map((o) => o.toLowerCase())).size !== opts.length) refuse("invalid", "polls.errors.optionsRepeated", { field: "options" });
      labels = opts.map((label) => ({ label, startsAt: null }));
    } else {
      const times = [...new Set(input.times ?? [])].sort((a, b) => a - b);
      if (times.length < 1) refuse("invalid", "polls.errors.timesTooFew", { field: "times" });
      if (times.length > MAX_POLL_OPTIONS) refuse("invalid", "polls.errors.optionsTooMany", { field: "times" });
      if (times[0] <= input.now) refuse("invalid", "polls.errors.timePast", { field: "times" });
      labels = times.map((startsAt) => ({ label: "", startsAt }));
    }
    const last = db
      .select({ n: sql<number>`coalesce(max(${polls.number}), 0)` })
      .from(polls)
      .where(eq(polls.assemblyId, input.assemblyId))
      .get();
    const id = newId();
    db.insert(polls)
      .values({
        id,
        assemblyId: input.assemblyId,
        number: (last?.n ?? 0) + 1,
        kind: input.kind,
        title: input.title,
        body: input.body,
        // The charter's method unless the member chose one (docs/domain.md#polls).
        method: input.kind === "choice" ? (input.method ?? rules.method) : null,
        hideResults: input.hideResults,
        binding: input.kind === "choice" && rules.binding,
        durationMinutes: input.kind === "time" ? (input.durationMinutes ?? 120) : null,
        place: input.place ?? "",
        authorId: input.authorId,
        createdAt: input.now,
        closesAt: input.closesAt,
      })
      .run();
    labels.forEach((o, position) => db.insert(pollOptions).values({ id: newId(), pollId: id, position, label: o.label, startsAt: o.startsAt }).run());
    return { poll: getPollById(id)! };
  });
}

const pollById = db.select().from(polls).where(eq(polls.id, sql.placeholder("id"))).prepare();

export function getPollById(id: string): Poll | undefined {
  return pollById.get({ id });
}

/** A poll of this body only: an id from another body is "not found". */
export function getPoll(assemblyId: string, id: string): Poll | undefined {
  return db
    .select()
    .from(polls)
    .where(and(eq(polls.id, id), eq(polls.assemblyId, assemblyId)))
    .get();
}

export function listPollOptions(pollId: string): PollOption[] {
  return db.select().from(pollOptions).where(eq(pollOptions.pollId, pollId)).orderBy(asc(pollOptions.position)).all();
}

function answerCount(pollId: string): number {
  return db.select({ n: sql<number>`count(*)` }).from(pollAnswers).where(eq(pollAnswers.pollId, pollId)).get()?.n ?? 0;
}

/** A body's polls, open ones first (closing soonest first), then the closed, newest first. */
export function listPolls(assemblyId: string, opts: { limit?: number } = {}) {
  const rows = db
    .select({
      id: polls.id,
      number: polls.number,
      kind: polls.kind,
      title: polls.title,
      method: polls.method,
      binding: polls.binding,
      closesAt: polls.closesAt,
      closedAt: polls.closedAt,
      meetingId: polls.meetingId,
      answers: sql<number>`(select count(*) from ${pollAnswers} where ${pollAnswers.pollId} = ${polls.id})`,
    })
    .from(polls)
    .where(eq(polls.assemblyId, assemblyId))
    .orderBy(sql`${polls.closedAt} is not null`, sql`case when ${polls.closedAt} is null then ${polls.closesAt} else -${polls.closedAt} end`, desc(polls.number))
    .limit(opts.limit ?? 50)
    .all();
  return rows;
}

export function myAnswer(pollId: string, userId: string): PollAnswer | null {
  const row = db
    .select({ answer: pollAnswers.answer })
    .from(pollAnswers)
    .where(and(eq(pollAnswers.pollId, pollId), eq(pollAnswers.userId, userId)))
    .get();
  return row ? (JSON.parse(row.answer) as PollAnswer) : null;
}

function validTimeAnswer(a: unknown, times: number): a is TimeAnswer[] {
  return Array.isArray(a) && a.length === times && a.every((x) => (TIME_ANSWERS as readonly string[]).includes(x));
}

/** Gives or changes a member's answer while the poll is open. */
export function answerPoll(input: { pollId: string; userId: string; answer: PollAnswer; now: number }) {
  return attempt(() => {
    const poll = getPollById(input.pollId);
    if (!poll) refuse("not_found", "polls.errors.notFound");
    if (!isPollOpen(poll, input.now)) refuse("conflict", "polls.errors.closed");
    if (!mayAnswer(poll, getMembership(poll.assemblyId, input.userId))) refuse("forbidden", "polls.errors.mayNotAnswer");
    const n = listPollOptions(poll.id).length;
    const ok = poll.kind === "time" ? validTimeAnswer(input.answer, n) : !Array.isArray(input.answer) && validPollBallot(poll.method as PollMethod, n, input.answer);
    if (!ok) refuse("invalid", "polls.errors.answerInvalid", { field: "answer" });
    const answer = JSON.stringify(input.answer);
    db.insert(pollAnswers)
      .values({ pollId: poll.id, userId: input.userId, answer, updatedAt: input.now })
      .onConflictDoUpdate({ target: [pollAnswers.pollId, pollAnswers.userId], set: { answer, updatedAt: input.now } })
      .run();
    return {};
  });
}

/** The count of the answers so far (current members' answers only). */
function countAnswers(poll: Poll): StoredPollResult["count"] {
  const options = listPollOptions(poll.id);
  // Someone who left the body no longer counts, as a round's electorate would not have them.
  const rows = db
    .select({ answer: pollAnswers.answer, role: memberships.role })
    .from(pollAnswers)
    .innerJoin(memberships, and(eq(memberships.userId, pollAnswers.userId), eq(memberships.assemblyId, poll.assemblyId)))
    .where(eq(pollAnswers.pollId, poll.id))
    .all()
    .filter((r) => mayAnswer(poll, r));
  if (poll.kind === "time") return bestTime(options.length, rows.map((r) => JSON.parse(r.answer) as TimeAnswer[]));
  return countPoll(poll.method as PollMethod, options.map((o) => o.label), rows.map((r) => JSON.parse(r.answer) as PollBallot));
}

/**
 * What members may see now: the stored result once closed; while open, the running count,
 * unless the poll hides its results until it closes. Always how many have answered.
 */
export function pollResults(poll: Poll): { answers: number; result: StoredPollResult | null; hidden: boolean } {
  if (poll.closedAt !== null && poll.result) {
    const result = JSON.parse(poll.result) as StoredPollResult;
    return { answers: result.kind === "time" ? result.count.answered : result.count.ballots, result, hidden: false };
  }
  if (poll.hideResults) return { answers: answerCount(poll.id), result: null, hidden: true };
  const count = countAnswers(poll);
  const result: StoredPollResult = count && "winners" in count ? { kind: "choice", count, binding: poll.binding, outcome: "advisory", quorum: null } : { kind: "time", count: count as TimeResult };
  return { answers: "winners" in count ? count.ballots : count.answered, result, hidden: false };
}

/** Whether this member may close the poll early: its author, or a facilitator. */
export function mayClosePoll(poll: Pick<Poll, "authorId">, userId: string, m: Pick<Membership, "facilitator" | "steward"> | null | undefined): boolean {
  return poll.authorId === userId || Boolean(m && (m.facilitator || m.steward));
}

/**
 * Closes a poll and counts it — once; closing again returns what was stored. The result and
 * the decision-record entry commit together.
 */
export function closePoll(input: { pollId: string; by: string | null; now: number }) {
  return attempt(() => {
    const poll = getPollById(input.pollId);
    if (!poll) refuse("not_found", "polls.errors.notFound");
    if (poll.closedAt !== null) return { poll, alreadyClosed: true };
    const count = countAnswers(poll);
    let stored: StoredPollResult;
    let summary: string;
    let params: Record<string, string | number> = { number: poll.number, title: poll.title };
    if ("winners" in count) {
      let outcome: Extract<StoredPollResult, { kind: "choice" }>["outcome"] = count.ballots === 0 ? "no_answers" : "advisory";
      let quorum: Extract<StoredPollResult, { kind: "choice" }>["quorum"] = null;
      if (poll.binding && count.ballots > 0) {
        // A binding poll is a decision: quorum first, as for any round (docs/domain.md#quorum),
        // with those who answered as present; a tie decides nothing.
        const members = memberCounts(poll.assemblyId).voting;
        const q = checkQuorum(quorumOf(currentCharter(poll.assemblyId).charter), { members, present: count.ballots });
        quorum = { required: q.required, met: q.met, present: count.ballots, members };
        outcome = !q.met ? "no_quorum" : count.winners.length > 1 ? "tied" : "decided";
      }
      stored = { kind: "choice", count, binding: poll.binding, outcome, quorum };
      summary = `record.poll.${outcome}`;
      params = { ...params, winners: count.winners.map((w) => count.options[w]).join(", ") };
    } else {
      stored = { kind: "time", count };
      summary = count.best.length === 0 ? "record.poll.no_answers" : "record.poll.time";
      params = { ...params, answered: count.answered };
    }
    db.update(polls)
      .set({ closedAt: input.now, closedBy: input.by, result: JSON.stringify(stored) })
      .where(eq(polls.id, poll.id))
      .run();
    appendRecord({
      assemblyId: poll.assemblyId,
      kind: "poll",
      subjectId: poll.id,
      summary,
      params,
      // Counts only: who answered what is not part of the record.
      payload: { pollId: poll.id, pollNumber: poll.number, pollKind: poll.kind, method: poll.method, binding: poll.binding, result: stored, explanation: stored.count.explanation },
      at: input.now,
    });
    return { poll: getPollById(poll.id)!, alreadyClosed: false };
  });
}

/**
 * Closes every poll whose closing time has passed; the server runs this every few seconds. A
 * poll closes *at its time*, as rounds do (round.server.ts `closeDueRounds`): one whose time
 * passed while the server was stopped is stamped and recorded at that time, not at restart.
 */
export function closeDuePolls(now: number): number {
  const due = db
    .select({ id: polls.id, closesAt: polls.closesAt })
    .from(polls)
    .where(and(isNull(polls.closedAt), sql`${polls.closesAt} <= ${now}`))
    .all();
  let closed = 0;
  for (const { id, closesAt } of due) {
    const r = closePoll({ pollId: id, by: null, now: Math.min(now, closesAt) });
    if (r.ok && !r.alreadyClosed) closed++;
  }
  return closed;
}

/** Called once by the server (entry.server.tsx): a poll closes at its time with no visitor. */
export function registerPollJobs() {
  registerJob({ name: "close-due-polls", run: (now) => void closeDuePolls(now) });
}

/**
 * A meeting-time poll's chosen time becomes a scheduled meeting (a facilitator's step, as
 * scheduling any meeting is): the poll closes first if it is still open, and the meeting
 * follows the charter's notice like any other (`shortNotice` confirms a short one).
 */
export function scheduleFromPoll(input: { pollId: string; optionId: string; by: string; shortNotice: boolean; now: number }) {
  return attempt(() => {
    const poll = getPollById(input.pollId);
    if (!poll || poll.kind !== "time") refuse("not_found", "polls.errors.notFound");
    if (poll.meetingId) refuse("conflict", "polls.errors.alreadyScheduled");
    const option = listPollOptions(poll.id).find((o) => o.id === input.optionId);
    if (!option || option.startsAt === null) refuse("not_found", "polls.errors.timeNotFound");
    if (poll.closedAt === null) {
      const c = closePoll({ pollId: poll.id, by: input.by, now: input.now });
      if (!c.ok) refuse(c);
    }
    const r = scheduleMeeting({
      title: poll.title,
      startsAt: option.startsAt,
      durationMinutes: poll.durationMinutes ?? 120,
      place: poll.place,
      link: "",
      shortNotice: input.shortNotice,
      assemblyId: poll.assemblyId,
      createdBy: input.by,
      now: input.now,
    });
    if (!r.ok) refuse(r);
    db.update(polls).set({ meetingId: r.meeting.id }).where(eq(polls.id, poll.id)).run();
    appendRecord({
      assemblyId: poll.assemblyId,
      kind: "poll_meeting",
      subjectId: poll.id,
      summary: "record.poll.scheduled",
      params: { number: poll.number, title: poll.title },
      payload: { pollId: poll.id, meetingId: r.meeting.id, startsAt: option.startsAt },
      at: input.now,
    });
    return { meeting: r.meeting };
  });
}

/**
 * Open polls a member may answer and has not (for "needs you" lists): in the given bodies,
 * or in every body they belong to; closing soonest first.
 */
export function openPollsAwaiting(userId: string, opts: { assemblyIds?: string[]; now?: number } = {}) {
  const now = opts.now ?? Date.now();
  const rows = db
    .select({ id: polls.id, assemblyId: polls.assemblyId, number: polls.number, kind: polls.kind, title: polls.title, closesAt: polls.closesAt, role: memberships.role })
    .from(polls)
    .innerJoin(memberships, and(eq(memberships.assemblyId, polls.assemblyId), eq(memberships.userId, userId)))
    .where(
      and(
        isNull(polls.closedAt),
        sql`${polls.closesAt} > ${now}`,
        opts.assemblyIds ? inArray(polls.assemblyId, opts.assemblyIds) : undefined,
        notExists(
          db
            .select({ x: sql`1` })
            .from(pollAnswers)
            .where(and(eq(pollAnswers.pollId, polls.id), eq(pollAnswers.userId, userId))),
        ),
      ),
    )
    .orderBy(asc(polls.closesAt))
    .all();
  return rows.filter((r) => mayAnswer(r, r)).map(({ role: _role, ...r }) => r);
}
