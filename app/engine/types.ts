// Shared shapes of the decision engine. Names follow the room (docs/domain.md#words):
// round, ballot, stand aside, block, quorum.

import type { Threshold } from "./fraction";
import type { Quorum } from "./quorum";

/** Every outcome explains itself in both languages the app ships. */
export type Explanation = { en: string; es: string };

export type Outcome = "passed" | "failed" | "blocked" | "no_quorum";

/** cast = yes + no (+ illegal ballots); abstentions and blanks excluded. */
export type Base = "cast" | "present" | "members";

export type VoteRule = {
  method: "majority" | "supermajority" | "unanimity";
  threshold?: Threshold;
  base: Base;
  quorum: Quorum;
  tieFails?: true;
};

export type ConsensusRule = {
  method: "consensus";
  /** Blocks allowed to pass: 0 = one block stops it ("consensus minus N" => N). */
  maxBlocks: number;
  standAsideLimit: number | null;
  quorum: Quorum;
};

export type ModifiedConsensusRule = {
  method: "modified_consensus";
  maxBlocks: number;
  standAsideLimit: number | null;
  quorum: Quorum;
  fallback: { threshold: Threshold; base: Base };
};

export type ConsentRule = { method: "consent"; quorum: Quorum };

export type DecisionRule = VoteRule | ConsensusRule | ModifiedConsensusRule | ConsentRule;

export type Counts =
  | { kind: "vote"; yes: number; no: number; abstain: number; illegal?: number }
  | { kind: "consensus"; agree: number; concern: number; standAside: number; block: number }
  | { kind: "consent"; consent: number; objection: number };

export type Decision = {
  outcome: Outcome;
  tabled: boolean;
  nextRound?: { method: "fallback"; threshold: Threshold; base: Base };
  figures: Record<string, number | string | boolean | null>;
  explanation: Explanation;
};

export type RoundKind = "normal" | "fallback";
