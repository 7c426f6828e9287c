// Schulze method (Markus Schulze, "A new monotonic, clone-independent, reversal
// symmetric, and Condorcet-consistent single-winner election method", 2011),
// with "winning votes" as the strength of a pairwise defeat.
//
// d[a][b] = number of voters ranking a strictly above b (an unranked candidate is
// below every ranked one; equal ranks prefer neither). A link a→b has strength
// d[a][b] when d[a][b] > d[b][a], else 0. p[a][b] = strength of the widest path.
// a is ranked above b when p[a][b] > p[b][a]; the ranking is built in levels: each
// level holds the candidates no remaining candidate beats, ties kept together.
// With several seats the first `seats` of the ranking are elected; a tie across
// the last seat is decided by lot (deterministic, explained).
//
// Approval (every ranked candidate counts as approved) lives here too.

import { plural } from "./plural";
import { drawLot, listNames, listNamesEs, validateElection } from "./ranked-common";
import type { Election, RankedResult } from "./ranked-types";

function fillSeats(
  levels: number[][],
  seats: number,
  names: string[],
  title: string | undefined,
  context: string,
): { elected: number[]; lots: string[] } {
  const elected: number[] = [];
  const lots: string[] = [];
  for (const level of levels) {
    const room = seats - elected.length;
    if (room <= 0) break;
    if (level.length <= room) {
      elected.push(...level);
      continue;
    }
    let rest = [...level];
    const tied = [...level];
    for (let k = 0; k < room; k++) {
      const c = drawLot(rest, names, title, `${context} seat ${elected.length + 1}`);
      elected.push(c);
      rest = rest.filter((x) => x !== c);
    }
    lots.push(
      `${listNames(tied.map((c) => names[c]))} tied for the last ${plural("en", room, { one: "seat", other: "# seats" })}; a deterministic seeded draw (FNV-1a of title, seat and name) chose ${listNames(elected.slice(-room).map((c) => names[c]))}`,
    );
  }
  return { elected, lots };
}

export function countSchulze(e: Election): RankedResult {
  validateElection(e);
  const names = e.candidates;
  const withdrawn = new Set(e.withdrawn);
  const cands = names.map((_, i) => i).filter((i) => !withdrawn.has(i));
  const n = names.length;
  const d: number[][] = names.map(() => new Array<number>(n).fill(0));
  let totalValid = 0;
  let invalid = 0;
  for (const b of e.ballots) {
    // Position of each candidate on this ballot (lower = preferred); unranked = Infinity.
    const pos = new Array<number>(n).fill(Infinity);
    b.ranking.forEach((rank, k) => {
      for (const c of rank) if (!withdrawn.has(c) && pos[c] === Infinity) pos[c] = k;
    });
    if (cands.every((c) => pos[c] === Infinity)) {
      invalid += b.weight;
      continue;
    }
    totalValid += b.weight;
    for (const a of cands) for (const c of cands) if (a !== c && pos[a] < pos[c]) d[a][c] += b.weight;
  }
  // Winning votes: a defeat's strength is the number who voted for the winner of the pair.
  const p: number[][] = names.map(() => new Array<number>(n).fill(0));
  for (const a of cands) for (const b of cands) if (a !== b && d[a][b] > d[b][a]) p[a][b] = d[a][b];
  for (const i of cands) {
    for (const j of cands) {
      if (i === j) continue;
      for (const k of cands) {
        if (k === i || k === j) continue;
        const via = Math.min(p[j][i], p[i][k]);
        if (via > p[j][k]) p[j][k] = via;
      }
    }
  }
  const levels: number[][] = [];
  let rest = [...cands];
  while (rest.length > 0) {
    const top = rest.filter((a) => !rest.some((b) => b !== a && p[b][a] > p[a][b]));
    // The Schulze relation is transitive, so `top` is never empty; guard anyway.
    const level = top.length > 0 ? top : rest;
    levels.push(level);
    rest = rest.filter((c) => !level.includes(c));
  }
  const seats = Math.min(e.seats, cands.length);
  const { elected, lots } = fillSeats(levels, seats, names, e.title, "schulze");
  const ranking = levels.map((l) => l.map((c) => names[c]));
  const rankingText = ranking.map((l) => l.join(" = ")).join(" > ");
  const pairs: Record<string, number> = {};
  for (const a of cands) for (const b of cands) if (a !== b) pairs[`${names[a]}>${names[b]}`] = d[a][b];
  const strengths: Record<string, number> = {};
  for (const a of cands) for (const b of cands) if (a !== b) strengths[`${names[a]}>${names[b]}`] = p[a][b];
  const en = [
    `Schulze method (winning votes): ${plural("en", totalValid, { one: "# valid ballot", other: "# valid ballots" })}. Ranking: ${rankingText}.`,
    `Elected: ${listNames(elected.map((c) => names[c]))}.`,
    lots.length > 0 ? `Tie decided by lot: ${lots.join("; ")}.` : "",
  ]
    .filter(Boolean)
    .join(" ");
  const es = [
    `Método Schulze (votos ganadores): ${plural("es", totalValid, { one: "# papeleta válida", other: "# papeletas válidas" })}. Clasificación: ${rankingText}.`,
    `Elegidos: ${listNamesEs(elected.map((c) => names[c]))}.`,
    lots.length > 0 ? "Empate decidido por sorteo (determinista y reproducible)." : "",
  ]
    .filter(Boolean)
    .join(" ");
  return {
    method: "schulze",
    seats,
    elected: elected.map((c) => names[c]),
    ranking,
    rounds: [
      {
        stage: 1,
        action: "tally",
        subject: null,
        tallies: pairs,
        transfers: strengths,
        exhausted: 0,
        loss: 0,
        elected: elected.map((c) => names[c]),
        excluded: [],
        note: "tallies: voters preferring the first of each pair to the second; transfers: strength of the widest path",
      },
    ],
    scale: 1,
    totalValid,
    invalid,
    conserved: true,
    lots,
    explanation: { en, es },
  };
}

/**
 * Approval: every candidate a ballot ranks counts as approved by it (Brams and Fishburn,
 * "Approval Voting", 1978; docs/domain.md#elections). The `seats` most approved are elected; a
 * tie across the last seat is decided by lot (deterministic, explained).
 */
export function countApproval(e: Election): RankedResult {
  validateElection(e);
  const names = e.candidates;
  const withdrawn = new Set(e.withdrawn);
  const cands = names.map((_, i) => i).filter((i) => !withdrawn.has(i));
  const approvals = new Array<number>(names.length).fill(0);
  let totalValid = 0;
  let invalid = 0;
  for (const b of e.ballots) {
    const approved = new Set(b.ranking.flat().filter((c) => !withdrawn.has(c)));
    if (approved.size === 0) {
      invalid += b.weight;
      continue;
    }
    totalValid += b.weight;
    for (const c of approved) approvals[c] += b.weight;
  }
  const distinct = [...new Set(cands.map((c) => approvals[c]))].sort((a, b) => b - a);
  const levels = distinct.map((v) => cands.filter((c) => approvals[c] === v));
  const seats = Math.min(e.seats, cands.length);
  const { elected, lots } = fillSeats(levels, seats, names, e.title, "approval");
  const tallies: Record<string, number> = {};
  for (const c of cands) tallies[names[c]] = approvals[c];
  const list = elected.map((c) => `${names[c]} (${approvals[c]})`);
  const en = [
    `Approval: ${plural("en", totalValid, { one: "# valid ballot", other: "# valid ballots" })}; every candidate ranked on a ballot counts as approved.`,
    `Elected: ${listNames(list)}.`,
    lots.length > 0 ? `Tie decided by lot: ${lots.join("; ")}.` : "",
  ]
    .filter(Boolean)
    .join(" ");
  const es = [
    `Aprobación: ${plural("es", totalValid, { one: "# papeleta válida", other: "# papeletas válidas" })}; cada candidatura ordenada en una papeleta cuenta como aprobada.`,
    `Elegidos: ${listNamesEs(list)}.`,
    lots.length > 0 ? "Empate decidido por sorteo (determinista y reproducible)." : "",
  ]
    .filter(Boolean)
    .join(" ");
  return {
    method: "approval",
    seats,
    elected: elected.map((c) => names[c]),
    ranking: levels.map((l) => l.map((c) => names[c])),
    rounds: [
      {
        stage: 1,
        action: "tally",
        subject: null,
        tallies,
        transfers: {},
        exhausted: 0,
        loss: 0,
        elected: elected.map((c) => names[c]),
        excluded: [],
        note: "approvals per candidate",
      },
    ],
    scale: 1,
    totalValid,
    invalid,
    conserved: true,
    lots,
    explanation: { en, es },
  };
}
