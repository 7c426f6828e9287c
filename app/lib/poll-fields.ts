/**
 * Everyday polls' plain lists for pages (no zod: ./poll-validation.server.ts holds the schemas).
 */
export { POLL_METHODS, SCORE_MAX, TIME_ANSWERS, type PollMethod, type TimeAnswer } from "~/engine/poll";

export const POLL_KINDS = ["choice", "time"] as const;
export type PollKindName = (typeof POLL_KINDS)[number];
/** Candidate times a meeting-time poll form offers (fields time0…time5). */
export const TIME_SLOTS = 6;
/** How long a new poll stays open unless its author says otherwise. */
export const DEFAULT_POLL_DAYS = 3;
