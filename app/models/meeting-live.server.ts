/**
 * Builds a meeting's live state (app/lib/meeting-state.ts) — once per change, for every
 * screen — and ties it to the event bus.
 */
import { forRoom, type MeetingState } from "~/lib/meeting-state";
import { subscribe, watchOtherWriters, type Snapshot } from "~/lib/events.server";
import { inCluster } from "~/lib/siblings.server";
import { sqlite } from "~/db.server";
import { listAgenda } from "./agenda.server";
import { listPresent, quorumNow } from "./attendance.server";
import { readStack } from "./stack.server";
import { liveVote } from "./meeting-vote.server";
import { liveTally } from "./round.server";
import { bump, getMeeting, namesOf, openMeetingRound } from "./meeting.server";

/** The vote count each meeting's last state showed, to notice ballots cast elsewhere. */
const shownTally = new Map<string, string>();

function tallyKey(t: { participants: number; handCounted: number; closed: boolean } | null) {
  return t ? `${t.participants}/${t.handCounted}/${t.closed}` : "";
}

export function meetingState(meetingId: string): MeetingState | null {
  const m = getMeeting(meetingId);
  if (!m) return null;
  const names = namesOf([m.facilitatorId, m.noteTakerId, m.timekeeperId]);
  const ref = (id: string | null) => (id && names.has(id) ? { id, name: names.get(id)! } : null);
  const agenda = listAgenda(m.id).filter((i) => i.status === "open" || i.status === "done" || i.status === "deferred");
  const cur = m.currentItemId ? agenda.find((i) => i.id === m.currentItemId) : undefined;
  const present = listPresent(m.id);
  const { speaking, waiting } = readStack(m);
  const vote = liveVote(m.id, m.currentItemId, m.status === "closed");
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
    vote,
  };
}

/**
 * The state a page is rendered with: everything for the facilitator's console, what the room
 * may see (`forRoom`) for the screen, the phones and everyone else.
 */
export function meetingStateFor(meetingId: string, everything: boolean): MeetingState | null {
  const s = meetingState(meetingId);
  return s && !everything ? forRoom(s) : s;
}

const shownPresent = new Map<string, string>();

// Several processes: a change relayed late (or lost with a process) still reaches every
// screen within a second. data_version changes when another connection commits
// (https://www.sqlite.org/pragma.html#pragma_data_version). PLENARY_NO_DATA_VERSION_POLL turns
// it off, for the test that shows the relay alone suffices (tests/e2e/processes.test.ts).
if (inCluster && !process.env.PLENARY_NO_DATA_VERSION_POLL) {
  const version = sqlite.prepare("pragma data_version").pluck();
  let seen = version.get();
  watchOtherWriters(() => {
    const now = version.get();
    if (now === seen) return false;
    seen = now;
    return true;
  });
}

/**
 * The state the bus sends (it remembers the vote count shown, for `pollOpenVote`). The list
 * of people present is most of a big room's state (1,000 names ≈ 80 KB), so when it has not
 * changed the frame for connected screens leaves it out (`present: null`: keep yours).
 */
export function meetingSnapshot(meetingId: string): Snapshot | null {
  const s = meetingState(meetingId);
  if (!s) return null;
  shownTally.set(meetingId, tallyKey(s.vote && !s.vote.closed ? s.vote : null));
  const present = JSON.stringify(s.attendance.present);
  const unchanged = shownPresent.get(meetingId) === present;
  shownPresent.set(meetingId, present);
  const withoutPresent = (x: MeetingState) => JSON.stringify({ ...x, attendance: { ...x.attendance, present: null } });
  const r = forRoom(s);
  const room = r === s ? undefined : { data: JSON.stringify(r), delta: unchanged ? withoutPresent(r) : undefined };
  const data = JSON.stringify(s);
  return unchanged ? { id: s.version, data, delta: withoutPresent(s), room } : { id: s.version, data, room };
}

/**
 * While a vote is open, checks each second whether ballots arrived by another way than the
 * meeting's own pages (a proposal's page takes ballots too); if so the meeting gets a new
 * version, so every state a screen sees has its own version number.
 */
export function pollOpenVote(meetingId: string): boolean {
  const row = openMeetingRound(meetingId);
  if (!row) return false;
  const key = tallyKey(liveTally(row.roundId));
  if (key === shownTally.get(meetingId)) return false;
  bump(meetingId);
  return true;
}

/**
 * Listens to a meeting's live state; see app/lib/events.server.ts. A frame's `roomBytes`, when
 * present, is what everyone but the facilitator's console must get (`forRoom`).
 */
export function subscribeMeeting(meetingId: string, listener: Parameters<typeof subscribe>[2]) {
  return subscribe(meetingId, () => meetingSnapshot(meetingId), listener, () => pollOpenVote(meetingId));
}
