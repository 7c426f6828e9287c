import { describe, expect, it } from "vitest";
import { genderRuleInEffect, seatRuleLines, seatRuleProblems } from "./seat-rules";

const rules = (over: Partial<Parameters<typeof seatRuleLines>[0]> = {}) => ({
  seatsPerAssembly: 2,
  coDelegatesDifferentGenders: false,
  minGenderShare: null,
  ratification: { threshold: "1/2", strict: true, order: "optional" as const },
  listed: false,
  ...over,
});

describe("a council's seat rules, stated one way", () => {
  it("co-delegates of different genders need two seats or more", () => {
    expect(seatRuleLines(rules({ coDelegatesDifferentGenders: true })).map((l) => l.key)).toEqual(["federation.charter.seats", "federation.rules.coDelegates.on", "federation.rules.minGenderShare.off"]);
    expect(seatRuleLines(rules({ seatsPerAssembly: 1, coDelegatesDifferentGenders: true }))[1].key).toBe("federation.rules.coDelegates.inapplicable");
    expect(genderRuleInEffect(rules({ seatsPerAssembly: 1, coDelegatesDifferentGenders: true }))).toBe(false);
    expect(seatRuleProblems(rules({ seatsPerAssembly: 1, coDelegatesDifferentGenders: true }))).toEqual([{ field: "seatsPerAssembly", key: "federation.errors.coDelegatesOneSeat" }]);
  });

  it("a minimum share for both women and men fits only up to a half", () => {
    expect(seatRuleLines(rules({ minGenderShare: "2/5" }))[2]).toEqual({ key: "federation.rules.minGenderShare.on", params: { share: "2/5", pct: 40 } });
    expect(seatRuleProblems(rules({ minGenderShare: "1/2" }))).toEqual([]);
    expect(seatRuleProblems(rules({ minGenderShare: "3/5" }))).toEqual([{ field: "minGenderShare", key: "federation.errors.minShareTooHigh" }]);
    expect(genderRuleInEffect(rules({ minGenderShare: "3/5" }))).toBe(false);
    expect(genderRuleInEffect(rules({ minGenderShare: "1/3" }))).toBe(true);
  });
});
