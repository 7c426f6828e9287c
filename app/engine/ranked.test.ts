import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  BltError,
  checkComposition,
  countApproval,
  countIrv,
  countRanked,
  countSchulze,
  countStv,
  minSeatsForShare,
  parseAbif,
  parseBlt,
  seatConstraintFor,
  writeBlt,
  type Election,
  type RankedResult,
} from "./index";

// The ballot data lives in <repoRoot>/../shared/data/ballots (here /work/shared,
// in CI the shared/ clone beside the repository).
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const ballotsDir = path.resolve(repoRoot, "../shared/data/ballots");
const readBallots = (file: string) => readFileSync(path.join(ballotsDir, file), "utf8");

/** Build an election from lines like "5 A>C>B" (weight, then ranks; "=" an equal rank). */
function election(candidates: string[], seats: number, lines: string[], title = "test"): Election {
  const idx = (n: string) => {
    const k = candidates.indexOf(n);
    if (k < 0) throw new Error(`unknown ${n}`);
    return k;
  };
  return {
    candidates,
    seats,
    withdrawn: [],
    title,
    ballots: lines.map((l) => {
      const [w, prefs = ""] = l.trim().split(/\s+/);
      return { weight: Number(w), ranking: prefs === "" ? [] : prefs.split(">").map((r) => r.split("=").map(idx)) };
    }),
  };
}

/** sum of tallies + non-transferable + loss = valid votes, at every stage, exactly. */
function expectConserved(r: RankedResult) {
  expect(r.conserved).toBe(true);
  for (const s of r.rounds) {
    const sum = Object.values(s.tallies).reduce((a, b) => a + b, 0);
    expect(sum + s.exhausted + s.loss).toBe(r.totalValid * r.scale);
    for (const v of Object.values(s.tallies)) expect(Number.isInteger(v)).toBe(true);
  }
}

describe("STV: the Wikipedia food election (3 seats, Droop quota 6)", () => {
  const food = election(["Orange", "Pear", "Chocolate", "Strawberry", "Hamburger"], 3, [
    "4 Orange",
    "2 Pear>Orange",
    "8 Chocolate>Strawberry",
    "4 Chocolate>Hamburger",
    "1 Strawberry",
    "1 Hamburger",
  ]);
  it("elects Chocolate, Orange and Strawberry", () => {
    const r = countStv(food);
    expect(r.quota).toBe(6);
    expect(r.elected).toEqual(["Chocolate", "Orange", "Strawberry"]);
    expectConserved(r);
    // Chocolate's surplus of 6 from 12: each paper goes on at 0.5.
    expect(r.rounds[1].action).toBe("surplus");
    expect(r.rounds[1].transfers).toMatchObject({ Strawberry: 400000, Hamburger: 200000 });
    expect(r.rounds[2].excluded).toEqual(["Pear"]);
    expect(r.rounds[2].elected).toEqual(["Orange"]);
    expect(r.explanation.en).toContain("quota 6 = floor(20 / 4) + 1");
  });
  it("countRanked defaults to STV for several seats and IRV for one", () => {
    expect(countRanked(food).method).toBe("stv");
    expect(countRanked({ ...food, seats: 1 }).method).toBe("irv");
  });
});

describe("Schulze: the Wikipedia example (45 voters, A–E)", () => {
  const e = election(["A", "B", "C", "D", "E"], 1, [
    "5 A>C>B>E>D",
    "5 A>D>E>C>B",
    "8 B>E>D>A>C",
    "3 C>A>B>E>D",
    "7 C>A>E>B>D",
    "2 C>B>A>D>E",
    "7 D>C>E>B>A",
    "8 E>B>A>D>C",
  ]);
  it("ranks E > A > C > B > D", () => {
    const r = countSchulze(e);
    expect(r.ranking).toEqual([["E"], ["A"], ["C"], ["B"], ["D"]]);
    expect(r.elected).toEqual(["E"]);
    expect(r.explanation.en).toContain("E > A > C > B > D");
  });
  it("keeps ties together", () => {
    const r = countSchulze(election(["A", "B", "C"], 1, ["1 A>B>C", "1 B>A>C"]));
    expect(r.ranking).toEqual([["A", "B"], ["C"]]);
    expect(r.lots).toHaveLength(1);
    expect(r.explanation.en).toContain("lot");
  });
});

describe("approval", () => {
  it("counts every ranked candidate as approved and elects the most approved", () => {
    const r = countApproval(election(["A", "B", "C"], 2, ["3 A>B", "2 C", "2 B"]));
    expect(r.elected).toEqual(["B", "A"]);
    expect(r.ranking).toEqual([["B"], ["A"], ["C"]]);
  });
  it("explains a tie for the last seat decided by lot", () => {
    const r = countApproval(election(["A", "B", "C"], 2, ["3 A", "2 B", "2 C"]));
    expect(r.elected[0]).toBe("A");
    expect(r.lots).toHaveLength(1);
    expect(r.explanation.en).toMatch(/B and C tied for the last seat/);
  });
});

describe("real ballots (Scottish STV and Burlington IRV)", () => {
  const scottish: Array<[string, number, number, string[]]> = [
    // file, seats, quota, declared councillors in order of election
    ["edinburgh-2017-ward03-drum-brae-gyle.blt", 3, 2369, ["Robert Christopher ALDRIDGE", "Claire BRIDGMAN", "Mark BROWN"]],
    ["edinburgh-2017-ward13-leith.blt", 3, 1904, ["Adam MCVEY", "Chas BOOTH", "Gordon John MUNRO"]],
    ["edinburgh-2017-ward15-southside-newington.blt", 4, 2340, ["Cameron ROSE", "Alison DICKIE", "Steve BURGESS", "Ian PERRY"]],
    ["glasgow-2007-springburn.blt", 3, 1353, ["Allan Stewart", "James Todd", "Phil Greene"]],
  ];
  for (const [file, seats, quota, elected] of scottish) {
    it(`${file}: quota ${quota}, elects ${elected.join(", ")}, totals conserved at every stage`, () => {
      const e = parseBlt(readBallots(file));
      expect(e.seats).toBe(seats);
      const r = countStv(e);
      expect(r.quota).toBe(quota);
      expect(r.quotaUnits).toBe(quota * 100_000);
      expect(r.elected).toEqual(elected);
      expect(r.elected.length).toBeLessThanOrEqual(seats);
      expectConserved(r);
      // IRV, Schulze and approval also count it without error.
      expectConserved(countIrv(e));
      expect(countSchulze(e).elected).toHaveLength(seats);
      expect(countApproval(e).elected).toHaveLength(seats);
    });
  }

  it("Leith: the stages and exact transfer figures", () => {
    const r = countStv(parseBlt(readBallots("edinburgh-2017-ward13-leith.blt")));
    expect(r.rounds.map((s) => `${s.action}:${s.subject ?? ""}`)).toEqual([
      "first_preferences:",
      "surplus:Adam MCVEY",
      "surplus:Chas BOOTH",
      "exclusion:Sanne DIJKSTRA-DOWNIE",
    ]);
    // McVey: 2753 first preferences, surplus 849: a first-preference paper goes on at 849/2753 = 0.30839 (truncated).
    expect(r.rounds[1].note).toContain("transfer value of a first-preference paper 0.30839");
    expect(r.rounds[3].tallies["Gordon John MUNRO"]).toBeGreaterThanOrEqual(r.quotaUnits!);
  });

  it("Burlington 2009 mayor (IRV): Bob Kiss wins 4313 to 4061, as declared", () => {
    const e = parseAbif(readBallots("burlington-2009-mayor.abif"));
    expect(e.title).toBe("2009 Burlington mayoral election");
    expect(e.ballots.reduce((s, b) => s + b.weight, 0)).toBe(8980);
    const r = countIrv(e);
    expect(r.elected).toEqual(["Bob Kiss (Progressive)"]);
    const first = r.rounds[0].tallies;
    expect(first).toMatchObject({
      "Bob Kiss (Progressive)": 2585,
      "Andy Montroll (Democrat)": 2063,
      "James Simpson (Green)": 35,
      "Dan Smith (Independent)": 1306,
      "Kurt Wright (Republican)": 2951,
      "Write-in": 36,
    });
    const last = r.rounds[r.rounds.length - 1];
    expect(last.tallies).toEqual({ "Bob Kiss (Progressive)": 4313, "Kurt Wright (Republican)": 4061 });
    // 606 exhausted in the declared count: 4 overvoted first choices + 602 exhausted later.
    expect(last.exhausted + r.invalid).toBe(606);
    expectConserved(r);
  });

  it("counts the largest file quickly", () => {
    const text = readBallots("edinburgh-2017-ward15-southside-newington.blt");
    const t0 = performance.now();
    countStv(parseBlt(text));
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe("STV rules of the Order", () => {
  it("rule 52: when continuing candidates equal the vacancies they are elected without further transfer", () => {
    const r = countStv(election(["A", "B", "C"], 2, ["10 A>B", "3 B", "2 C"]));
    // quota 6; A elected with surplus 4, but only B and C continue for 1 seat? No: 2 continuing for 1 seat,
    // so the surplus is transferred; then C is excluded and B fills the last seat.
    expect(r.elected).toEqual(["A", "B"]);
    const r2 = countStv(election(["A", "B"], 2, ["10 A>B", "3 B"]));
    expect(r2.rounds.map((s) => s.action)).toEqual(["first_preferences", "elect_remaining"]);
    expect(r2.elected).toEqual(["A", "B"]);
  });
  it("no surplus is transferred when no vacancy remains (rule 48(1))", () => {
    const r = countStv(election(["A", "B", "C"], 1, ["10 A>B", "3 B", "2 C"]));
    expect(r.elected).toEqual(["A"]);
    expect(r.rounds).toHaveLength(1);
  });
  it("the highest surplus is transferred first (rule 49)", () => {
    const r = countStv(election(["A", "B", "C", "D"], 3, ["10 A>C", "12 B>D", "1 C", "1 D"]));
    expect(r.rounds[1].subject).toBe("B");
  });
  it("equal lowest: look back to the most recent stage where they differed (rule 51)", () => {
    // 21 votes, 2 seats, quota 8. Stage 1: A 10, B 2, C 4, E 5. A's surplus 2 goes on at 0.2
    // per paper to B: stage 2: B 4, C 4, E 5. B and C tie; at stage 1 B had fewer, so B is excluded.
    const r = countStv(election(["A", "B", "C", "E"], 2, ["10 A>B", "2 B>E", "4 C", "5 E"]));
    expect(r.rounds[1].tallies).toMatchObject({ B: 400000, C: 400000, E: 500000 });
    expect(r.rounds[2].action).toBe("exclusion");
    expect(r.rounds[2].excluded).toEqual(["B"]);
    expect(r.rounds[2].note).toContain("most recent earlier stage at which they differed (stage 1)");
    expect(r.elected).toEqual(["A", "E"]);
    expect(r.lots).toEqual([]);
    expectConserved(r);
  });
  it("a tie at every stage is decided by a deterministic lot, and said so", () => {
    const e = election(["A", "B", "C"], 1, ["2 A", "1 B", "1 C"]);
    const r1 = countStv(e);
    const r2 = countStv({ ...e, ballots: [...e.ballots].reverse() });
    expect(r1.elected).toEqual(["A"]);
    expect(r1.lots.length).toBe(1);
    expect(r1.explanation.en).toContain("by lot");
    expect(r2.rounds).toEqual(r1.rounds);
  });
  it("withdrawn candidates are skipped on every ballot", () => {
    const e = { ...election(["A", "B", "C"], 1, ["3 A>B", "2 B", "4 C"]), withdrawn: [0] };
    const r = countStv(e);
    expect(r.rounds[0].tallies).toEqual({ B: 500000, C: 400000 });
    expect(r.elected).toEqual(["B"]);
  });
});

describe("STV with a seat constraint (federation gender rules)", () => {
  const gender = (g: Record<string, string>, names: string[]) => (i: number) => g[names[i]] ?? null;
  it("a hopeful whose election would make the minimum impossible is deemed excluded", () => {
    const names = ["A", "B", "C"];
    const e = election(names, 2, ["10 A", "9 B", "3 C"]);
    const r = countStv(e, { constraint: { groupOf: gender({ A: "man", B: "man", C: "woman" }, names), minPerGroup: { woman: 1 } } });
    expect(r.elected).toEqual(["A", "C"]);
    const deemed = r.rounds.find((s) => s.action === "deemed_excluded");
    expect(deemed?.subject).toBe("B");
    expect(r.explanation.en).toContain("B deemed excluded");
    expectConserved(r);
    // without the constraint the two men are elected
    expect(countStv(e).elected).toEqual(["A", "B"]);
  });
  it("when the remaining seat must go to a group, the others are excluded and transfer like an exclusion", () => {
    const names = ["A", "B", "C", "D"];
    const e = election(names, 2, ["12 A>B", "7 B", "4 C>B", "5 D>B"]);
    const r = countStv(e, { constraint: { groupOf: gender({ A: "man", B: "man", C: "woman", D: "man" }, names), minPerGroup: { woman: 1 } } });
    expect(r.elected).toEqual(["A", "C"]);
    expect(r.rounds.filter((s) => s.action === "deemed_excluded").map((s) => s.subject)).toEqual(["D", "B"]);
    expectConserved(r);
  });
  it("the last candidate of a group still short of its minimum is not excluded as lowest", () => {
    const names = ["A", "B", "C", "D", "E", "F"];
    const e = election(names, 3, ["8 A", "8 B", "8 D", "3 C", "4 E>A", "5 F>B"]);
    const r = countStv(e, {
      constraint: { groupOf: gender({ A: "m", B: "m", C: "w", D: "m", E: "m", F: "m" }, names), minPerGroup: { w: 1 } },
    });
    expect(r.elected).toContain("C");
    expect(r.rounds[1].excluded).toEqual(["E"]);
    expect(r.rounds[1].note).toContain("C not excluded: the seat constraint needs them");
    expectConserved(r);
  });
  it("co-delegates of different genders: a max per group", () => {
    const names = ["A", "B", "C"];
    const e = election(names, 2, ["10 A>B", "9 B", "2 C"]);
    const c = seatConstraintFor(2, gender({ A: "man", B: "man", C: "woman" }, names), { differentGroups: true, groupsForDifferent: ["man", "woman"] });
    const r = countStv(e, { constraint: c });
    expect(r.elected).toEqual(["A", "C"]);
  });
  it("an impossible constraint is refused with a clear error", () => {
    const names = ["A", "B"];
    expect(() =>
      countStv(election(names, 2, ["1 A", "1 B"]), { constraint: { groupOf: () => "man", minPerGroup: { woman: 1 } } }),
    ).toThrow(/cannot be met/);
  });
});

describe("worked example 6: seat composition", () => {
  it("a 10-seat council with 3 women fails a 40% minimum (needs 4)", () => {
    expect(minSeatsForShare(10, { num: 40, den: 100 })).toBe(4);
    const seated = [...Array(3).fill("woman"), ...Array(7).fill("man")];
    const r = checkComposition(seated, 10, { minShare: { share: { num: 40, den: 100 }, groups: ["woman", "man"] } });
    expect(r.met).toBe(false);
    expect(r.explanation.en).toContain("woman: 3 of 10 seats, below the 40% minimum (needs 4)");
    const ok = checkComposition([...Array(4).fill("woman"), ...Array(6).fill("man")], 10, {
      minShare: { share: { num: 40, den: 100 }, groups: ["woman", "man"] },
    });
    expect(ok.met).toBe(true);
  });
  it("a co-delegate pair of two men fails a different-genders rule", () => {
    expect(checkComposition(["man", "man"], 2, { differentGroups: true }).met).toBe(false);
    expect(checkComposition(["man", "woman"], 2, { differentGroups: true }).met).toBe(true);
  });
});

describe("IRV", () => {
  it("excludes the lowest until someone has more than half of the continuing votes", () => {
    const r = countIrv(election(["A", "B", "C"], 1, ["4 A", "3 B>C", "2 C>B"]));
    expect(r.elected).toEqual(["B"]);
    expect(r.rounds.map((s) => s.excluded)).toEqual([["C"], []]);
  });
  it("a tie for lowest looks back to the earlier round where they differed", () => {
    // round 1: A 5, B 4, C 3, D 2 → D excluded, D's 2 go to C: round 2: A 5, B 4, C 5? make B and C tie at 4:
    const r = countIrv(election(["A", "B", "C", "D"], 1, ["6 A", "4 B", "3 C", "1 D>C", "1 D>B"]));
    // round 2: A 6, B 5, C 4; no tie. Tie case:
    expect(r.rounds[0].excluded).toEqual(["D"]);
    const t = countIrv(election(["A", "B", "C", "D"], 1, ["6 A", "3 B", "4 C", "2 D>B"]));
    // round 1: A 6, B 3, C 4, D 2 → D out; round 2: A 6, B 5, C 4 → C out (no tie)
    expect(t.rounds[1].excluded).toEqual(["C"]);
    const tie = countIrv(election(["A", "B", "C", "D"], 1, ["7 A", "3 B", "4 C", "1 D>B"]));
    // round 1: D out; round 2: B 4, C 4 tie → round 1 had B 3 < C 4, so B is excluded
    expect(tie.rounds[1].excluded).toEqual(["B"]);
    expect(tie.rounds[1].note).toContain("most recent earlier stage");
  });
  it("an equal rank counts for the one candidate still continuing in it, and ends the ballot while two are", () => {
    const r = countIrv(election(["A", "B", "C", "D"], 1, ["3 A", "2 B", "1 D>B=C", "1 C=D>A"]));
    expect(r.invalid).toBe(1); // C=D first: an overvote
    expectConserved(r);
  });
});

describe("properties", () => {
  const candidates = ["A", "B", "C", "D", "E"];
  const ballotArb = fc.record({
    weight: fc.integer({ min: 1, max: 5 }),
    ranking: fc.uniqueArray(fc.integer({ min: 0, max: 4 }), { maxLength: 5 }).map((xs) => xs.map((x) => [x])),
  });
  const electionArb = fc.record({
    seats: fc.integer({ min: 1, max: 4 }),
    ballots: fc.array(ballotArb, { minLength: 1, maxLength: 25 }),
  });
  it("counts are order-independent: shuffling ballots gives the same result", () => {
    fc.assert(
      fc.property(electionArb, fc.integer(), ({ seats, ballots }, seed) => {
        const e: Election = { candidates, seats, withdrawn: [], ballots, title: "p" };
        const shuffled = [...ballots];
        let s = seed >>> 0;
        for (let i = shuffled.length - 1; i > 0; i--) {
          s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
          const j = s % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        const f: Election = { ...e, ballots: shuffled };
        for (const count of [countStv, countIrv, countSchulze, countApproval]) {
          const a = count(e);
          const b = count(f);
          expect(b.elected).toEqual(a.elected);
          expect(b.rounds).toEqual(a.rounds);
        }
      }),
      { numRuns: 150 },
    );
  });
  it("IRV and STV never elect more than the seats, and conserve every vote", () => {
    fc.assert(
      fc.property(electionArb, ({ seats, ballots }) => {
        const e: Election = { candidates, seats, withdrawn: [], ballots };
        const s = countStv(e);
        const i = countIrv(e);
        expect(s.elected.length).toBeLessThanOrEqual(seats);
        expect(new Set(s.elected).size).toBe(s.elected.length);
        expect(i.elected.length).toBeLessThanOrEqual(1);
        expectConserved(s);
        expectConserved(i);
      }),
      { numRuns: 200 },
    );
  });
  it("STV with a gender minimum always meets it when it can", () => {
    const genders = ["w", "m", "m", "w", "m"];
    fc.assert(
      fc.property(electionArb, ({ seats, ballots }) => {
        const e: Election = { candidates, seats: Math.min(seats, 3), withdrawn: [], ballots };
        const r = countStv(e, { constraint: { groupOf: (i) => genders[i], minPerGroup: { w: 1 } } });
        const women = r.elected.filter((n) => genders[candidates.indexOf(n)] === "w").length;
        expect(women).toBeGreaterThanOrEqual(1);
        expectConserved(r);
      }),
      { numRuns: 150 },
    );
  });
});

describe("BLT files", () => {
  it("round-trips: parse(write(x)) equals x", () => {
    const arb = fc
      .record({
        n: fc.integer({ min: 1, max: 6 }),
        seats: fc.integer({ min: 1, max: 6 }),
        title: fc.option(fc.string().filter((s) => !/["\r\n#]/.test(s)), { nil: undefined }),
      })
      .chain(({ n, seats, title }) =>
        fc.record({
          candidates: fc.array(fc.string({ minLength: 1 }).filter((s) => !/["\r\n#]/.test(s)), { minLength: n, maxLength: n }),
          seats: fc.constant(Math.min(seats, n)),
          withdrawn: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: n }),
          ballots: fc.array(
            fc.record({
              weight: fc.integer({ min: 1, max: 1000 }),
              ranking: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: 2 }), { maxLength: 4 }),
            }),
            { maxLength: 10 },
          ),
          title: fc.constant(title),
        }),
      )
      .map((e) => {
        const out: Election = { candidates: e.candidates, seats: e.seats, withdrawn: e.withdrawn, ballots: e.ballots };
        if (e.title !== undefined) out.title = e.title;
        return out;
      });
    fc.assert(
      fc.property(arb, (e) => {
        expect(parseBlt(writeBlt(e))).toEqual(e);
      }),
      { numRuns: 200 },
    );
  });
  it("writes the withdrawn line with negative numbers", () => {
    const text = writeBlt({ candidates: ["A", "B", "C"], seats: 1, withdrawn: [1], ballots: [{ weight: 2, ranking: [[0], [2]] }], title: "T" });
    expect(text).toBe('3 1\n-2\n2 1 3 0\n0\n"A"\n"B"\n"C"\n"T"\n');
  });
  it("round-trips a real file", () => {
    const e = parseBlt(readBallots("glasgow-2007-springburn.blt"));
    expect(parseBlt(writeBlt(e))).toEqual(e);
    expect(e.title).toBe("SPRINGBURN Ward");
  });
  const bad: Array<[string, RegExp]> = [
    ["", /the file is empty/],
    ["3\n", /line 1: expected "candidates seats"/],
    ['2 1\n1 1 3 0\n0\n"A"\n"B"\n', /line 2: candidate 3 does not exist/],
    ['2 1\n1 1 2\n0\n"A"\n"B"\n', /line 2: a ballot line must end with "0"/],
    ['2 1\nx 1 0\n0\n"A"\n"B"\n', /line 2: "x" is not a ballot weight/],
    ['2 1\n1 1 0\n"A"\n"B"\n', /line 3: the ballots must end with a line "0"/],
    ['2 1\n1 1 0\n0\n"A"\n', /expected 2 candidate names/],
    ["2 3\n0\n", /line 1: 3 seats but only 2 candidates/],
    ['2 1\n-3\n0\n"A"\n"B"\n', /line 2: candidate 3 does not exist/],
  ];
  for (const [text, msg] of bad) {
    it(`malformed input gives a clear one-line error: ${msg.source}`, () => {
      let err: unknown;
      try {
        parseBlt(text);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(BltError);
      expect((err as Error).message).toMatch(msg);
      expect((err as Error).message).not.toContain("\n");
    });
  }
});
