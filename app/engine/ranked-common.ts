// Helpers shared by the ranked counts.

import { RankedError, type Election, type RankedBallot } from "./ranked-types";

/**
 * A ballot's ranks as IRV and STV read them: withdrawn candidates removed, a
 * candidate ranked again later removed from the later rank, empty ranks dropped.
 */
export function cleanRanking(ballot: RankedBallot, withdrawn: ReadonlySet<number>): number[][] {
  const seen = new Set<number>();
  const out: number[][] = [];
  for (const rank of ballot.ranking) {
    // A rank of one candidate (nearly every rank) needs no de-duplication (bench/README.md).
    const live = rank.length === 1 ? (withdrawn.has(rank[0]) || seen.has(rank[0]) ? [] : [rank[0]]) : [...new Set(rank)].filter((c) => !withdrawn.has(c) && !seen.has(c));
    for (const c of live) seen.add(c);
    if (live.length > 0) out.push(live);
  }
  return out;
}

/**
 * The next available preference after rank `from` (-1 = the start).
 * Documented rule for an equal rank (an "overvote", as Burlington VT counted its
 * 2009 IRV election): ranks whose candidates are all no longer continuing are
 * skipped; a rank with exactly one continuing candidate counts for that
 * candidate; a rank with two or more continuing candidates ends the ballot
 * there (it is exhausted / non-transferable), because one vote cannot be split.
 * Returns the rank reached and the candidate, or candidate -1 when exhausted.
 */
export function nextPreference(
  ranks: number[][],
  from: number,
  isContinuing: (c: number) => boolean,
): { pos: number; candidate: number } {
  for (let k = from + 1; k < ranks.length; k++) {
    if (ranks[k].length === 1) {
      if (isContinuing(ranks[k][0])) return { pos: k, candidate: ranks[k][0] };
      continue;
    }
    const live = ranks[k].filter(isContinuing);
    if (live.length === 0) continue;
    if (live.length > 1) return { pos: ranks.length, candidate: -1 };
    return { pos: k, candidate: live[0] };
  }
  return { pos: ranks.length, candidate: -1 };
}

/** The preferences a ballot would use if every candidate were continuing (for display and checks). */
export function usablePreferences(ballot: RankedBallot, withdrawn: ReadonlySet<number>): number[] {
  const ranks = cleanRanking(ballot, withdrawn);
  const out: number[] = [];
  for (const r of ranks) {
    if (r.length > 1) break;
    out.push(r[0]);
  }
  return out;
}

export function validateElection(e: Election): void {
  const n = e.candidates.length;
  if (n === 0) throw new RankedError("the election has no candidates");
  if (!Number.isInteger(e.seats) || e.seats < 1) throw new RankedError(`seats must be a whole number ≥ 1 (got ${e.seats})`);
  for (const w of e.withdrawn) {
    if (!Number.isInteger(w) || w < 0 || w >= n) throw new RankedError(`withdrawn candidate ${w} is not a candidate`);
  }
  e.ballots.forEach((b, i) => {
    if (!(b.weight >= 0) || !Number.isFinite(b.weight)) throw new RankedError(`ballot ${i + 1}: weight must be ≥ 0`);
    for (const rank of b.ranking) {
      for (const c of rank) {
        if (!Number.isInteger(c) || c < 0 || c >= n) throw new RankedError(`ballot ${i + 1}: candidate ${c} is not a candidate`);
      }
    }
  });
}

/** 32-bit FNV-1a: a small, fixed, documented hash so that any "lot" can be re-drawn by anyone. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * "By lot", made deterministic and reproducible: each tied candidate draws
 * fnv1a("<title>|<context>|<name>") and the lowest draw is chosen. It depends only
 * on the title, the stage and the names, never on ballot order.
 */
export function drawLot(tied: number[], names: string[], title: string | undefined, context: string): number {
  let best = tied[0];
  let bestKey = Infinity;
  for (const c of tied) {
    const key = fnv1a(`${title ?? ""}|${context}|${names[c]}`);
    if (key < bestKey || (key === bestKey && names[c] < names[best])) {
      best = c;
      bestKey = key;
    }
  }
  return best;
}

/**
 * Break a tie by looking back (Scottish Order 2007, Sch. 1 rules 49(2) and 51(2)):
 * go to the most recent preceding stage at which the tied candidates had unequal
 * votes and keep those with the lowest ("lowest") or highest ("highest") votes
 * there; repeat while still tied; if they were equal at every stage, decide by lot.
 */
export function breakTie(
  tied: number[],
  history: number[][],
  mode: "lowest" | "highest",
  names: string[],
  title: string | undefined,
  context: string,
): { chosen: number; how: string; byLot: boolean } {
  let set = [...tied];
  if (set.length === 1) return { chosen: set[0], how: "", byLot: false };
  for (let s = history.length - 1; s >= 0 && set.length > 1; s--) {
    const t = history[s];
    const target = mode === "lowest" ? Math.min(...set.map((c) => t[c])) : Math.max(...set.map((c) => t[c]));
    const narrowed = set.filter((c) => t[c] === target);
    if (narrowed.length < set.length) {
      set = narrowed;
      if (set.length === 1) {
        return {
          chosen: set[0],
          how: `tie between ${tied.map((c) => names[c]).join(", ")} broken by the most recent earlier stage at which they differed (stage ${s + 1})`,
          byLot: false,
        };
      }
    }
  }
  const chosen = drawLot(set, names, title, context);
  return {
    chosen,
    how: `tie between ${set.map((c) => names[c]).join(", ")} (equal at every earlier stage) decided by lot: a deterministic seeded draw (FNV-1a of title, stage and name) chose ${names[chosen]}`,
    byLot: true,
  };
}

export function fmtUnits(units: number, scale: number): string {
  if (scale === 1) return String(units);
  const whole = Math.floor(units / scale);
  const frac = units % scale;
  const digits = String(scale).length - 1;
  return frac === 0 ? String(whole) : `${whole}.${String(frac).padStart(digits, "0")}`;
}

export function listNames(names: string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

export function listNamesEs(names: string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} y ${names[names.length - 1]}`;
}
