import { describe, expect, it } from "vitest";
import {
  CLOSED_STATUSES,
  decide,
  decideElection,
  isClosedStatus,
  isDecidedStatus,
  isOpenForChanges,
  isOpenStatus,
  isProposalStatus,
  isReadyForRound,
  mayWithdraw,
  nextRoundKind,
  OPEN_STATUSES,
  PROPOSAL_STATUSES,
  ratificationResultOf,
  statusAfter,
  statusAfterRatification,
  type DecisionRule,
  type Quorum,
  type RankedResult,
} from "./index";

const noQuorum: Quorum = { kind: "none" };
const half: Quorum = { kind: "fraction", fraction: { num: 1, den: 2 }, strict: true };

describe("statuses", () => {
  it("lists the eight statuses in the order a proposal moves through them", () => {
    expect(PROPOSAL_STATUSES).toEqual(["draft", "discussion", "voting", "passed", "failed", "blocked", "tabled", "withdrawn"]);
  });
  it("open and closed split the statuses in two", () => {
    expect(OPEN_STATUSES).toEqual(["draft", "discussion", "voting", "tabled"]);
    expect(CLOSED_STATUSES).toEqual(["passed", "failed", "blocked", "withdrawn"]);
    for (const s of PROPOSAL_STATUSES) expect(isOpenStatus(s)).toBe(!isClosedStatus(s));
  });
  it("only passed, failed and blocked are decided", () => {
    expect(PROPOSAL_STATUSES.filter(isDecidedStatus)).toEqual(["passed", "failed", "blocked"]);
  });
  it("only a draft or a proposal in discussion may still change", () => {
    expect(PROPOSAL_STATUSES.filter(isOpenForChanges)).toEqual(["draft", "discussion"]);
  });
  it("a round opens after discussion or on a tabled proposal", () => {
    expect(PROPOSAL_STATUSES.filter(isReadyForRound)).toEqual(["discussion", "tabled"]);
  });
  it("the author may withdraw it before and between votes, and after a block, but not while voting or once passed, failed or withdrawn", () => {
    expect(PROPOSAL_STATUSES.filter(mayWithdraw)).toEqual(["draft", "discussion", "blocked", "tabled"]);
  });
  it("recognises a status and nothing else", () => {
    expect(isProposalStatus("tabled")).toBe(true);
    expect(isProposalStatus("adopted")).toBe(false);
    expect(isProposalStatus(null)).toBe(false);
  });
});

describe("after a round", () => {
  it("a block under modified consensus tables the proposal and the next round is the fallback kind", () => {
    const status = statusAfter("blocked", "normal", "modified_consensus");
    expect(status).toBe("tabled");
    expect(nextRoundKind(status)).toBe("fallback");
  });
  it("a block under consensus or consent ends the proposal as blocked", () => {
    expect(statusAfter("blocked", "normal", "consensus")).toBe("blocked");
    expect(statusAfter("blocked", "normal", "consent")).toBe("blocked");
    expect(isDecidedStatus("blocked")).toBe(true);
  });
  it("passed and failed are decided whatever the round", () => {
    expect(statusAfter("passed", "normal", "majority")).toBe("passed");
    expect(statusAfter("failed", "normal", "supermajority")).toBe("failed");
    expect(statusAfter("passed", "fallback", "modified_consensus")).toBe("passed");
    expect(statusAfter("failed", "fallback", "modified_consensus")).toBe("failed");
  });
  it("without quorum the proposal goes back to discussion, or stays tabled after a fallback round", () => {
    expect(statusAfter("no_quorum", "normal", "majority")).toBe("discussion");
    expect(statusAfter("no_quorum", "normal", "modified_consensus")).toBe("discussion");
    expect(statusAfter("no_quorum", "fallback", "modified_consensus")).toBe("tabled");
    expect(nextRoundKind("discussion")).toBe("normal");
  });
  it("agrees with the engine's decision: 1 block of 10 under modified consensus is tabled", () => {
    const rule: DecisionRule = {
      method: "modified_consensus",
      maxBlocks: 0,
      standAsideLimit: null,
      quorum: noQuorum,
      fallback: { threshold: { fraction: { num: 3, den: 4 }, strict: false }, base: "cast" },
    };
    const d = decide(rule, { members: 10, present: 10 }, { kind: "consensus", agree: 9, concern: 0, standAside: 0, block: 1 });
    expect(d.outcome).toBe("blocked");
    expect(d.tabled).toBe(true);
    expect(statusAfter(d.outcome, "normal", rule.method)).toBe("tabled");
    // The fallback round: 8 yes, 2 no is 80% ≥ 3/4.
    const f = decide(rule, { members: 10, present: 10 }, { kind: "vote", yes: 8, no: 2, abstain: 0 }, { roundKind: "fallback" });
    expect(f.outcome).toBe("passed");
    expect(statusAfter(f.outcome, "fallback", rule.method)).toBe("passed");
  });
});

describe("ratification by member bodies", () => {
  it("a member body's passed round ratifies; failed or blocked rejects; no quorum is no answer yet", () => {
    expect(ratificationResultOf("passed")).toBe("ratified");
    expect(ratificationResultOf("failed")).toBe("rejected");
    expect(ratificationResultOf("blocked")).toBe("rejected");
    expect(ratificationResultOf("no_quorum")).toBeNull();
    expect(ratificationResultOf(null)).toBeNull();
  });
  it("the council's proposal passes when ratified and fails when rejected", () => {
    expect(statusAfterRatification("ratified")).toBe("passed");
    expect(statusAfterRatification("rejected")).toBe("failed");
  });
});

describe("elections", () => {
  const result = (elected: string[]): RankedResult => ({
    method: "irv",
    seats: 1,
    elected,
    rounds: [],
    scale: 1,
    totalValid: 7,
    invalid: 0,
    conserved: true,
    lots: [],
    explanation: { en: elected.length ? `Elected: ${elected.join(", ")}.` : "No one elected.", es: elected.length ? `Elegidos: ${elected.join(", ")}.` : "Nadie elegido." },
  });

  it("without quorum nothing is decided and nothing is counted", () => {
    let counted = false;
    const d = decideElection({ quorum: half, electorate: { members: 10, present: 5 }, ballots: 5, count: () => ((counted = true), result(["Ana"])) });
    expect(d.outcome).toBe("no_quorum");
    expect(d.quorum).toEqual({ met: false, required: 6 });
    expect(d.result).toBeNull();
    expect(counted).toBe(false);
    expect(d.explanation.en.startsWith("Not decided: ")).toBe(true);
    expect(d.explanation.es.startsWith("No decidida: ")).toBe(true);
  });
  it("with quorum but no ballots it failed", () => {
    const d = decideElection({ quorum: noQuorum, electorate: { members: 10, present: 0 }, ballots: 0, count: () => result(["Ana"]) });
    expect(d.outcome).toBe("failed");
    expect(d.explanation.en).toBe("No ballots were cast. No quorum required.");
    expect(d.explanation.es).toBe("No se emitió ninguna papeleta. No se requiere quórum.");
  });
  it("passes when someone is elected, and explains the count then the quorum", () => {
    const d = decideElection({ quorum: noQuorum, electorate: { members: 10, present: 7 }, ballots: 7, count: () => result(["Ana"]) });
    expect(d.outcome).toBe("passed");
    expect(d.result?.elected).toEqual(["Ana"]);
    expect(d.explanation.en).toBe("Elected: Ana. No quorum required.");
  });
  it("fails when the count elects no one", () => {
    const d = decideElection({ quorum: noQuorum, electorate: { members: 10, present: 7 }, ballots: 7, count: () => result([]) });
    expect(d.outcome).toBe("failed");
  });
});
