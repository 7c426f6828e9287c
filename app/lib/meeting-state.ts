/**
 * The live state of a meeting, as every screen sees it: built once per change on the
 * server and sent as is to the console, the projector and every phone. It holds nothing
 * a member of the body may not see; in a secret round, only how many took part until it
 * closes (docs/domain.md#secret-ballots).
 */

export type Bilingual = { en: string; es: string };
export type PersonRef = { id: string; name: string };

export type LiveVote = {
  roundId: string;
  itemId: string;
  proposalId: string;
  proposalNumber: number | null;
  proposalTitle: string;
  /** A title the system wrote, in each language (app/i18n/system-title.ts); null for a person's title. */
  proposalTitles: Bilingual | null;
  ballotKind: "vote" | "consensus" | "consent" | "ranked";
  choices: string[];
  secret: boolean;
  closed: boolean;
  participants: number;
  handCounted: number;
  /** Ballots cast by proxy holders so far (docs/domain.md#proxies). */
  byProxy?: number;
  /** Proxies of absent members this round accepts (the console's hand count notes them). */
  proxiesAccepted?: number;
  eligible: number;
  presentCount: number | null;
  /** The charter keeps the running count off the screen and phones until the close. */
  hideRunningCounts: boolean;
  /** True when this copy of the state was sent without the running count (`forRoom`). */
  countsHeld: boolean;
  /** Null while a secret round is open (and for ranked ballots), and while `countsHeld`. */
  counts: Record<string, number> | null;
  outcome: string | null;
  explanation: Bilingual | null;
};

export type MeetingState = {
  version: number;
  meeting: {
    id: string;
    title: string;
    status: "scheduled" | "running" | "closed" | "cancelled";
    code: string;
    startsAt: number;
    durationMinutes: number;
    place: string;
    link: string;
    progressiveStack: boolean;
    speakingLimitSeconds: number | null;
    startedAt: number | null;
    closedAt: number | null;
    facilitator: PersonRef | null;
    noteTaker: PersonRef | null;
    timekeeper: PersonRef | null;
  };
  current: {
    id: string;
    kind: string;
    title: string;
    description: string;
    presenterName: string | null;
    timeboxMinutes: number;
    startedAt: number | null;
    extendedSeconds: number;
    proposalId: string | null;
  } | null;
  agenda: Array<{ id: string; kind: string; title: string; presenterName: string | null; timeboxMinutes: number; status: string; spentMs: number; proposalId: string | null }>;
  attendance: {
    present: Array<{ userId: string; name: string; voting: boolean }>;
    quorum: { members: number; present: number; met: boolean; required: number; explanation: Bilingual };
  };
  stack: {
    speaking: { entryId: string; userId: string; name: string; startedAt: number } | null;
    waiting: Array<{ entryId: string; userId: string; name: string; firstTime: boolean }>;
  };
  vote: LiveVote | null;
};

/**
 * The state as the room may receive it. While a vote is open and the charter keeps running
 * counts off the screen and the phones, the counts are left out of what is sent, not just
 * of what is drawn: a phone's payload can be read by anyone holding it. Only the
 * facilitator's console receives them (meetings.runningCounts, app/lib/charter-fields.ts).
 */
export function forRoom(state: MeetingState): MeetingState {
  const v = state.vote;
  if (!v || v.closed || !v.hideRunningCounts || v.counts === null) return state;
  return { ...state, vote: { ...v, counts: null, countsHeld: true } };
}

/** What the server sends: the state and its clock at that moment. */
export type LiveMessage = { serverNow: number; state: MeetingState };

/** A member's place on the stack: 0 while speaking, 1 for next, null when not on it. */
export function placeOnStack(state: Pick<MeetingState, "stack">, userId: string): number | null {
  if (state.stack.speaking?.userId === userId) return 0;
  const i = state.stack.waiting.findIndex((w) => w.userId === userId);
  return i < 0 ? null : i + 1;
}

export function isCheckedIn(state: Pick<MeetingState, "attendance">, userId: string) {
  return state.attendance.present.some((p) => p.userId === userId);
}

/**
 * What a page's own buttons depend on: the current item, the vote and whether it is closed,
 * the meeting's status. A page without JavaScript passes it to its live panel, which offers
 * to reload the page when it has changed (and only then: reloading wipes what is typed).
 */
export function pageKey(state: Pick<MeetingState, "meeting" | "current" | "vote">, userId?: string, present?: MeetingState["attendance"]["present"]): string {
  const here = userId && present ? (present.some((p) => p.userId === userId) ? "in" : "out") : "";
  return [state.meeting.status, state.current?.id ?? "", state.vote?.roundId ?? "", state.vote?.closed ? "closed" : "", here].join(".");
}
