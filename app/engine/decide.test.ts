import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  checkQuorum,
  decide,
  parseFraction,
  requiredVotes,
  type DecisionRule,
  type Quorum,
  type VoteRule,
} from "./index";

const noQuorum: Quorum = { kind: "none" };
const majorityOf = (base: VoteRule["base"]): VoteRule => ({ method: "majority", base, quorum: noQuorum });
const atLeast = (f: string, base: VoteRule["base"] = "cast"): VoteRule => ({
  method: "supermajority",
  threshold: { fraction: parseFraction(f), strict: false },
  base,
  quorum: noQuorum,
});
const vote = (yes: number, no: number, abstain = 0, illegal = 0) => ({ kind: "vote" as const, yes, no, abstain, illegal });

describe("worked example 1 (Robert's Rules: illegal ballots count in the base, blanks do not)", () => {
  // 85 ballots: 10 illegal, 4 blank, 71 legal with a choice; base 81; majority needs 41.
  it("a majority of 81 needs 41", () => {
    const d = decide(majorityOf("cast"), { members: 100, present: 85 }, vote(41, 30, 4, 10));
    expect(d.figures.base).toBe(81);
    expect(d.figures.required).toBe(41);
    expect(d.outcome).toBe("passed");
  });
  it("40 of 81 fails", () => {
    const d = decide(majorityOf("cast"), { members: 100, present: 85 }, vote(40, 31, 4, 10));
    expect(d.outcome).toBe("failed");
    expect(d.explanation.en).toContain("needs 41");
    expect(d.explanation.en).toContain("10 illegal ballots counted");
  });
});

describe("worked example 2 (100 members, 60 present; 30 yes 15 no 15 abstain)", () => {
  const e = { members: 100, present: 60 };
  const c = vote(30, 15, 15);
  it("majority of votes cast passes", () => {
    const d = decide(majorityOf("cast"), e, c);
    expect(d.outcome).toBe("passed");
    expect(d.figures.required).toBe(23);
  });
  it("majority of those present fails (needs 31)", () => {
    const d = decide(majorityOf("present"), e, c);
    expect(d.outcome).toBe("failed");
    expect(d.figures.required).toBe(31);
    expect(d.explanation.en).toBe(
      "Failed: 30 yes of 60 members present = 50%; more than 1/2 needs 31 (abstentions count as not yes). No quorum required.",
    );
  });
  it("2/3 of those present fails (needs 40)", () => {
    const d = decide(atLeast("2/3", "present"), e, c);
    expect(d.outcome).toBe("failed");
    expect(d.figures.required).toBe(40);
  });
  it("majority of all members fails (needs 51)", () => {
    const d = decide(majorityOf("members"), e, c);
    expect(d.outcome).toBe("failed");
    expect(d.figures.required).toBe(51);
  });
});

describe("worked example 3 (17 yes, 8 no: 68% ≥ 2/3)", () => {
  it("passes and explains itself in both languages", () => {
    const rule: VoteRule = { ...atLeast("2/3"), quorum: { kind: "fraction", fraction: { num: 1, den: 2 }, strict: true } };
    const d = decide(rule, { members: 40, present: 27 }, vote(17, 8, 2));
    expect(d.outcome).toBe("passed");
    expect(d.explanation.en).toBe(
      "Passed: 17 yes of 25 votes cast = 68% ≥ 2/3 (abstentions excluded). Quorum met: 27 of 40 members present.",
    );
    expect(d.explanation.es).toBe(
      "Aprobada: 17 a favor de 25 votos emitidos = 68 % ≥ 2/3 (abstenciones excluidas). Quórum alcanzado: 27 de 40 miembros presentes.",
    );
  });
});

describe("worked example 4 (60 yes, 27 no, 2 abstain)", () => {
  it("at least 2/3 of votes cast passes (60 ≥ 58)", () => {
    const d = decide(atLeast("2/3"), { members: 100, present: 89 }, vote(60, 27, 2));
    expect(d.outcome).toBe("passed");
    expect(d.figures.required).toBe(58);
  });
  it("at least 9/10 fails", () => {
    const d = decide(atLeast("9/10"), { members: 100, present: 89 }, vote(60, 27, 2));
    expect(d.outcome).toBe("failed");
    expect(d.figures.required).toBe(79);
  });
});

describe("worked example 5 (modified consensus, Occupy Minneapolis rule)", () => {
  const rule: DecisionRule = {
    method: "modified_consensus",
    maxBlocks: 0,
    standAsideLimit: null,
    quorum: noQuorum,
    fallback: { threshold: { fraction: { num: 9, den: 10 }, strict: false }, base: "cast" },
  };
  const e = { members: 60, present: 50 };
  it("a block in round 1 tables the proposal", () => {
    const d = decide(rule, e, { kind: "consensus", agree: 45, concern: 2, standAside: 2, block: 1 });
    expect(d.outcome).toBe("blocked");
    expect(d.tabled).toBe(true);
    expect(d.nextRound).toEqual({ method: "fallback", threshold: { fraction: { num: 9, den: 10 }, strict: false }, base: "cast" });
    expect(d.explanation.en).toMatch(
      /^Blocked by 1 member \(reason recorded\)\. Tabled: the next round decides by at least 9\/10 of votes cast\./,
    );
    expect(d.explanation.es).toContain("Bloqueada por 1 miembro (motivo registrado). Aplazada:");
  });
  it("round 2 at 9/10: 45 yes / 5 no passes", () => {
    const d = decide(rule, e, vote(45, 5), { roundKind: "fallback" });
    expect(d.outcome).toBe("passed");
    expect(d.tabled).toBe(false);
  });
  it("round 2 at 9/10: 44 yes / 6 no fails", () => {
    const d = decide(rule, e, vote(44, 6), { roundKind: "fallback" });
    expect(d.outcome).toBe("failed");
    expect(d.figures.required).toBe(45);
  });
  it("the default fallback sentence reads like docs/domain.md#modified-consensus", () => {
    const r: DecisionRule = { ...rule, fallback: { threshold: { fraction: { num: 3, den: 4 }, strict: false }, base: "cast" } };
    const d = decide(r, e, { kind: "consensus", agree: 10, concern: 0, standAside: 0, block: 1 });
    expect(d.explanation.en.startsWith(
      "Blocked by 1 member (reason recorded). Tabled: the next round decides by at least 3/4 of votes cast.",
    )).toBe(true);
  });
});

describe("boundaries: exactly at the threshold passes, one short fails", () => {
  it("majority (more than 1/2): 51 of 100 passes, 50 of 100 (a tie) fails", () => {
    expect(decide(majorityOf("cast"), { members: 100, present: 100 }, vote(51, 49)).outcome).toBe("passed");
    const tie = decide(majorityOf("cast"), { members: 100, present: 100 }, vote(50, 50));
    expect(tie.outcome).toBe("failed");
    expect(tie.figures.tie).toBe(true);
  });
  it("a tie fails even under an 'at least 1/2' majority", () => {
    const r: VoteRule = { method: "majority", threshold: { fraction: { num: 1, den: 2 }, strict: false }, base: "cast", quorum: noQuorum };
    const d = decide(r, { members: 10, present: 10 }, vote(5, 5));
    expect(d.outcome).toBe("failed");
    expect(d.explanation.en).toContain("a tie");
  });
  it("supermajority (at least 2/3): 20 of 30 passes, 19 of 30 fails", () => {
    expect(decide(atLeast("2/3"), { members: 30, present: 30 }, vote(20, 10)).outcome).toBe("passed");
    expect(decide(atLeast("2/3"), { members: 30, present: 30 }, vote(19, 11)).outcome).toBe("failed");
  });
  it("supermajority at least 3/4 with tieFails: exact boundary", () => {
    expect(decide(atLeast("3/4"), { members: 8, present: 8 }, vote(6, 2)).outcome).toBe("passed");
    expect(decide(atLeast("3/4"), { members: 8, present: 8 }, vote(5, 3)).outcome).toBe("failed");
  });
  it("unanimity of votes cast: abstentions do not break it, one no does", () => {
    const r: VoteRule = { method: "unanimity", base: "cast", quorum: noQuorum };
    expect(decide(r, { members: 10, present: 10 }, vote(8, 0, 2)).outcome).toBe("passed");
    expect(decide(r, { members: 10, present: 10 }, vote(9, 1, 0)).outcome).toBe("failed");
    expect(decide(r, { members: 10, present: 10 }, vote(0, 0, 10)).outcome).toBe("failed");
  });
  it("unanimity of those present: an abstention breaks it", () => {
    const r: VoteRule = { method: "unanimity", base: "present", quorum: noQuorum };
    expect(decide(r, { members: 10, present: 8 }, vote(8, 0, 0)).outcome).toBe("passed");
    expect(decide(r, { members: 10, present: 8 }, vote(7, 0, 1)).outcome).toBe("failed");
  });
  it("consensus: blocks at maxBlocks pass, one more blocks", () => {
    const r: DecisionRule = { method: "consensus", maxBlocks: 1, standAsideLimit: 2, quorum: noQuorum };
    const e = { members: 20, present: 20 };
    expect(decide(r, e, { kind: "consensus", agree: 10, concern: 3, standAside: 2, block: 1 }).outcome).toBe("passed");
    expect(decide(r, e, { kind: "consensus", agree: 10, concern: 3, standAside: 2, block: 2 }).outcome).toBe("blocked");
    expect(decide(r, e, { kind: "consensus", agree: 10, concern: 3, standAside: 3, block: 0 }).outcome).toBe("failed");
  });
  it("consensus: one block stops it by default; concerns never do; someone must agree", () => {
    const r: DecisionRule = { method: "consensus", maxBlocks: 0, standAsideLimit: null, quorum: noQuorum };
    const e = { members: 20, present: 20 };
    expect(decide(r, e, { kind: "consensus", agree: 0, concern: 15, standAside: 5, block: 0 }).outcome).toBe("passed");
    expect(decide(r, e, { kind: "consensus", agree: 19, concern: 0, standAside: 0, block: 1 }).outcome).toBe("blocked");
    expect(decide(r, e, { kind: "consensus", agree: 0, concern: 0, standAside: 20, block: 0 }).outcome).toBe("failed");
  });
  it("consent: one reasoned objection blocks, none passes", () => {
    const r: DecisionRule = { method: "consent", quorum: noQuorum };
    const e = { members: 12, present: 12 };
    const d = decide(r, e, { kind: "consent", consent: 11, objection: 1 });
    expect(d.outcome).toBe("blocked");
    expect(d.figures.state).toBe("objection");
    expect(decide(r, e, { kind: "consent", consent: 12, objection: 0 }).outcome).toBe("passed");
  });
});

describe("quorum", () => {
  const majority: Quorum = { kind: "fraction", fraction: { num: 1, den: 2 }, strict: true };
  it("more than half of 40 members needs 21", () => {
    expect(checkQuorum(majority, { members: 40, present: 21 })).toMatchObject({ met: true, required: 21 });
    expect(checkQuorum(majority, { members: 40, present: 20 })).toMatchObject({ met: false, required: 21 });
  });
  it("at least 1/3 with a minimum count", () => {
    const q: Quorum = { kind: "fraction", fraction: { num: 1, den: 3 }, strict: false, minCount: 5 };
    expect(checkQuorum(q, { members: 9, present: 4 })).toMatchObject({ met: false, required: 5 });
    expect(checkQuorum(q, { members: 30, present: 10 })).toMatchObject({ met: true, required: 10 });
    expect(checkQuorum(q, { members: 30, present: 9 })).toMatchObject({ met: false, required: 10 });
  });
  it("a fixed count", () => {
    expect(checkQuorum({ kind: "count", count: 7 }, { members: 100, present: 7 }).met).toBe(true);
    expect(checkQuorum({ kind: "count", count: 7 }, { members: 100, present: 6 }).met).toBe(false);
  });
  it("no quorum is decided before anything else, even a block", () => {
    const r: DecisionRule = { method: "consensus", maxBlocks: 0, standAsideLimit: null, quorum: majority };
    const d = decide(r, { members: 40, present: 20 }, { kind: "consensus", agree: 10, concern: 0, standAside: 0, block: 5 });
    expect(d.outcome).toBe("no_quorum");
    expect(d.explanation.en).toBe(
      "Not decided: No quorum: 20 of 40 members present; quorum is more than 1/2 of the members, so 21 must be present.",
    );
  });
});

describe("requiredVotes", () => {
  it("is the smallest integer satisfying the threshold", () => {
    expect(requiredVotes({ fraction: { num: 1, den: 2 }, strict: true }, 81)).toBe(41);
    expect(requiredVotes({ fraction: { num: 1, den: 2 }, strict: true }, 80)).toBe(41);
    expect(requiredVotes({ fraction: { num: 2, den: 3 }, strict: false }, 87)).toBe(58);
    expect(requiredVotes({ fraction: { num: 2, den: 3 }, strict: false }, 60)).toBe(40);
  });
  it("agrees with the integer comparison for every base (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }), fc.boolean(), fc.integer({ min: 0, max: 10_000 }), (a, b, strict, base) => {
        const num = Math.min(a, b);
        const den = Math.max(a, b);
        const t = { fraction: { num, den }, strict };
        const r = requiredVotes(t, base);
        const ok = (y: number) => (strict ? y * den > num * base : y * den >= num * base);
        return ok(r) && (r === 0 || !ok(r - 1));
      }),
    );
  });
});

describe("properties", () => {
  it("adding a yes never turns a passed majority into a fail", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<VoteRule["base"]>("cast", "present", "members"),
        fc.nat(200),
        fc.nat(200),
        fc.nat(50),
        (base, yes, no, abstain) => {
          const members = yes + no + abstain + 10;
          const present = yes + no + abstain + 1;
          const before = decide(majorityOf(base), { members, present }, vote(yes, no, abstain));
          const after = decide(majorityOf(base), { members: members + 1, present: present + 1 }, vote(yes + 1, no, abstain));
          return before.outcome !== "passed" || after.outcome === "passed";
        },
      ),
    );
  });
  it("adding a yes (switching an abstention to yes) never turns a pass into a fail, for any base and threshold", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<VoteRule["base"]>("cast", "present", "members"),
        fc.constantFrom("1/2", "2/3", "3/4", "9/10"),
        fc.nat(200),
        fc.nat(200),
        fc.integer({ min: 1, max: 50 }),
        (base, f, yes, no, abstain) => {
          const e = { members: yes + no + abstain + 5, present: yes + no + abstain };
          const r = atLeast(f, base);
          const before = decide(r, e, vote(yes, no, abstain));
          const after = decide(r, e, vote(yes + 1, no, abstain - 1));
          return before.outcome !== "passed" || after.outcome === "passed";
        },
      ),
    );
  });
  it("rejects counts that are not whole numbers", () => {
    expect(() => decide(majorityOf("cast"), { members: 10, present: 10 }, vote(1.5, 2))).toThrow(/whole number/);
    expect(() => decide(majorityOf("cast"), { members: 10, present: 10 }, { kind: "consent", consent: 1, objection: 0 })).toThrow(
      /vote counts/,
    );
  });
});

describe("counted words take each language's plural form", () => {
  it("one illegal ballot, one objection and one block read in the singular in English and Spanish", () => {
    const d = decide(majorityOf("cast"), { members: 10, present: 10 }, vote(5, 3, 1, 1));
    expect(d.explanation.en).toContain("1 illegal ballot counted in the total");
    expect(d.explanation.es).toContain("1 papeleta nula contada en el total");
    const c = decide({ method: "consent", quorum: noQuorum }, { members: 10, present: 10 }, { kind: "consent", consent: 1, objection: 1 });
    expect(c.explanation.en).toContain("Blocked: 1 reasoned objection (recorded)");
    expect(c.explanation.es).toContain("Bloqueada: 1 objeción razonada (registrada) por resolver");
    const p = decide({ method: "consent", quorum: noQuorum }, { members: 10, present: 10 }, { kind: "consent", consent: 1, objection: 0 });
    expect(p.explanation.es).toContain("1 da su consentimiento");
    const two = decide({ method: "consent", quorum: noQuorum }, { members: 10, present: 10 }, { kind: "consent", consent: 9, objection: 2 });
    expect(two.explanation.es).toContain("2 objeciones razonadas (registradas)");
  });
});
