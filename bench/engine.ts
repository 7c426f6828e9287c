/**
 * The decision engine alone (bench/README.md), in this process, before any server runs:
 * a 100,000-ballot supermajority and consensus count (ballots tallied into counts as
 * closing a round does, then `decide`), Scottish STV on 50,000 ballots with 12 candidates
 * and 5 seats, Schulze on 20 options and 10,000 ballots, and the largest real ballot file
 * in ../shared/data/ballots/. Each figure is the median of a few runs.
 */
import fs from "node:fs";
import path from "node:path";
import { countRanked, countSchulze, countStv, decide, parseAbif, parseBlt, type Counts, type DecisionRule, type Election, type RankedBallot } from "../app/engine";
import { Rng } from "./lib/random";

export type EngineFigure = { name: string; ms: number; detail: string };

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time<T>(runs: number, fn: () => T): { ms: number; last: T } {
  const times: number[] = [];
  let last!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = fn();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), last };
}

/** Rankings drawn from candidate strengths (a Plackett–Luce model), so counts have real transfers. */
function rankings(r: Rng, n: number, candidates: number, opts: { full?: boolean } = {}): RankedBallot[] {
  const strength = Array.from({ length: candidates }, (_, i) => 1 + ((i * 7919) % 13) / 4 + r.next());
  const out: RankedBallot[] = [];
  for (let i = 0; i < n; i++) {
    const left = strength.map((s, c) => [c, s] as const);
    const len = opts.full ? candidates : r.int(1, candidates);
    const ranking: number[][] = [];
    for (let k = 0; k < len; k++) {
      const c = r.pickWeighted(left);
      ranking.push([c]);
      left.splice(
        left.findIndex(([x]) => x === c),
        1,
      );
    }
    out.push({ weight: 1, ranking });
  }
  return out;
}

function tally(choices: string[]): Record<string, number> {
  const by: Record<string, number> = {};
  for (const c of choices) by[c] = (by[c] ?? 0) + 1;
  return by;
}

const QUORUM = { kind: "fraction" as const, fraction: { num: 1, den: 2 }, strict: true };

/** The largest .blt/.abif file in the shared ballot folder, if the folder is there. */
export function largestBallotFile(dir: string): string | null {
  if (!fs.existsSync(dir)) return null;
  const files = fs
    .readdirSync(dir)
    .filter((f) => /\.(blt|abif)$/i.test(f))
    .map((f) => ({ f: path.join(dir, f), size: fs.statSync(path.join(dir, f)).size }))
    .sort((a, b) => b.size - a.size);
  return files[0]?.f ?? null;
}

export function engineBench(opts: { runs: number; ballotsDir: string }): EngineFigure[] {
  const r = new Rng(6);
  const out: EngineFigure[] = [];

  // Supermajority, 100,000 ballots: at least 2/3 of votes cast (the charter's default, docs/domain.md#charter).
  {
    const choices = Array.from({ length: 100_000 }, () => {
      const x = r.next();
      return x < 0.04 ? "abstain" : x < 0.7 ? "yes" : "no";
    });
    const rule: DecisionRule = { method: "supermajority", threshold: { fraction: { num: 2, den: 3 }, strict: false }, base: "cast", quorum: QUORUM, tieFails: true };
    const t = time(opts.runs, () => {
      const c = tally(choices);
      const counts: Counts = { kind: "vote", yes: c.yes ?? 0, no: c.no ?? 0, abstain: c.abstain ?? 0 };
      return decide(rule, { members: 120_000, present: choices.length }, counts);
    });
    out.push({ name: "supermajority, 100,000 ballots", ms: t.ms, detail: t.last.outcome });
  }

  // Consensus, 100,000 ballots, with concerns, stand-asides and one block.
  {
    const choices = Array.from({ length: 100_000 }, (_, i) => {
      if (i === 4242) return "block";
      const x = r.next();
      return x < 0.08 ? "concern" : x < 0.13 ? "stand_aside" : "agree";
    });
    const rule: DecisionRule = { method: "consensus", maxBlocks: 1, standAsideLimit: null, quorum: QUORUM };
    const t = time(opts.runs, () => {
      const c = tally(choices);
      const counts: Counts = { kind: "consensus", agree: c.agree ?? 0, concern: c.concern ?? 0, standAside: c.stand_aside ?? 0, block: c.block ?? 0 };
      return decide(rule, { members: 120_000, present: choices.length }, counts);
    });
    out.push({ name: "consensus, 100,000 ballots", ms: t.ms, detail: t.last.outcome });
  }

  // Scottish STV: 50,000 ballots, 12 candidates, 5 seats (each ballot on its own, as rounds store them).
  {
    const candidates = Array.from({ length: 12 }, (_, i) => `Candidate ${String.fromCharCode(65 + i)}`);
    const e: Election = { candidates, seats: 5, withdrawn: [], ballots: rankings(r, 50_000, 12) };
    const t = time(opts.runs, () => countStv(e));
    out.push({ name: "STV, 50,000 ballots, 12 candidates, 5 seats", ms: t.ms, detail: `${t.last.rounds.length} stages, elected ${t.last.elected.length}` });
  }

  // Schulze: 20 options, 10,000 full rankings.
  {
    const candidates = Array.from({ length: 20 }, (_, i) => `Option ${i + 1}`);
    const e: Election = { candidates, seats: 1, withdrawn: [], ballots: rankings(r, 10_000, 20, { full: true }) };
    const t = time(opts.runs, () => countSchulze(e));
    out.push({ name: "Schulze, 20 options, 10,000 ballots", ms: t.ms, detail: `winner ${t.last.elected[0] ?? "none"}` });
  }

  // The largest real ballot file: parse and count with the method its seats call for.
  const file = largestBallotFile(opts.ballotsDir);
  if (file) {
    const text = fs.readFileSync(file, "utf8");
    const t = time(opts.runs, () => {
      const e = /\.abif$/i.test(file) ? parseAbif(text) : parseBlt(text);
      return { e, res: countRanked(e) };
    });
    const n = t.last.e.ballots.reduce((a, b) => a + b.weight, 0);
    out.push({ name: `file ${path.basename(file)}`, ms: t.ms, detail: `${n} ballots, ${t.last.e.candidates.length} candidates, ${t.last.e.seats} seats, ${t.last.res.method}` });
  } else {
    out.push({ name: "largest ballot file", ms: NaN, detail: `no ballot files in ${opts.ballotsDir}` });
  }
  return out;
}
