/**
 * The one place where a charter (docs/domain.md#charter) becomes what the decision engine
 * takes: the rule for a round (`ruleFor`: methods, thresholds, quorum, the recall vote),
 * whether its ballots are secret, a recall petition's signatures, a council's ratification
 * threshold, its delegation and seat-composition rules, and delegates' term limits.
 * Online rounds, meetings, councils, recalls and elections all come through here; nothing
 * else reads the charter's settings to decide anything.
 */
import {
  AT_LEAST_TWO_THIRDS,
  MORE_THAN_HALF,
  SHARE_GROUPS,
  describeThreshold,
  minSeatsForShare,
  parseFraction,
  type Base,
  type CompositionRule,
  type DecisionRule,
  type DelegationRules,
  type Quorum,
  type RoundKind,
  type Threshold,
} from "~/engine";
import type { PollMethod } from "~/engine/poll";
import type { AidLadder, Charter, CouncilCharter, ProposalKind } from "./charter";
import { genderRuleInEffect } from "./seat-rules";

/** Elections are counted from rankings (docs/domain.md#elections: IRV for one seat, STV for several, approval). */
export type RankedRule = { method: "ranked"; ranked: "irv" | "stv" | "approval"; seats: number; quorum: Quorum };
export type RoundRule = DecisionRule | RankedRule;
export type BallotKind = "vote" | "consensus" | "consent" | "ranked";

/** The positions a member can take, per kind of ballot (docs/domain.md#positions). */
export const CHOICES = {
  vote: ["yes", "no", "abstain"],
  consensus: ["agree", "concern", "stand_aside", "block"],
  consent: ["consent", "objection"],
  ranked: ["ranking"],
} as const satisfies Record<BallotKind, readonly string[]>;
export type Choice = (typeof CHOICES)[BallotKind][number];

/** Positions that must give a reason: a block and a consent objection ("reasoned and paramount"): docs/domain.md#positions. */
export const NEEDS_REASON: readonly string[] = ["block", "objection"];
/** A stand-aside may give a reason; the minutes record it (docs/domain.md#meetings "stand-asides and blocks with their reasons"). */
export const MAY_GIVE_REASON: readonly string[] = ["stand_aside"];
/** A concern is recorded with its text (docs/domain.md#consensus). */
export const NEEDS_TEXT: readonly string[] = ["concern"];

export function quorumOf(charter: Charter): Quorum {
  const q = charter.quorum;
  if (q.kind === "none") return { kind: "none" };
  if (q.kind === "count") return { kind: "count", count: q.count };
  return { kind: "fraction", fraction: parseFraction(q.fraction), strict: q.strict, ...(q.minCount > 0 ? { minCount: q.minCount } : {}) };
}

const atLeast = (f: string): Threshold => ({ fraction: parseFraction(f), strict: false });

type MethodName = Charter["defaultMethod"];

function methodRule(charter: Charter, method: MethodName, vote: { threshold?: Threshold; base: Base } | null): DecisionRule {
  const quorum = quorumOf(charter);
  switch (method) {
    case "majority":
      // A majority is more than half; a tie fails (RONR §44; docs/domain.md#majority-and-supermajority).
      return { method: "majority", threshold: vote?.threshold ?? MORE_THAN_HALF, base: vote?.base ?? charter.base, quorum, tieFails: true };
    case "supermajority":
      return { method: "supermajority", threshold: vote?.threshold ?? atLeast(charter.supermajority), base: vote?.base ?? charter.base, quorum, tieFails: true };
    case "unanimity":
      return { method: "unanimity", base: vote?.base ?? charter.base, quorum };
    case "consensus":
      return { method: "consensus", maxBlocks: charter.consensus.maxBlocks, standAsideLimit: charter.consensus.standAsideLimit, quorum };
    case "modified_consensus":
      return {
        method: "modified_consensus",
        maxBlocks: charter.consensus.maxBlocks,
        standAsideLimit: charter.consensus.standAsideLimit,
        quorum,
        // docs/domain.md#modified-consensus: the next round decides by at least this share.
        fallback: { threshold: atLeast(charter.fallback.threshold), base: charter.fallback.base },
      };
    case "consent":
      return { method: "consent", quorum };
  }
}

/**
 * The rule a proposal of `kind` is decided by: the charter's rule for that kind unless it
 * says "default", else the default method (docs/domain.md#charter "byKind").
 */
export function ruleFor(charter: Charter, kind: ProposalKind | string, opts: { seats?: number | null } = {}): RoundRule {
  if (kind === "election") {
    const seats = Math.max(1, opts.seats ?? 1);
    const ranked = charter.election.method === "approval" ? "approval" : seats <= 1 ? "irv" : "stv";
    return { method: "ranked", ranked, seats, quorum: quorumOf(charter) };
  }
  if (kind === "recall") {
    // A recall vote is decided by the charter's recall section alone (docs/domain.md#recall:
    // the vote's threshold and base): "more than 1/2" reads as a majority, anything else as a
    // supermajority with its own "more than"/"at least".
    const threshold: Threshold = { fraction: parseFraction(charter.recall.threshold), strict: charter.recall.strict };
    const isMajority = threshold.strict && threshold.fraction.num * 2 === threshold.fraction.den;
    return methodRule(charter, isMajority ? "majority" : "supermajority", { threshold, base: charter.recall.base });
  }
  const byKind = (charter.byKind as Record<string, Charter["byKind"]["mandate"] | undefined>)[kind];
  if (!byKind || byKind.method === "default") return methodRule(charter, charter.defaultMethod, null);
  if (byKind.method === "majority") return methodRule(charter, "majority", { threshold: MORE_THAN_HALF, base: byKind.base });
  if (byKind.method === "supermajority") return methodRule(charter, "supermajority", { threshold: atLeast(byKind.threshold || "2/3"), base: byKind.base });
  if (byKind.method === "unanimity") return methodRule(charter, "unanimity", { base: byKind.base });
  return methodRule(charter, byKind.method, null);
}

/** What members mark on their ballot. A fallback round of modified consensus is a yes/no vote. */
export function ballotKindFor(rule: RoundRule, roundKind: RoundKind): BallotKind {
  switch (rule.method) {
    case "ranked":
      return "ranked";
    case "consensus":
      return "consensus";
    case "modified_consensus":
      return roundKind === "fallback" ? "vote" : "consensus";
    case "consent":
      return "consent";
    default:
      return "vote";
  }
}

/**
 * For the page, before anyone votes: the threshold a fallback round decides by
 * (docs/domain.md#modified-consensus: the page says so before anyone votes).
 */
export function fallbackOf(rule: RoundRule, roundKind: RoundKind): { threshold: string; base: Base; describe: { en: string; es: string } } | null {
  if (rule.method !== "modified_consensus" || roundKind !== "fallback") return null;
  const t = rule.fallback.threshold;
  return {
    threshold: `${t.fraction.num}/${t.fraction.den}`,
    base: rule.fallback.base,
    describe: { en: describeThreshold(t, "en"), es: describeThreshold(t, "es") },
  };
}

/** A short description of a vote rule's threshold ("at least 2/3"), for the ballot page. */
export function thresholdOf(rule: RoundRule): { strict: boolean; fraction: string; base: Base } | null {
  if (rule.method === "majority" || rule.method === "supermajority") {
    const t = rule.threshold ?? (rule.method === "majority" ? MORE_THAN_HALF : AT_LEAST_TWO_THIRDS);
    return { strict: t.strict, fraction: `${t.fraction.num}/${t.fraction.den}`, base: rule.base };
  }
  return null;
}

/** What the ballot page says about how a round decides (serialisable, for the component). */
export function roundRuleSummary(rule: RoundRule): {
  method: string;
  threshold: { strict: boolean; fraction: string } | null;
  base: Base | null;
  maxBlocks: number | null;
  seats: number | null;
} {
  const th = thresholdOf(rule);
  return {
    method: rule.method === "ranked" ? rule.ranked : rule.method,
    threshold: th ? { strict: th.strict, fraction: th.fraction } : null,
    base: th ? th.base : rule.method === "unanimity" ? rule.base : null,
    maxBlocks: rule.method === "consensus" || rule.method === "modified_consensus" ? rule.maxBlocks : null,
    seats: rule.method === "ranked" ? rule.seats : null,
  };
}

/** Whether the charter has this kind of proposal decided by secret ballot (docs/domain.md#secret-ballots). */
export function secretFor(charter: Charter, kind: ProposalKind | string): boolean {
  return Boolean((charter.secret as Record<string, boolean>)[kind]);
}

// --- Federation: recall, ratification, delegation and seats ------------------------------

/**
 * Signatures a recall petition needs: the charter's share of the body's voting members,
 * rounded up, and never fewer than its minimum (docs/domain.md#recall).
 */
export function petitionSignaturesNeeded(charter: Charter, votingMembers: number): number {
  return Math.max(minSeatsForShare(votingMembers, parseFraction(charter.recall.petitionShare)), charter.recall.petitionMin);
}

/**
 * Delegates' terms (docs/domain.md#delegates): their length, the limit of consecutive terms,
 * and the days a delegate has to report back after a council meeting.
 */
export function delegateTermsOf(charter: Charter): { termMonths: number; termLimit: number; reportDays: number } {
  const { termMonths, termLimit, reportDays } = charter.delegates;
  return { termMonths, termLimit, reportDays };
}

/**
 * Whether a mandate decided under this charter binds the delegates (imperative: a ballot
 * against it needs a reason and is flagged) or only guides them (free); a mandate whose
 * charter version cannot be read is imperative (docs/domain.md#mandates).
 */
export function mandateIsImperative(charter: Charter | null | undefined): boolean {
  return (charter?.delegates.mandate ?? "imperative") === "imperative";
}

/** A council whose charter predates the council settings: two seats per body, no gender rule, a majority of bodies ratifies. */
export const DEFAULT_COUNCIL_RULES: CouncilCharter = {
  seatsPerAssembly: 2,
  coDelegatesDifferentGenders: false,
  minGenderShare: null,
  ratification: { threshold: "1/2", strict: true, order: "optional" },
  listed: false,
};

/** A council's own rules: seats per member body, gender rules, ratification (docs/domain.md#federation). */
export function councilRulesOf(charter: Charter): CouncilCharter {
  return charter.council ?? DEFAULT_COUNCIL_RULES;
}

/**
 * The share of member bodies that must ratify, as the council's charter said when the
 * proposal was sent (the snapshot stored with it): "more than" or "at least" a fraction
 * (docs/domain.md#ratification).
 */
export function ratificationThreshold(rule: Pick<CouncilCharter["ratification"], "threshold" | "strict">): Threshold {
  return { fraction: parseFraction(rule.threshold), strict: rule.strict };
}

/**
 * Whether any of the council's seat rules is in effect and needs genders (else they are never
 * shown); a rule that cannot apply is not in effect (./seat-rules.ts).
 */
export function hasGenderRule(rules: CouncilCharter): boolean {
  return genderRuleInEffect(rules);
}

/** What a council's seat rules ask of its delegate elections (docs/domain.md#delegates). */
export function delegationRulesOf(rules: CouncilCharter): DelegationRules {
  return {
    seatsPerBody: rules.seatsPerAssembly,
    coDelegatesDifferentGenders: rules.coDelegatesDifferentGenders,
    minGenderShare: rules.minGenderShare ? parseFraction(rules.minGenderShare) : null,
  };
}

/** The council-wide composition the seat rules ask for: each of women and men holds at least the minimum share. */
export function compositionRuleOf(rules: CouncilCharter): CompositionRule {
  return rules.minGenderShare ? { minShare: { share: parseFraction(rules.minGenderShare), groups: [...SHARE_GROUPS] } } : {};
}

// --- Mutual aid ---------------------------------------------------------------------------

/**
 * The body's mutual-aid rules (docs/domain.md#mutual-aid): the privacy ladder (peer-to-peer,
 * coordinator-assisted, fully coordinated) and the days a closed request keeps its personal
 * details. A charter stored before the setting existed reads as coordinator-assisted and 90 days.
 */
export function aidRulesOf(charter: Charter): { ladder: AidLadder; retentionDays: number } {
  return { ladder: charter.aid?.ladder ?? "assisted", retentionDays: charter.aid?.retentionDays ?? 90 };
}

// --- Polls and proxies ------------------------------------------------------------------

/**
 * Everyday polls (docs/domain.md#polls): the method a choice poll is counted by unless its
 * author chooses another, and whether a choice poll decides (binding, under the charter's
 * quorum) or only advises.
 */
export function pollRulesOf(charter: Charter): { method: PollMethod; binding: boolean } {
  return { method: charter.polls?.method ?? "single", binding: charter.polls?.binding ?? false };
}

export type ProxyRules = Charter["proxies"];

/**
 * Proxies (docs/domain.md#proxies): whether the charter allows them (not by default: RONR 12th
 * ed. 45:70 — proxy voting is not allowed in a deliberative assembly unless its rules say so),
 * in meetings only or online rounds too, how many one member may hold, and whether secret
 * rounds take them.
 */
export function proxyRulesOf(charter: Charter): ProxyRules {
  return charter.proxies ?? { mode: "none", maxPerHolder: 1, secretRounds: false };
}

/** Whether a round opened now accepts proxies under these rules. */
export function roundAcceptsProxies(rules: ProxyRules, round: { mode: "online" | "meeting"; secret: boolean }): boolean {
  if (rules.mode === "none") return false;
  if (round.mode === "online" && rules.mode !== "meetings_and_online") return false;
  return !round.secret || rules.secretRounds;
}
