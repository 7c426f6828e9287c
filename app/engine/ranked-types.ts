// Shapes shared by the ranked counts (IRV, STV, Schulze, approval) and the
// ballot file formats (BLT, ABIF).

import type { Explanation } from "./types";

/**
 * One ballot, or a group of identical ballots (`weight` of them). `ranking[k]` is
 * the k-th rank: candidate indices (0-based). More than one index in a rank is an
 * equal rank; see `usablePreferences` for how IRV and STV read it.
 */
export type RankedBallot = { weight: number; ranking: number[][] };

export type Election = {
  candidates: string[];
  seats: number;
  /** candidate indices withdrawn before the count: skipped on every ballot */
  withdrawn: number[];
  ballots: RankedBallot[];
  title?: string;
};

export type RankedMethod = "irv" | "stv" | "schulze" | "approval";

/** One stage (STV) or round (IRV) of a count, or the single table of Schulze/approval. */
export type RankedStage = {
  stage: number;
  action: "first_preferences" | "surplus" | "exclusion" | "deemed_excluded" | "elect_remaining" | "tally";
  /** the candidate whose surplus or ballots were transferred this stage */
  subject: string | null;
  /** each candidate's votes at the end of the stage, in units of 1/scale of a vote */
  tallies: Record<string, number>;
  /** what this stage moved: to each candidate, plus "non-transferable" and "loss" */
  transfers: Record<string, number>;
  /** running totals, in units */
  exhausted: number;
  loss: number;
  elected: string[];
  excluded: string[];
  note: string;
};

export type RankedResult = {
  method: RankedMethod;
  seats: number;
  /** names in order of election (Schulze: best first) */
  elected: string[];
  /** STV: Droop quota in whole votes */
  quota?: number;
  /** STV: Droop quota in units (hundred-thousandths of a vote) */
  quotaUnits?: number;
  /** Schulze/approval: levels best first, ties kept together */
  ranking?: string[][];
  rounds: RankedStage[];
  /** units per vote in `rounds` (100000 for STV: five decimal places; 1 otherwise) */
  scale: number;
  /** total weight of ballots with at least one usable preference, in votes */
  totalValid: number;
  /** ballots with no usable preference (blank, only withdrawn candidates, or an equal first rank) */
  invalid: number;
  /** every stage satisfied: tallies + non-transferable + loss = total valid, exactly */
  conserved: boolean;
  /** tie-breaks made by lot during the count (each also explained in its stage note) */
  lots: string[];
  explanation: Explanation;
};

/**
 * A federation rule on who may be elected together (docs/domain.md#delegates, worked example 6):
 * co-delegates of different genders, minimum share of each gender.
 */
export type SeatConstraint = {
  groupOf: (candidateIndex: number) => string | null;
  /** minimum seats each group must get among this election's seats */
  minPerGroup: Record<string, number>;
  maxPerGroup?: Record<string, number>;
};

export class RankedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RankedError";
  }
}
