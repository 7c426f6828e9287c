// Everyday polls (docs/domain.md#polls): counting a choice poll by one of four methods, and
// picking the best time of a meeting-time poll. Pure: options and answers in, tallies, an
// order and an explanation out. Unlike an election, a poll names its ties instead of
// drawing lots: the people asked see the tie and decide what to do with it.
//
// Sources:
// - single choice: plurality, the most first choices;
// - approval: Steven Brams and Peter Fishburn, "Approval Voting", American Political
//   Science Review 72 (1978): each ballot approves any number of options, the most approved win;
// - ranked by Schulze: countSchulze (./schulze.ts), winning votes, widest paths;
// - score (range voting): each ballot gives every option a whole score from 0 to SCORE_MAX;
//   the highest total wins (Warren D. Smith, "Range voting", 2000; the 0–5 scale of the
//   Score Voting guides of the Center for Election Science). An option left unscored scores 0.
// - meeting time: "most yes, then most yes-or-if-need-be" — the order Doodle-style scheduling
//   polls use with a third "if need be" answer: a time everyone can make beats a time some
//   could make only with difficulty.

import { countSchulze } from "./schulze";
import type { Explanation } from "./types";

export const POLL_METHODS = ["single", "approval", "schulze", "score"] as const;
export type PollMethod = (typeof POLL_METHODS)[number];

/** The top of the score scale: 0 (worst) to 5 (best). */
export const SCORE_MAX = 5;

/**
 * One answer to a choice poll, as its method reads it: `choice` (single), `approved`
 * (approval), `ranking` (Schulze: ranks of option indices, equal ranks allowed) or `scores`
 * (score: one whole score per option).
 */
export type PollBallot = { choice?: number; approved?: number[]; ranking?: number[][]; scores?: number[] };

export type PollResult = {
  method: PollMethod;
  options: string[];
  /** answers counted */
  ballots: number;
  /** per option: first choices (single), approvals (approval), total score (score), options beaten by widest path (Schulze) */
  tallies: number[];
  /** the largest tally a bar could reach: ballots, ballots × SCORE_MAX, or options − 1 */
  scale: number;
  /** option indices in order, best first; options with equal standing share a level */
  order: number[][];
  /** the best level: one option, or several when they tie */
  winners: number[];
  explanation: Explanation;
};

export class PollError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PollError";
  }
}

function isIndex(c: unknown, n: number): c is number {
  return Number.isInteger(c) && (c as number) >= 0 && (c as number) < n;
}

/** Whether an answer is well formed for this method and number of options. */
export function validPollBallot(method: PollMethod, options: number, b: PollBallot): boolean {
  switch (method) {
    case "single":
      return isIndex(b.choice, options);
    case "approval":
      return Array.isArray(b.approved) && b.approved.length > 0 && b.approved.every((c) => isIndex(c, options)) && new Set(b.approved).size === b.approved.length;
    case "schulze": {
      if (!Array.isArray(b.ranking) || b.ranking.length === 0) return false;
      const seen = new Set<number>();
      for (const rank of b.ranking) {
        if (!Array.isArray(rank) || rank.length === 0) return false;
        for (const c of rank) {
          if (!isIndex(c, options) || seen.has(c)) return false;
          seen.add(c);
        }
      }
      return true;
    }
    case "score":
      return Array.isArray(b.scores) && b.scores.length === options && b.scores.every((s) => Number.isInteger(s) && s >= 0 && s <= SCORE_MAX);
  }
}

/** Levels of equal tallies, highest first. */
function levelsByTally(tallies: number[]): number[][] {
  const distinct = [...new Set(tallies)].sort((a, b) => b - a);
  return distinct.map((v) => tallies.map((t, i) => (t === v ? i : -1)).filter((i) => i >= 0));
}

function names(options: string[], idx: number[], lang: "en" | "es"): string {
  const list = idx.map((i) => options[i]);
  if (list.length <= 1) return list.join("");
  return `${list.slice(0, -1).join(", ")} ${lang === "en" ? "and" : "y"} ${list[list.length - 1]}`;
}

const METHOD_WORDS: Record<PollMethod, Explanation> = {
  single: { en: "Single choice", es: "Opción única" },
  approval: { en: "Approval", es: "Aprobación" },
  schulze: { en: "Ranked (Schulze)", es: "Por orden (Schulze)" },
  score: { en: `Score (0–${SCORE_MAX})`, es: `Puntuación (0–${SCORE_MAX})` },
};

const TALLY_WORDS: Record<PollMethod, Explanation> = {
  single: { en: "votes", es: "votos" },
  approval: { en: "approvals", es: "aprobaciones" },
  schulze: { en: "options beaten", es: "opciones vencidas" },
  score: { en: "points", es: "puntos" },
};

/** Counts a choice poll. Throws PollError on a malformed answer (the model validates first). */
export function countPoll(method: PollMethod, options: string[], ballots: PollBallot[]): PollResult {
  const n = options.length;
  if (n < 2) throw new PollError("a poll needs at least two options");
  for (const b of ballots) if (!validPollBallot(method, n, b)) throw new PollError(`malformed ${method} answer`);
  let tallies = new Array<number>(n).fill(0);
  let order: number[][];
  let scale = ballots.length;
  if (method === "single") {
    for (const b of ballots) tallies[b.choice!]++;
    order = levelsByTally(tallies);
  } else if (method === "approval") {
    for (const b of ballots) for (const c of b.approved!) tallies[c]++;
    order = levelsByTally(tallies);
  } else if (method === "score") {
    for (const b of ballots) b.scores!.forEach((s, i) => (tallies[i] += s));
    order = levelsByTally(tallies);
    scale = ballots.length * SCORE_MAX;
  } else {
    const r = countSchulze({ candidates: options, seats: 1, withdrawn: [], ballots: ballots.map((b) => ({ weight: 1, ranking: b.ranking! })) });
    order = (r.ranking ?? []).map((level) => level.map((name) => options.indexOf(name)));
    // The bar of a ranked option: how many others it beats by the widest path (./schulze.ts).
    const strengths = r.rounds[0].transfers;
    tallies = options.map((a, i) => options.filter((b, j) => j !== i && (strengths[`${a}>${b}`] ?? 0) > (strengths[`${b}>${a}`] ?? 0)).length);
    scale = n - 1;
  }
  const winners = ballots.length === 0 ? [] : order[0];
  const head: Explanation = {
    en: `${METHOD_WORDS[method].en}: ${ballots.length} ${ballots.length === 1 ? "answer" : "answers"}.`,
    es: `${METHOD_WORDS[method].es}: ${ballots.length} ${ballots.length === 1 ? "respuesta" : "respuestas"}.`,
  };
  let verdict: Explanation;
  if (winners.length === 0) verdict = { en: "No answers, so no result.", es: "Sin respuestas, no hay resultado." };
  else if (winners.length === 1) {
    const w = winners[0];
    verdict = { en: `${options[w]} comes first (${tallies[w]} ${TALLY_WORDS[method].en}).`, es: `${options[w]} queda en primer lugar (${tallies[w]} ${TALLY_WORDS[method].es}).` };
  } else {
    verdict = {
      en: `${names(options, winners, "en")} tie for first (${tallies[winners[0]]} ${TALLY_WORDS[method].en} each); a poll does not draw lots.`,
      es: `${names(options, winners, "es")} empatan en primer lugar (${tallies[winners[0]]} ${TALLY_WORDS[method].es} cada una); una encuesta no sortea.`,
    };
  }
  return { method, options, ballots: ballots.length, tallies, scale, order, winners, explanation: { en: `${head.en} ${verdict.en}`, es: `${head.es} ${verdict.es}` } };
}

export const TIME_ANSWERS = ["yes", "if_need_be", "no"] as const;
export type TimeAnswer = (typeof TIME_ANSWERS)[number];

export type TimeResult = {
  /** per candidate time */
  yes: number[];
  ifNeedBe: number[];
  no: number[];
  /** who answered at all */
  answered: number;
  /** candidate indices, best first; times equal on both counts share a level */
  order: number[][];
  /** the best level: one time, or several when they tie on both counts; empty without answers */
  best: number[];
  explanation: Explanation;
};

/**
 * The best time of a meeting-time poll: most "yes"; among those, most "yes" or "if need be".
 * Each answer gives one answer per candidate time (a missing one counts as "no"). Times still
 * equal on both counts tie, and all of them are offered: whoever schedules picks one.
 */
export function bestTime(times: number, answers: Array<Array<TimeAnswer | null | undefined>>): TimeResult {
  if (!Number.isInteger(times) || times < 1) throw new PollError("a meeting-time poll needs at least one time");
  const yes = new Array<number>(times).fill(0);
  const ifNeedBe = new Array<number>(times).fill(0);
  const no = new Array<number>(times).fill(0);
  for (const a of answers) {
    if (a.length !== times) throw new PollError("an answer must say something for every time");
    a.forEach((x, i) => {
      if (x === "yes") yes[i]++;
      else if (x === "if_need_be") ifNeedBe[i]++;
      else no[i]++;
    });
  }
  const key = (i: number) => [yes[i], yes[i] + ifNeedBe[i]] as const;
  const sorted = yes.map((_, i) => i).sort((a, b) => key(b)[0] - key(a)[0] || key(b)[1] - key(a)[1] || a - b);
  const order: number[][] = [];
  for (const i of sorted) {
    const last = order[order.length - 1];
    if (last && key(last[0])[0] === key(i)[0] && key(last[0])[1] === key(i)[1]) last.push(i);
    else order.push([i]);
  }
  const best = answers.length === 0 ? [] : order[0];
  let explanation: Explanation;
  if (best.length === 0) explanation = { en: "No answers yet.", es: "Aún no hay respuestas." };
  else {
    const b = best[0];
    const many = best.length > 1;
    explanation = {
      en: `${answers.length} answered. Best ${many ? `times (tied): ${best.length}` : "time"}: ${yes[b]} yes and ${ifNeedBe[b]} if need be (most yes, then most yes or if need be).`,
      es: `${answers.length} respondieron. ${many ? `Mejores horarios (empatados): ${best.length}` : "Mejor horario"}: ${yes[b]} sí y ${ifNeedBe[b]} si hace falta (más síes; luego más sí o si hace falta).`,
    };
  }
  return { yes, ifNeedBe, no, answered: answers.length, order, best, explanation };
}
