import { describe, expect, it } from "vitest";
import { checkComposition, decideRatification, delegationConstraint } from "~/engine";
import { defaultCharter, type Charter, type CouncilCharter } from "./charter";
import {
  compositionRuleOf,
  councilRulesOf,
  DEFAULT_COUNCIL_RULES,
  delegateTermsOf,
  delegationRulesOf,
  hasGenderRule,
  mandateIsImperative,
  petitionSignaturesNeeded,
  ratificationThreshold,
  ruleFor,
  secretFor,
} from "./rules";

const charter = (patch: Partial<Charter> = {}): Charter => ({ ...defaultCharter(), ...patch });
const council = (patch: Partial<CouncilCharter> = {}): CouncilCharter => ({ ...DEFAULT_COUNCIL_RULES, ...patch });

describe("the charter adapter", () => {
  it("recall: the vote is a majority of votes cast by default; a petition needs 1/10 of voting members, at least 2", () => {
    expect(ruleFor(charter(), "recall")).toMatchObject({ method: "majority", threshold: { fraction: { num: 1, den: 2 }, strict: true }, base: "cast" });
    expect(petitionSignaturesNeeded(charter(), 45)).toBe(5);
    expect(petitionSignaturesNeeded(charter(), 12)).toBe(2);
    const twoThirds = charter({ recall: { ...defaultCharter().recall, threshold: "2/3", strict: false, petitionShare: "1/4", petitionMin: 1 } });
    expect(ruleFor(twoThirds, "recall")).toMatchObject({ method: "supermajority", threshold: { fraction: { num: 2, den: 3 }, strict: false } });
    expect(petitionSignaturesNeeded(twoThirds, 10)).toBe(3);
  });

  it("secret ballots follow the charter per kind: recall and election secret, general open by default", () => {
    expect(secretFor(charter(), "recall")).toBe(true);
    expect(secretFor(charter(), "general")).toBe(false);
    expect(secretFor(charter(), "unknown_kind")).toBe(false);
  });

  it("delegates' terms and mandates", () => {
    expect(delegateTermsOf(charter())).toEqual({ termMonths: 12, termLimit: 2, reportDays: 14 });
    expect(mandateIsImperative(charter())).toBe(true);
    expect(mandateIsImperative(charter({ delegates: { ...defaultCharter().delegates, mandate: "free" } }))).toBe(false);
    expect(mandateIsImperative(null)).toBe(true);
  });

  it("a council without council settings gets the defaults", () => {
    expect(councilRulesOf(charter())).toEqual({ seatsPerAssembly: 2, coDelegatesDifferentGenders: false, minGenderShare: null, ratification: { threshold: "1/2", strict: true, order: "optional" }, listed: false });
    expect(councilRulesOf(charter({ council: council({ seatsPerAssembly: 3 }) })).seatsPerAssembly).toBe(3);
  });

  it("ratification: more than 1/2 of 7 member bodies is 4; at least 2/3 of 7 is 5", () => {
    expect(ratificationThreshold({ threshold: "1/2", strict: true })).toEqual({ fraction: { num: 1, den: 2 }, strict: true });
    const majority = decideRatification({ ratified: 4, rejected: 0, members: 7, threshold: ratificationThreshold({ threshold: "1/2", strict: true }) });
    expect(majority).toMatchObject({ outcome: "ratified", needed: 4 });
    const twoThirds = decideRatification({ ratified: 4, rejected: 0, members: 7, threshold: ratificationThreshold({ threshold: "2/3", strict: false }) });
    expect(twoThirds).toMatchObject({ outcome: "pending", needed: 5 });
  });

  it("seat rules: co-delegates of different genders and a minimum share reach the engine", () => {
    const rules = council({ coDelegatesDifferentGenders: true, minGenderShare: "2/5" });
    expect(hasGenderRule(rules)).toBe(true);
    expect(hasGenderRule(council())).toBe(false);
    expect(delegationRulesOf(rules)).toEqual({ seatsPerBody: 2, coDelegatesDifferentGenders: true, minGenderShare: { num: 2, den: 5 } });
    expect(delegationRulesOf(council())).toEqual({ seatsPerBody: 2, coDelegatesDifferentGenders: false, minGenderShare: null });
    expect(compositionRuleOf(rules)).toEqual({ minShare: { share: { num: 2, den: 5 }, groups: ["woman", "man"] } });
    expect(compositionRuleOf(council())).toEqual({});
    // 10 seats, 2/5 each: 4 women and 4 men at least; 3 women seated is short by one.
    const c = checkComposition(["woman", "woman", "woman", "man", "man", "man", "man", "man", null, null], 10, compositionRuleOf(rules));
    expect(c.met).toBe(false);
    // One body electing both its seats with nobody sitting: at most one of any gender.
    const d = delegationConstraint(delegationRulesOf(council({ coDelegatesDifferentGenders: true })), { seats: 2, sitting: [], councilSeats: 4, councilSeated: [], otherVacancies: 2 });
    expect(d?.maxPerGroup).toEqual({ woman: 1, man: 1, nonbinary: 1, other: 1 });
  });
});
