/**
 * Votes in a meeting (docs/domain.md#meetings, #rounds): a round on the current proposal item with the members
 * present as its electorate, ballots from phones, a hand count for people without one, and
 * closing with the outcome at once. Rounds themselves (thresholds, no one counted twice,
 * secret ballots, the decision record) belong to round.server.ts; this module ties them to
 * the meeting and keeps the meeting's version and live screens in step.
 */
import { titleFor } from "~/i18n/system-title";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { db } from "~/db.server";
import { agendaItems, meetingRounds } from "../../db/schema";
import { newId } from "~/lib/ids.server";
import { CHOICES, type BallotKind } from "~/lib/rules";
import type { Bilingual, LiveVote } from "~/lib/meeting-state";
import { castBallot, closeRound, getRound, liveTally, listOpenBallots, openRound, proxiesCast, publishedBallots, recordHandCount } from "./round.server";
import { getProposalById } from "./proposal.server";
import { currentCharter } from "./assembly.server";
import { listPresent } from "./attendance.server";
import { change, openMeetingRound, requireStatus, type MeetingDecision } from "./meeting.server";
import { refuse } from "~/lib/refusal";

// Prepared once: every phone's ballot reads it (docs/decisions/021-scale-path.md).
const meetingRoundById = db
  .select()
  .from(meetingRounds)
  .where(and(eq(meetingRounds.meetingId, sql.placeholder("meetingId")), eq(meetingRounds.roundId, sql.placeholder("roundId"))))
  .prepare();

function meetingRoundOf(meetingId: string, roundId: string) {
  const row = meetingRoundById.get({ meetingId, roundId });
  if (!row) refuse("not_found", "meetings.errors.voteNotFound");
  return row;
}

/**
 * Opens a round on the current item's proposal. The electorate is the voting members
 * checked in now (docs/domain.md#rounds); people who arrive later are added as they check in. A second
 * "open" (double click, second facilitator) is refused: one vote at a time.
 */
export function openMeetingVote(input: { meetingId: string; itemId: string; by: string; now: number }) {
  return change(input.meetingId, (m) => {
    requireStatus(m, "running");
    if (m.currentItemId !== input.itemId) refuse("conflict", "meetings.errors.movedOn");
    if (openMeetingRound(m.id)) refuse("conflict", "meetings.errors.voteAlreadyOpen");
    const item = db.select().from(agendaItems).where(eq(agendaItems.id, input.itemId)).get();
    if (!item || item.kind !== "proposal" || !item.proposalId) refuse("invalid", "meetings.errors.notProposalItem");
    const voters = listPresent(m.id).filter((p) => p.voting).map((p) => p.userId);
    if (voters.length === 0) refuse("invalid", "meetings.errors.nobodyPresent");
    const r = openRound({ proposalId: item.proposalId, openedBy: input.by, mode: "meeting", meetingId: m.id, electorateUserIds: voters, presentCount: voters.length, now: input.now });
    if (!r.ok) refuse(r);
    db.insert(meetingRounds).values({ id: newId(), meetingId: m.id, itemId: item.id, roundId: r.round.id, openedAt: input.now }).run();
    return { roundId: r.round.id };
  });
}

/** Closes the meeting's round and decides it; a second close is told it already closed. */
export function closeMeetingVote(input: { meetingId: string; roundId: string; by: string; now: number }) {
  return change(input.meetingId, (m) => {
    const row = meetingRoundOf(m.id, input.roundId);
    if (row.closedAt !== null) refuse("conflict", "meetings.errors.voteAlreadyClosed");
    const r = closeRound({ roundId: input.roundId, by: input.by, now: input.now });
    if (!r.ok) refuse(r);
    db.update(meetingRounds).set({ closedAt: r.round.closedAt ?? input.now }).where(eq(meetingRounds.id, row.id)).run();
    return { outcome: r.round.outcome };
  });
}

/** A member's ballot from their phone. After the round closed: refused, clearly. */
export function castMeetingBallot(input: { meetingId: string; roundId: string; userId: string; choice: string; reason?: string | null; text?: string | null; receipt?: string | null; onBehalfOf?: string | null; now: number }) {
  return change(input.meetingId, (m) => {
    const row = meetingRoundOf(m.id, input.roundId);
    if (row.closedAt !== null) refuse("conflict", "round.errors.closed");
    const r = castBallot({ roundId: input.roundId, userId: input.userId, choice: input.choice, reason: input.reason, text: input.text, receipt: input.receipt, onBehalfOf: input.onBehalfOf, now: input.now });
    if (!r.ok) refuse(r);
    return { receipt: r.receipt, changed: r.changed };
  });
}

/** The facilitator's count of hands or cards; phone ballots plus hands never exceed those present. */
export function recordMeetingHandCount(input: { meetingId: string; roundId: string; counts: Record<string, number>; by: string; now: number; proxies?: number }) {
  return change(input.meetingId, (m) => {
    const row = meetingRoundOf(m.id, input.roundId);
    if (row.closedAt !== null) refuse("conflict", "round.errors.closed");
    const r = recordHandCount(input.roundId, input.counts, input.by, input.now, input.proxies ?? 0);
    if (!r.ok) refuse(r);
    return {};
  });
}

function choicesOf(kind: BallotKind): string[] {
  return [...CHOICES[kind]].filter((c) => c !== "ranking");
}

/**
 * The vote screens show: the open round, else the last one closed on the current item;
 * once the meeting is over (`closed`), the last round of the whole meeting, so the room
 * still sees the outcome it just decided.
 */
export function liveVote(meetingId: string, currentItemId: string | null, closed = false): LiveVote | null {
  let row = openMeetingRound(meetingId);
  if (!row && (currentItemId || closed)) {
    row = db
      .select()
      .from(meetingRounds)
      .where(closed && !currentItemId ? eq(meetingRounds.meetingId, meetingId) : and(eq(meetingRounds.meetingId, meetingId), eq(meetingRounds.itemId, currentItemId!)))
      .orderBy(desc(meetingRounds.openedAt))
      .limit(1)
      .get();
  }
  if (!row) return null;
  const round = getRound(row.roundId);
  const tally = liveTally(row.roundId);
  if (!round || !tally) return null;
  const p = getProposalById(round.proposalId);
  return {
    roundId: round.id,
    itemId: row.itemId,
    proposalId: round.proposalId,
    proposalNumber: p?.number ?? null,
    proposalTitle: p?.title ?? "",
    proposalTitles: bilingualTitle(p),
    ballotKind: tally.ballotKind,
    choices: choicesOf(tally.ballotKind),
    secret: tally.secret,
    closed: tally.closed,
    participants: tally.participants,
    handCounted: tally.handCounted,
    byProxy: tally.byProxy,
    proxiesAccepted: tally.proxiesAccepted,
    eligible: tally.eligible,
    presentCount: tally.presentCount,
    hideRunningCounts: hidesRunningCounts(p?.assemblyId, tally.ballotKind),
    countsHeld: false,
    counts: tally.counts,
    outcome: round.outcome,
    explanation: round.explanationEn ? { en: round.explanationEn, es: round.explanationEs ?? round.explanationEn } : null,
  };
}

/** The charter's meetings.runningCounts for this kind of round (app/lib/charter-fields.ts). */
function hidesRunningCounts(assemblyId: string | undefined, kind: BallotKind): boolean {
  if (!assemblyId) return false;
  const setting = currentCharter(assemblyId).charter.meetings?.runningCounts ?? "hidden_for_consensus";
  return setting === "hidden" || (setting === "hidden_for_consensus" && (kind === "consensus" || kind === "consent"));
}

export type MinutesDecision = MeetingDecision & {
  itemTitle: string;
  proposalNumber: number | null;
  proposalTitle: string;
  proposalTitles: Bilingual | null;
  roundNumber: number;
  secret: boolean;
  counts: Record<string, number> | null;
  handCounted: number;
  /** Ballots cast by proxy holders, by phone or by hand (docs/domain.md#proxies). */
  byProxy: number;
  closed: boolean;
  /** Stand-asides, blocks, objections and concerns, with their reasons (names only in open rounds). */
  positions: Array<{ name: string | null; choice: string; reason: string | null; text: string | null }>;
};

/** A system-written title in both languages, for pages that pick the reader's (null: a person's title, shown as written). */
function bilingualTitle(p: { title: string; systemTitle: string | null } | undefined): Bilingual | null {
  return p?.systemTitle ? { en: titleFor("en", p), es: titleFor("es", p) } : null;
}

const MINUTED = ["stand_aside", "block", "objection", "concern"];

/** Every round opened in the meeting, in order, with what the minutes must say about it. */
export function meetingDecisions(meetingId: string): MinutesDecision[] {
  const rows = db
    .select({ mr: meetingRounds, itemTitle: agendaItems.title })
    .from(meetingRounds)
    .innerJoin(agendaItems, eq(agendaItems.id, meetingRounds.itemId))
    .where(eq(meetingRounds.meetingId, meetingId))
    .orderBy(asc(meetingRounds.openedAt))
    .all();
  const out: MinutesDecision[] = [];
  for (const { mr, itemTitle } of rows) {
    const round = getRound(mr.roundId);
    if (!round) continue;
    const p = getProposalById(round.proposalId);
    const figures = round.figures ? (JSON.parse(round.figures) as { counts?: Record<string, number> | null; handCounted?: number }) : null;
    const positions = round.secret
      ? round.closedAt === null
        ? []
        : publishedBallots(round.id)
            .filter((b) => b.choice && MINUTED.includes(b.choice))
            .map((b) => ({ name: null, choice: b.choice!, reason: b.reason, text: b.text }))
      : listOpenBallots(round.id)
          .filter((b) => MINUTED.includes(b.choice))
          .map((b) => ({ name: b.name, choice: b.choice, reason: b.reason, text: b.text }));
    const explanation: Bilingual | null = round.explanationEn ? { en: round.explanationEn, es: round.explanationEs ?? round.explanationEn } : null;
    out.push({
      roundId: round.id,
      proposalId: round.proposalId,
      itemId: mr.itemId,
      outcome: round.outcome,
      explanation,
      itemTitle,
      proposalNumber: p?.number ?? null,
      proposalTitle: p?.title ?? "",
      proposalTitles: bilingualTitle(p),
      roundNumber: round.number,
      secret: round.secret,
      counts: figures?.counts ?? null,
      handCounted: figures?.handCounted ?? 0,
      byProxy: proxiesCast(round).total,
      closed: round.closedAt !== null,
      positions,
    });
  }
  return out;
}
