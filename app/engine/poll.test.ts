import { describe, expect, it } from "vitest";
import { bestTime, countPoll, PollError, SCORE_MAX, validPollBallot, type TimeAnswer } from "./index";

const OPTS = ["Pizza", "Tacos", "Soup"];

describe("choice polls count exactly", () => {
  it("single choice: most first choices wins; tallies per option", () => {
    const r = countPoll("single", OPTS, [{ choice: 0 }, { choice: 1 }, { choice: 1 }, { choice: 2 }, { choice: 1 }]);
    expect(r.tallies).toEqual([1, 3, 1]);
    expect(r.order).toEqual([[1], [0, 2]]);
    expect(r.winners).toEqual([1]);
    expect(r.scale).toBe(5);
    expect(r.explanation.en).toBe("Single choice: 5 answers. Tacos comes first (3 votes).");
    expect(r.explanation.es).toBe("Opción única: 5 respuestas. Tacos queda en primer lugar (3 votos).");
  });

  it("a tie is named, never drawn by lot", () => {
    const r = countPoll("single", OPTS, [{ choice: 0 }, { choice: 2 }]);
    expect(r.winners).toEqual([0, 2]);
    expect(r.explanation.en).toBe("Single choice: 2 answers. Pizza and Soup tie for first (1 votes each); a poll does not draw lots.");
  });

  it("approval: each approved option counts once per ballot", () => {
    const r = countPoll("approval", OPTS, [{ approved: [0, 1] }, { approved: [1] }, { approved: [2, 0] }, { approved: [0] }]);
    expect(r.tallies).toEqual([3, 2, 1]);
    expect(r.winners).toEqual([0]);
    expect(r.order).toEqual([[0], [1], [2]]);
  });

  it("score: totals of 0–5 scores, highest total wins, scale is answers × 5", () => {
    // Pizza 5+0+3 = 8, Tacos 4+4+4 = 12, Soup 0+5+5 = 10
    const r = countPoll("score", OPTS, [{ scores: [5, 4, 0] }, { scores: [0, 4, 5] }, { scores: [3, 4, 5] }]);
    expect(r.tallies).toEqual([8, 12, 10]);
    expect(r.winners).toEqual([1]);
    expect(r.order).toEqual([[1], [2], [0]]);
    expect(r.scale).toBe(3 * SCORE_MAX);
    expect(r.explanation.en).toBe("Score (0–5): 3 answers. Tacos comes first (12 points).");
  });

  it("score: a broad second choice beats a polarising first (the case for score voting)", () => {
    // Two love Pizza and hate Soup; one the reverse; everyone likes Tacos well enough.
    const r = countPoll("score", OPTS, [{ scores: [5, 4, 0] }, { scores: [5, 4, 0] }, { scores: [0, 4, 5] }]);
    expect(r.tallies).toEqual([10, 12, 5]);
    expect(r.winners).toEqual([1]);
  });

  it("score: equal totals tie", () => {
    const r = countPoll("score", OPTS, [{ scores: [5, 5, 1] }]);
    expect(r.winners).toEqual([0, 1]);
    expect(r.order).toEqual([[0, 1], [2]]);
  });

  it("Schulze: the Condorcet winner comes first; bars count options beaten", () => {
    // 3 Pizza>Tacos>Soup, 2 Tacos>Soup>Pizza, 2 Soup>Tacos>Pizza: Tacos beats Pizza 4–3 and
    // Soup 5–2; Soup beats Pizza 4–3. Pizza has the most first preferences and comes last.
    const b = (r: number[]) => ({ ranking: r.map((c) => [c]) });
    const r = countPoll("schulze", OPTS, [b([0, 1, 2]), b([0, 1, 2]), b([0, 1, 2]), b([1, 2, 0]), b([1, 2, 0]), b([2, 1, 0]), b([2, 1, 0])]);
    expect(r.winners).toEqual([1]);
    expect(r.tallies).toEqual([0, 2, 1]);
    expect(r.order).toEqual([[1], [2], [0]]);
    expect(r.scale).toBe(2);
  });

  it("no answers: no winner", () => {
    const r = countPoll("approval", OPTS, []);
    expect(r.winners).toEqual([]);
    expect(r.explanation.en).toBe("Approval: 0 answers. No answers, so no result.");
  });

  it("malformed answers are refused", () => {
    expect(validPollBallot("score", 3, { scores: [6, 0, 0] })).toBe(false);
    expect(validPollBallot("score", 3, { scores: [1, 2] })).toBe(false);
    expect(validPollBallot("approval", 3, { approved: [1, 1] })).toBe(false);
    expect(validPollBallot("approval", 3, { approved: [] })).toBe(false);
    expect(validPollBallot("single", 3, { choice: 3 })).toBe(false);
    expect(validPollBallot("schulze", 3, { ranking: [[0], [0]] })).toBe(false);
    expect(() => countPoll("single", OPTS, [{ choice: 7 }])).toThrow(PollError);
    expect(() => countPoll("single", ["only"], [])).toThrow(PollError);
  });
});

describe("meeting-time polls: most yes, then most yes-or-if-need-be", () => {
  const Y: TimeAnswer = "yes";
  const M: TimeAnswer = "if_need_be";
  const N: TimeAnswer = "no";

  it("most yes wins even when another time has more yes-or-if-need-be", () => {
    // time 0: 2 yes + 2 if need be; time 1: 3 yes + 0; time 2: 1 yes
    const r = bestTime(3, [
      [Y, Y, N],
      [Y, Y, Y],
      [M, Y, N],
      [M, N, N],
    ]);
    expect(r.yes).toEqual([2, 3, 1]);
    expect(r.ifNeedBe).toEqual([2, 0, 0]);
    expect(r.no).toEqual([0, 1, 3]);
    expect(r.best).toEqual([1]);
    expect(r.order).toEqual([[1], [0], [2]]);
    expect(r.explanation.en).toBe("4 answered. Best time: 3 yes and 0 if need be (most yes, then most yes or if need be).");
  });

  it("equal yes: the time more can make at all wins", () => {
    const r = bestTime(2, [
      [Y, Y],
      [M, N],
      [N, N],
    ]);
    expect(r.yes).toEqual([1, 1]);
    expect(r.best).toEqual([0]);
  });

  it("equal on both counts: all tied times are offered, in the order given", () => {
    const r = bestTime(3, [
      [Y, M, Y],
      [M, Y, M],
      [N, N, N],
    ]);
    expect(r.best).toEqual([0, 1, 2]);
    expect(r.order).toEqual([[0, 1, 2]]);
    expect(r.explanation.en).toBe("3 answered. Best times (tied): 3: 1 yes and 1 if need be (most yes, then most yes or if need be).");
  });

  it("a missing answer counts as no; no answers, no best time", () => {
    expect(bestTime(2, [[Y, null]]).no).toEqual([0, 1]);
    expect(bestTime(2, []).best).toEqual([]);
    expect(() => bestTime(2, [[Y]])).toThrow(PollError);
  });
});
