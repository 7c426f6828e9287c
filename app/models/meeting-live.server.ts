/**
 * Builds a meeting's live state (app/lib/meeting-state.ts) — once per change, for every
 * screen — and ties it to the event bus.
 */
import type { MeetingState } from "~/lib/meeting-state";
import { subscribe, type Snapshot } from "~/lib/events.server";
import { listAgenda } from "./agenda.server";
import { listPresent, quorumNow } from "./attendance.server";
import { readStack } from "./stack.server";
import { liveVote, openMeetingRound } from "./meeting-vote.server";
import { getMeeting, namesOf } from "./meeting.server";

export function meetingState(meetingId: string): MeetingState | null {
  const m = getMeeting(meetingId);
  if (!m) return null;
  const names = namesOf([m.facilitatorId, m.noteTakerId, m.timekeeperId]);
  const ref = (id: string | null) => (id && names.has(id) ? { id, name: names.get(id)! } : null);
  const agenda = listAgenda(m.id).filter((i) => i.status === "open" || i.status === "done" || i.status === "deferred");
  const cur = m.currentItemId ? agenda.find((i) => i.id === m.currentItemId) : undefined;
  const present = listPresent(m.id);
  const { speaking, waiting } = readStack(m);
  return {
    version: m.version,
    meeting: {
      id: m.id,
      title: m.title,
      status: m.status,
      code: m.code,
      startsAt: m.startsAt,
      durationMinutes: m.durationMinutes,
      place: m.place,
      link: m.link,
      progressiveStack: m.progressiveStack,
      speakingLimitSeconds: m.speakingLimitSeconds,
      startedAt: m.startedAt,
      closedAt: m.closedAt,
      facilitator: ref(m.facilitatorId),
      noteTaker: ref(m.noteTakerId),
      timekeeper: ref(m.timekeeperId),
    },
    current: cur
      ? {
          id: cur.id,
          kind: cur.kind,
          title: cur.title,
          description: cur.description,
          presenterName: cur.presenterName,
          timeboxMinutes: cur.timeboxMinutes,
          startedAt: m.currentItemStartedAt,
          extendedSeconds: m.extendedSeconds,
          proposalId: cur.proposalId,
        }
      : null,
    agenda: agenda.map((i) => ({ id: i.id, kind: i.kind, title: i.title, presenterName: i.presenterName, timeboxMinutes: i.timeboxMinutes, status: i.status, spentMs: i.spentMs, proposalId: i.proposalId })),
    attendance: {
      present: present.map((p) => ({ userId: p.userId, name: p.name, voting: p.voting })),
      quorum: quorumNow(m.assemblyId, present.filter((p) => p.voting).length),
    },
    stack: { speaking, waiting: waiting.map((w) => ({ entryId: w.entryId, userId: w.userId, name: w.name, firstTime: w.firstTime })) },
    vote: liveVote(m.id, m.currentItemId),
  };
}

export function meetingSnapshot(meetingId: string): Snapshot | null {
  const s = meetingState(meetingId);
  return s ? { id: s.version, data: JSON.stringify(s) } : null;
}

/**
 * Listens to a meeting's live state. While a vote is open the state is also rebuilt each
 * second (and sent only if it changed), so ballots cast from a proposal's own page show too.
 */
export function subscribeMeeting(meetingId: string, listener: Parameters<typeof subscribe>[2]) {
  return subscribe(meetingId, () => meetingSnapshot(meetingId), listener, () => Boolean(openMeetingRound(meetingId)));
}
