/**
 * The proposal forms' limits and kinds, without zod, so the pages that show them do not ship
 * the validation library to phones. The schemas are in ./proposal-validation.server.ts.
 */
export const TITLE_MAX = 200;
export const BODY_MAX = 20_000;
export const REASON_MAX = 2_000;
export const CANDIDATES_MAX = 50;

/** One candidate per line; blank lines ignored. */
export function candidateLines(text: string | undefined): string[] {
  return (text ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/**
 * Kinds a member starts from the proposal form. Mandates, recalls, ratifications and joining
 * a council are started from the council, recall and election pages, which link them to
 * what they decide about.
 */
export const FORM_KINDS = ["general", "charter_amendment", "election"] as const;

/** Orders of the proposal list: latest change first, or the vote that closes soonest first. */
export const PROPOSAL_SORTS = ["updated", "deadline"] as const;
export type ProposalSort = (typeof PROPOSAL_SORTS)[number];
