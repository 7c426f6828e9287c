/**
 * A council's seat rules stated one way everywhere (docs/domain.md#delegates): the founding
 * form, the charter, the council's seats, the member assembly's council page and the
 * election page all print these lines, so no page can say a rule applies while another
 * says there is none. A rule that cannot apply (co-delegates with one seat per assembly:
 * there are no co-delegates; a minimum share above a half for both women and men) is
 * refused on the founding and charter forms, and stated as inapplicable if a stored
 * charter still holds it.
 *
 * Pure: i18n keys and their values; pages translate them.
 */
import type { CouncilCharter } from "./charter";

export type SeatRuleLine = { key: string; params?: Record<string, string | number> };

function shareOf(s: string) {
  const [num, den] = s.split("/").map(Number);
  return { num, den, pct: Math.round((num * 100) / den) };
}

/** Co-delegates exist only with two or more seats per member body. */
export function coDelegateRuleApplies(rules: Pick<CouncilCharter, "seatsPerAssembly" | "coDelegatesDifferentGenders">): boolean {
  return rules.coDelegatesDifferentGenders && rules.seatsPerAssembly >= 2;
}

/** Women and men can each hold at least the share only if twice the share fits in the seats. */
export function minShareRuleApplies(rules: Pick<CouncilCharter, "minGenderShare">): boolean {
  if (!rules.minGenderShare) return false;
  const { num, den } = shareOf(rules.minGenderShare);
  return 2 * num <= den;
}

/** Whether any gender rule is in effect (else genders are never shown or asked). */
export function genderRuleInEffect(rules: CouncilCharter): boolean {
  return coDelegateRuleApplies(rules) || minShareRuleApplies(rules);
}

/** The council's seat rules, one line each, the same on every page. */
export function seatRuleLines(rules: CouncilCharter): SeatRuleLine[] {
  const lines: SeatRuleLine[] = [{ key: "federation.charter.seats", params: { n: rules.seatsPerAssembly } }];
  if (!rules.coDelegatesDifferentGenders) lines.push({ key: "federation.rules.coDelegates.off" });
  else if (coDelegateRuleApplies(rules)) lines.push({ key: "federation.rules.coDelegates.on" });
  else lines.push({ key: "federation.rules.coDelegates.inapplicable" });
  if (!rules.minGenderShare) lines.push({ key: "federation.rules.minGenderShare.off" });
  else {
    const s = shareOf(rules.minGenderShare);
    lines.push({ key: minShareRuleApplies(rules) ? "federation.rules.minGenderShare.on" : "federation.rules.minGenderShare.inapplicable", params: { share: rules.minGenderShare, pct: s.pct } });
  }
  return lines;
}

/**
 * Rules the founding or charter form must refuse: each with the field it belongs beside
 * (relative to the council section) and the message.
 */
export function seatRuleProblems(rules: Pick<CouncilCharter, "seatsPerAssembly" | "coDelegatesDifferentGenders" | "minGenderShare">): Array<{ field: "seatsPerAssembly" | "minGenderShare"; key: string }> {
  const out: Array<{ field: "seatsPerAssembly" | "minGenderShare"; key: string }> = [];
  if (rules.coDelegatesDifferentGenders && rules.seatsPerAssembly < 2) out.push({ field: "seatsPerAssembly", key: "federation.errors.coDelegatesOneSeat" });
  if (rules.minGenderShare && !minShareRuleApplies(rules)) out.push({ field: "minGenderShare", key: "federation.errors.minShareTooHigh" });
  return out;
}
