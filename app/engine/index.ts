// The decision engine: pure functions, no imports from outside this folder.
// Everything in the app that needs a threshold, a quorum or a count calls these.

export {
  type Fraction,
  type Threshold,
  FractionError,
  parseFraction,
  formatFraction,
  requiredVotes,
  meetsThreshold,
  describeThreshold,
  formatPercent,
  MORE_THAN_HALF,
  AT_LEAST_TWO_THIRDS,
} from "./fraction";
export { type Quorum, type Electorate, checkQuorum, describeQuorum, DEFAULT_QUORUM } from "./quorum";
export type {
  Base,
  Explanation,
  Outcome,
  VoteRule,
  ConsensusRule,
  ModifiedConsensusRule,
  ConsentRule,
  DecisionRule,
  Counts,
  Decision,
  RoundKind,
} from "./types";
export { decide, EngineError, OUTCOME_LABEL } from "./decide";

export {
  type RankedBallot,
  type Election,
  type RankedMethod,
  type RankedStage,
  type RankedResult,
  type SeatConstraint,
  RankedError,
} from "./ranked-types";
export { usablePreferences, drawLot } from "./ranked-common";
export { countStv, STV_SCALE } from "./stv";
export { countIrv } from "./irv";
export { countSchulze, countApproval } from "./schulze";
export { countRanked, defaultRankedMethod } from "./ranked";
export { parseBlt, writeBlt, parseAbif, BltError } from "./blt";
export {
  type CompositionRule,
  checkComposition,
  minSeatsForShare,
  seatConstraintFor,
} from "./composition";
export {
  PROPOSAL_STATUSES,
  type ProposalStatus,
  isProposalStatus,
  START_STATUSES,
  DECIDED_STATUSES,
  CLOSED_STATUSES,
  OPEN_STATUSES,
  OPEN_FOR_CHANGES,
  READY_FOR_ROUND,
  WITHDRAWABLE,
  isOpenStatus,
  isClosedStatus,
  isDecidedStatus,
  isOpenForChanges,
  isReadyForRound,
  mayWithdraw,
  blockTables,
  tablesOnBlock,
  statusAfter,
  nextRoundKind,
  ratificationResultOf,
  statusAfterRatification,
  decideElection,
} from "./lifecycle";
export { decideRatification, delegationConstraint, constraintFeasible, countDelegates, SHARE_GROUPS, GENDER_GROUPS, type RatificationOutcome, type DelegationRules, type DelegationContext, type DelegationConstraint } from "./federation";
export {
  POLL_METHODS,
  type PollMethod,
  type PollBallot,
  type PollResult,
  SCORE_MAX,
  PollError,
  validPollBallot,
  countPoll,
  TIME_ANSWERS,
  type TimeAnswer,
  type TimeResult,
  bestTime,
} from "./poll";
