/**
 * Mutual aid's plain lists and rules of who sees what, without zod or the database, so pages
 * and models share them (docs/domain.md#mutual-aid). The form schemas are in
 * ./aid-validation.server.ts.
 */
import type { AidLadder } from "./charter-fields";

export { AID_LADDER, type AidLadder } from "./charter-fields";

/**
 * The categories every body starts with, and how long a post in each stays up before it must
 * be renewed: food and rides are needed now, housing and tutoring take longer to arrange.
 */
export const DEFAULT_CATEGORIES = [
  { key: "food", expiryDays: 7 },
  { key: "housing", expiryDays: 30 },
  { key: "childcare", expiryDays: 14 },
  { key: "tutoring", expiryDays: 30 },
  { key: "transport", expiryDays: 7 },
  { key: "repairs", expiryDays: 21 },
  { key: "money", expiryDays: 14 },
  { key: "legal", expiryDays: 14 },
  { key: "other", expiryDays: 14 },
] as const;

export const POST_KINDS = ["request", "offer"] as const;
export type PostKind = (typeof POST_KINDS)[number];
export const URGENCIES = ["low", "normal", "urgent"] as const;
export type Urgency = (typeof URGENCIES)[number];
/** How a match ends: nobody is rated, the note is private to the two and the coordinators. */
export const MATCH_ENDINGS = ["done", "partly", "cancelled"] as const;
export type MatchEnding = (typeof MATCH_ENDINGS)[number];
/** Once accepted, the two people see each other's chosen contact and may message each other. */
export const CONNECTED_STATUSES: readonly string[] = ["accepted", "done", "partly"];

/** The person asking about a post: who they are and whether they coordinate the body's aid. */
export type AidViewer = { userId: string; coordinator: boolean };
export type PostFacts = { authorId: string | null; anonymous: boolean };
export type MatchFacts = { otherId: string | null; proposedBy: string | null; proposedByCoordinator: boolean; status: string };

const owns = (v: AidViewer, p: PostFacts) => p.authorId !== null && p.authorId === v.userId;

/**
 * Whether the viewer sees the post at all: its author and the coordinators always; the other
 * members unless the body is fully coordinated (only coordinators see requests and offers).
 */
export function seesPost(ladder: AidLadder, v: AidViewer, p: PostFacts): boolean {
  if (owns(v, p) || v.coordinator) return true;
  return ladder !== "coordinated";
}

/**
 * Whether the viewer sees who posted it: its author and the coordinators always; other members
 * only peer-to-peer and only when the author did not ask to stay anonymous (coordinator-assisted
 * shows requests without names).
 */
export function seesAuthor(ladder: AidLadder, v: AidViewer, p: PostFacts): boolean {
  if (owns(v, p) || v.coordinator) return true;
  return ladder === "peer" && !p.anonymous;
}

/**
 * "I can help" (or "I'd like this"): a member other than the author offers themself as the
 * other side of a match — peer-to-peer and coordinator-assisted; fully coordinated bodies
 * leave matching to the coordinators.
 */
export function mayRespond(ladder: AidLadder, v: AidViewer, p: PostFacts): boolean {
  if (owns(v, p)) return false;
  return ladder !== "coordinated" && seesPost(ladder, v, p);
}

/**
 * Who accepts a proposed match: a coordinator always; the post's author when the body is
 * peer-to-peer, or when a coordinator proposed the match (under the other two rungs the
 * coordinators make matches, so a volunteer's offer waits for one of them).
 */
export function mayAccept(ladder: AidLadder, v: AidViewer, p: PostFacts, m: MatchFacts): boolean {
  if (m.status !== "proposed") return false;
  if (v.coordinator) return true;
  if (!owns(v, p)) return false;
  return ladder === "peer" || m.proposedByCoordinator;
}

/** The two people a match connects (the post's author and the other person). */
export function isParty(v: AidViewer, p: PostFacts, m: Pick<MatchFacts, "otherId">): boolean {
  return owns(v, p) || (m.otherId !== null && m.otherId === v.userId);
}

/** Who sees the match: the two people and the coordinators. */
export function seesMatch(v: AidViewer, p: PostFacts, m: Pick<MatchFacts, "otherId">): boolean {
  return v.coordinator || isParty(v, p, m);
}

/**
 * The other person's contact, and the messages between the two, only to the two people and
 * only once the match is accepted: a coordinator who makes a match does not read them.
 */
export function seesContacts(v: AidViewer, p: PostFacts, m: Pick<MatchFacts, "otherId" | "status">): boolean {
  return isParty(v, p, m) && CONNECTED_STATUSES.includes(m.status);
}

/**
 * The names of the two people: each to the other once connected; before that, the author's as
 * `seesAuthor` says, and the volunteer's to the author only peer-to-peer. Coordinators see both.
 */
export function seesOtherName(ladder: AidLadder, v: AidViewer, p: PostFacts, m: Pick<MatchFacts, "otherId" | "status">): boolean {
  if (v.coordinator || (m.otherId !== null && m.otherId === v.userId)) return true;
  if (!owns(v, p)) return false;
  return ladder === "peer" || CONNECTED_STATUSES.includes(m.status);
}

/** Days in ms. */
export const DAY = 86_400_000;
