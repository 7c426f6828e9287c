import { describe, expect, it } from "vitest";
import { AT_LEAST_TWO_THIRDS, MORE_THAN_HALF, checkComposition, countDelegates, decideRatification, delegationConstraint, type Election } from "./index";

describe("ratification by member assemblies", () => {
  it("5 of 7 at least 2/3 is ratified, and says so", () => {
    const d = decideRatification({ ratified: 5, rejected: 1, members: 7, threshold: AT_LEAST_TWO_THIRDS });
    expect(d.outcome).toBe("ratified");
    expect(d.needed).toBe(5);
    expect(d.explanation.en).toContain("Ratified: 5 of 7 member assemblies ≥ 2/3");
    expect(d.explanation.es).toContain("Ratificada: 5 de 7 asambleas miembro ≥ 2/3");
  });

  it("4 of 7 is not yet enough for 2/3 while one is still to decide", () => {
    const d = decideRatification({ ratified: 4, rejected: 2, members: 7, threshold: AT_LEAST_TWO_THIRDS });
    expect(d.outcome).toBe("pending");
    expect(d.explanation.en).toContain("1 still to decide");
  });

  it("is settled as rejected as soon as the threshold can no longer be reached", () => {
    const d = decideRatification({ ratified: 1, rejected: 3, members: 7, threshold: AT_LEAST_TWO_THIRDS });
    expect(d.outcome).toBe("rejected");
    expect(d.explanation.en).toMatch(/^Not ratified: 1 of 7/);
  });

  it("a majority is more than half: 2 of 4 is not enough, 3 of 4 is", () => {
    expect(decideRatification({ ratified: 2, rejected: 2, members: 4, threshold: MORE_THAN_HALF }).outcome).toBe("rejected");
    expect(decideRatification({ ratified: 3, rejected: 0, members: 4, threshold: MORE_THAN_HALF }).outcome).toBe("ratified");
    expect(decideRatification({ ratified: 3, rejected: 0, members: 4, threshold: MORE_THAN_HALF }).explanation.en).toContain("3 of 4 member assemblies > 1/2");
  });

  it("refuses counts that add up to more than the member bodies", () => {
    expect(() => decideRatification({ ratified: 3, rejected: 2, members: 4, threshold: MORE_THAN_HALF })).toThrow();
  });
});

function election(candidates: string[], seats: number, lines: string[]): Election {
  return {
    candidates,
    seats,
    withdrawn: [],
    ballots: lines.map((l) => {
      const [w, prefs] = l.split(" ");
      return { weight: Number(w), ranking: prefs.split(">").map((n) => [candidates.indexOf(n)]) };
    }),
  };
}

describe("delegate elections follow the council's seat rules", () => {
  const rules = { seatsPerBody: 2, coDelegatesDifferentGenders: true, minGenderShare: null };

  it("worked example 6: two men as co-delegates break the rule, so STV elects a woman instead", () => {
    const e = election(["Al", "Bo", "Cy"], 2, ["10 Al>Bo>Cy", "8 Bo>Al>Cy", "5 Cy>Al>Bo"]);
    const groups = ["man", "man", "woman"];
    expect(countDelegates(e, "stv", groups, null).elected.sort()).toEqual(["Al", "Bo"]);
    expect(checkComposition(["man", "man"], 2, { differentGroups: true }).met).toBe(false);
    const c = delegationConstraint(rules, { seats: 2, sitting: [], councilSeats: 4, councilSeated: [], otherVacancies: 2 })!;
    const r = countDelegates(e, "stv", groups, c);
    expect(r.elected).toContain("Cy");
    expect(r.elected).toHaveLength(2);
    expect(r.explanation.en).toContain("Co-delegates must be of different genders");
  });

  it("IRV for one seat beside a sitting man: men are not counted and their ballots transfer", () => {
    const e = election(["Al", "Cy", "Di"], 1, ["10 Al>Di>Cy", "6 Cy>Di", "5 Di>Cy"]);
    const c = delegationConstraint(rules, { seats: 1, sitting: ["man"], councilSeats: 4, councilSeated: ["man"], otherVacancies: 2 })!;
    const r = countDelegates(e, "irv", ["man", "woman", "woman"], c);
    expect(r.elected).toEqual(["Di"]);
    expect(r.explanation.en).toContain("Not counted, because electing them would break the seat rules: Al");
  });

  it("approval passes over a candidate whose election would break the rule", () => {
    const e = election(["Al", "Bo", "Cy"], 2, ["10 Al>Bo", "9 Bo", "3 Cy"]);
    const c = delegationConstraint(rules, { seats: 2, sitting: [], councilSeats: 2, councilSeated: [], otherVacancies: 0 })!;
    const r = countDelegates(e, "approval", ["man", "man", "woman"], c);
    // Bo has 19 approvals, Al 10, Cy 3: a second man cannot sit beside Bo, so Cy takes the seat.
    expect(r.elected).toEqual(["Bo", "Cy"]);
    expect(r.explanation.en).toContain("Passed over under the seat rules: Al (10)");
  });

  it("a minimum share across the council: what other vacancies cannot make up comes from this election", () => {
    const share = { seatsPerBody: 2, coDelegatesDifferentGenders: false, minGenderShare: { num: 2, den: 5 } };
    // 10 seats, 40% → 4 women needed; 2 seated, 2 other seats vacant → this election need not elect one.
    expect(delegationConstraint(share, { seats: 2, sitting: [], councilSeats: 10, councilSeated: ["woman", "woman", "man", "man", "man", "man"], otherVacancies: 2 })!.minPerGroup).toEqual({});
    // No other vacancies: 2 women must come from this election.
    const c = delegationConstraint(share, { seats: 2, sitting: [], councilSeats: 10, councilSeated: ["woman", "woman", "man", "man", "man", "man", "man", "man"], otherVacancies: 0 })!;
    expect(c.minPerGroup).toEqual({ woman: 2 });
  });

  it("candidates who cannot meet the rule elect no one, and the seats stay vacant", () => {
    const e = election(["Al", "Bo"], 1, ["3 Al", "2 Bo"]);
    const c = delegationConstraint(rules, { seats: 1, sitting: ["man"], councilSeats: 2, councilSeated: ["man"], otherVacancies: 0 })!;
    const r = countDelegates(e, "irv", ["man", "man"], c);
    expect(r.elected).toEqual([]);
    expect(r.explanation.en).toContain("seats stay vacant");
  });
});
