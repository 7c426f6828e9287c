// Federation seat rules (docs/domain.md#delegates, worked example 6):
// co-delegates of different genders (optional) and a minimum share of each
// gender (optional, e.g. 40%). Shares are compared in integers: a group with
// `count` of `seats` meets a share num/den when count * den >= num * seats.

import type { Fraction } from "./fraction";
import type { Explanation } from "./types";
import type { SeatConstraint } from "./ranked-types";

/** Smallest number of seats that is at least `share` of `seats`: ceil(seats × num / den). */
export function minSeatsForShare(seats: number, share: Fraction): number {
  return Math.floor((seats * share.num + share.den - 1) / share.den);
}

export type CompositionRule = {
  /** each listed group must hold at least this share of the seats */
  minShare?: { share: Fraction; groups: string[] };
  /** co-delegates: the seats must not all go to one group */
  differentGroups?: boolean;
};

/**
 * Check a council's (or a co-delegate pair's) composition. `groups` holds the
 * group (e.g. gender) of each seated delegate; `seats` the seats of the body.
 */
export function checkComposition(
  groups: Array<string | null>,
  seats: number,
  rule: CompositionRule,
): { met: boolean; problems: string[]; explanation: Explanation } {
  const en: string[] = [];
  const es: string[] = [];
  const count = (g: string) => groups.filter((x) => x === g).length;
  if (rule.minShare) {
    const need = minSeatsForShare(seats, rule.minShare.share);
    const pct = `${Math.round((rule.minShare.share.num * 100) / rule.minShare.share.den)}%`;
    for (const g of rule.minShare.groups) {
      const have = count(g);
      if (have * rule.minShare.share.den < rule.minShare.share.num * seats) {
        en.push(`${g}: ${have} of ${seats} seats, below the ${pct} minimum (needs ${need})`);
        es.push(`${g}: ${have} de ${seats} puestos, por debajo del mínimo del ${pct.replace("%", " %")} (requiere ${need})`);
      }
    }
  }
  if (rule.differentGroups) {
    const known = groups.filter((g): g is string => g !== null);
    if (known.length >= 2 && new Set(known).size === 1) {
      en.push(`all ${known.length} co-delegates are ${known[0]}; the charter requires different genders`);
      es.push(`los ${known.length} codelegados son ${known[0]}; el estatuto exige géneros distintos`);
    }
  }
  const met = en.length === 0;
  return {
    met,
    problems: en,
    explanation: met
      ? { en: "The seat composition meets the charter.", es: "La composición de los puestos cumple el estatuto." }
      : { en: `The seat composition does not meet the charter: ${en.join("; ")}.`, es: `La composición de los puestos no cumple el estatuto: ${es.join("; ")}.` },
  };
}

/**
 * Build the STV seat constraint for an election of `seats` seats from the
 * charter's gender rules: a minimum share for each listed group, and, for a
 * co-delegate election (2+ seats), at least one seat for each of two groups
 * when `differentGroups` is set.
 */
export function seatConstraintFor(
  seats: number,
  groupOf: (candidateIndex: number) => string | null,
  rule: CompositionRule & { groupsForDifferent?: string[] },
): SeatConstraint {
  const minPerGroup: Record<string, number> = {};
  if (rule.minShare) for (const g of rule.minShare.groups) minPerGroup[g] = minSeatsForShare(seats, rule.minShare.share);
  if (rule.differentGroups && seats >= 2 && rule.groupsForDifferent) {
    // Different genders among co-delegates: no group may take every seat.
    const maxPerGroup: Record<string, number> = {};
    for (const g of rule.groupsForDifferent) maxPerGroup[g] = seats - 1;
    return { groupOf, minPerGroup, maxPerGroup };
  }
  return { groupOf, minPerGroup };
}
