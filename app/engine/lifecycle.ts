// The life of a proposal, in one place: its statuses, what a round's outcome does to it,
// which kind of round comes next, what a member body's ratification result means for the
// council's proposal, and how an election round is decided. Pure: the models call these
// and store what they return. The model in words: docs/domain.md#proposals and
// docs/domain.md#after-a-round.
//
//   draft → discussion → voting → passed | failed | blocked | tabled | withdrawn
//
// The rule for a block: under consensus or consent a block ends the proposal ("blocked");
// under modified consensus a block in a normal round tables it ("tabled") and the next
// round is a fallback round, decided by the charter's fallback supermajority.

import { checkQuorum, type Electorate, type Quorum } from "./quorum";
import type { RatificationOutcome } from "./federation";
import type { RankedResult } from "./ranked-types";
import type { DecisionRule, Explanation, ModifiedConsensusRule, Outcome, RoundKind } from "./types";

// ---------------------------------------------------------------------------------------
// Statuses
// ---------------------------------------------------------------------------------------

/**
 * Every status a proposal can have, in the order it moves through them (docs/domain.md#proposals;
 * the handling of a motion in Robert's Rules of Order Newly Revised, 12th ed., §4:
 * made, discussed, put to a vote, then adopted or lost — here also blocked, tabled or
 * withdrawn). The database column allows exactly these.
 */
export const PROPOSAL_STATUSES = ["draft", "discussion", "voting", "passed", "failed", "blocked", "tabled", "withdrawn"] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export function isProposalStatus(s: string | null | undefined): s is ProposalStatus {
  return (PROPOSAL_STATUSES as readonly string[]).includes(s ?? "");
}

/** A new proposal starts as a draft (its author still writing) or straight in discussion. */
export const START_STATUSES = ["draft", "discussion"] as const satisfies readonly ProposalStatus[];

/** Decided by a round (or, for a council's proposal, by its member bodies): the outcome stands. */
export const DECIDED_STATUSES: readonly ProposalStatus[] = ["passed", "failed", "blocked"];
/** Over: decided, or withdrawn by its author. Nothing about it changes any more. */
export const CLOSED_STATUSES: readonly ProposalStatus[] = [...DECIDED_STATUSES, "withdrawn"];
/** Still under way: every status that is not over (a tabled proposal waits for its fallback round). */
export const OPEN_STATUSES: readonly ProposalStatus[] = PROPOSAL_STATUSES.filter((s) => !CLOSED_STATUSES.includes(s));
/**
 * Before any vote: the author may still change the text, members may amend it, an
 * election still takes nominations, and a council may still send it for ratification
 * (RONR 12th ed. §33: its mover may modify or withdraw a motion freely until it is put to the body).
 */
export const OPEN_FOR_CHANGES: readonly ProposalStatus[] = ["draft", "discussion"];
/** A round may open: after discussion, or on a tabled proposal (its fallback round). */
export const READY_FOR_ROUND: readonly ProposalStatus[] = ["discussion", "tabled"];
/**
 * The author may withdraw it while nothing has been decided — not while a vote is under way
 * (a vote once begun is not interrupted, RONR 12th ed. §45), and not once passed or failed. A
 * blocked proposal may still be withdrawn: its author takes it back to rework it.
 */
export const WITHDRAWABLE: readonly ProposalStatus[] = ["draft", "discussion", "tabled", "blocked"];

const within = (set: readonly ProposalStatus[]) => (status: string) => (set as readonly string[]).includes(status);
export const isOpenStatus = within(OPEN_STATUSES);
export const isClosedStatus = within(CLOSED_STATUSES);
export const isDecidedStatus = within(DECIDED_STATUSES);
export const isOpenForChanges = within(OPEN_FOR_CHANGES);
export const isReadyForRound = within(READY_FOR_ROUND);
export const mayWithdraw = within(WITHDRAWABLE);

// ---------------------------------------------------------------------------------------
// After a round
// ---------------------------------------------------------------------------------------

/**
 * Modified consensus (the Occupy Minneapolis rule; docs/domain.md#modified-consensus): a block does not end
 * the proposal, it tables it, and the next round decides by the charter's fallback
 * supermajority. Under plain consensus (Seeds for Change,
 * "Consensus Decision Making") and consent (sociocracy: a reasoned, paramount objection)
 * a block stops it.
 */
export function blockTables(method: string): boolean {
  return method === "modified_consensus";
}

/** The same rule, for the engine's own decision (it also names the fallback threshold). */
export function tablesOnBlock(rule: DecisionRule): rule is ModifiedConsensusRule {
  return blockTables(rule.method);
}

/**
 * What a round's outcome does to its proposal (`method` is the round's rule: "majority",
 * "consensus", "modified_consensus", "consent", "ranked"…):
 * - passed / failed: decided;
 * - blocked: "tabled" when the rule tables on a block and this was a normal round,
 *   otherwise "blocked" (decided);
 * - no quorum: nothing was decided (RONR 12th ed. §40: business done without a quorum
 *   is null and void), so the proposal goes back to where it was — discussion, or tabled
 *   again if this was its fallback round.
 */
export function statusAfter(outcome: Outcome, roundKind: RoundKind, method: string): ProposalStatus {
  switch (outcome) {
    case "passed":
      return "passed";
    case "failed":
      return "failed";
    case "blocked":
      return blockTables(method) && roundKind === "normal" ? "tabled" : "blocked";
    case "no_quorum":
      return roundKind === "fallback" ? "tabled" : "discussion";
  }
}

/** The next round of a tabled proposal is its fallback round; any other is a normal round. */
export function nextRoundKind(status: ProposalStatus): RoundKind {
  return status === "tabled" ? "fallback" : "normal";
}

// ---------------------------------------------------------------------------------------
// Ratification by member bodies
// ---------------------------------------------------------------------------------------

/**
 * A member body's ratification round counts as its answer: passed ratifies; failed or
 * blocked rejects; without quorum the body has not answered yet (docs/domain.md#ratification:
 * policy is made by the assemblies, the council follows their results).
 */
export function ratificationResultOf(outcome: Outcome | null): "ratified" | "rejected" | null {
  if (outcome === "passed") return "ratified";
  if (outcome === "failed" || outcome === "blocked") return "rejected";
  return null;
}

/** Once the member bodies' results settle it, the council's proposal has passed or failed. */
export function statusAfterRatification(outcome: Exclude<RatificationOutcome, "pending">): ProposalStatus {
  return outcome === "ratified" ? "passed" : "failed";
}

// ---------------------------------------------------------------------------------------
// Elections
// ---------------------------------------------------------------------------------------

/**
 * How an election round is decided: quorum first (RONR 12th ed. §40, as for any vote);
 * with quorum but no ballot at all, no one is elected and it failed; otherwise the count
 * (`count`, run only then) decides, and the election passed if anyone was elected.
 * `electorate.present` counts every ballot from a member present, paper ballots included.
 */
export function decideElection(input: { quorum: Quorum; electorate: Electorate; ballots: number; count: () => RankedResult }): {
  outcome: Outcome;
  quorum: { met: boolean; required: number };
  result: RankedResult | null;
  explanation: Explanation;
} {
  const q = checkQuorum(input.quorum, input.electorate);
  const quorum = { met: q.met, required: q.required };
  if (!q.met) {
    return { outcome: "no_quorum", quorum, result: null, explanation: { en: `Not decided: ${q.explanation.en}`, es: `No decidida: ${q.explanation.es}` } };
  }
  if (input.ballots === 0) {
    return { outcome: "failed", quorum, result: null, explanation: { en: `No ballots were cast. ${q.explanation.en}`, es: `No se emitió ninguna papeleta. ${q.explanation.es}` } };
  }
  const result = input.count();
  return {
    outcome: result.elected.length > 0 ? "passed" : "failed",
    quorum,
    result,
    explanation: { en: `${result.explanation.en} ${q.explanation.en}`, es: `${result.explanation.es} ${q.explanation.es}` },
  };
}
