// Instant-runoff voting (single seat), the charter default for a one-seat
// election (docs/domain.md#elections).
//
// Each round every ballot counts for its highest-ranked continuing candidate.
// A candidate with more than half of the continuing votes (votes × 2 > total) is
// elected. Otherwise the candidate with the fewest votes is excluded, one at a
// time; a tie for fewest is broken by the most recent earlier round in which the
// tied candidates differed, and otherwise by a deterministic lot (explained).
// Ballots with no continuing candidate left are exhausted. An equal rank ends a
// ballot's usable ranking (an "overvote", as Burlington counted it).

import { plural } from "./plural";
import { breakTie, cleanRanking, listNames, listNamesEs, nextPreference, validateElection } from "./ranked-common";
import type { Election, RankedResult, RankedStage } from "./ranked-types";

export function countIrv(e: Election): RankedResult {
  validateElection(e);
  const names = e.candidates;
  const n = names.length;
  const withdrawn = new Set(e.withdrawn);
  // Each paper sits with one continuing candidate (or is exhausted, -1) and moves
  // on only when that candidate is excluded (see nextPreference for equal ranks).
  const papers: Array<{ weight: number; ranks: number[][]; pos: number; holder: number }> = [];
  let invalid = 0;
  for (const b of e.ballots) {
    if (b.weight === 0) continue;
    const ranks = cleanRanking(b, withdrawn);
    const first = nextPreference(ranks, -1, () => true);
    if (first.candidate === -1) invalid += b.weight;
    else papers.push({ weight: b.weight, ranks, pos: first.pos, holder: first.candidate });
  }
  const totalValid = papers.reduce((s, p) => s + p.weight, 0);
  const continuing = new Set(names.map((_, i) => i).filter((i) => !withdrawn.has(i)));
  const history: number[][] = [];
  const rounds: RankedStage[] = [];
  const lots: string[] = [];
  let conserved = true;
  let winner = -1;
  let prevTallies: number[] | null = null;

  for (let round = 1; ; round++) {
    const tallies = new Array<number>(n).fill(0);
    let exhausted = 0;
    for (const p of papers) {
      if (p.holder !== -1 && !continuing.has(p.holder)) {
        const next = nextPreference(p.ranks, p.pos, (x) => continuing.has(x));
        p.pos = next.pos;
        p.holder = next.candidate;
      }
      if (p.holder === -1) exhausted += p.weight;
      else tallies[p.holder] += p.weight;
    }
    const live = [...continuing];
    const liveTotal = live.reduce((s, c) => s + tallies[c], 0);
    if (liveTotal + exhausted !== totalValid) conserved = false;
    const t: Record<string, number> = {};
    for (const c of live) t[names[c]] = tallies[c];
    const transfers: Record<string, number> = {};
    if (prevTallies) {
      for (const c of live) transfers[names[c]] = tallies[c] - prevTallies[c];
    }
    history.push(tallies);
    prevTallies = tallies;

    const top = live.length > 0 ? Math.max(...live.map((c) => tallies[c])) : 0;
    const leaders = live.filter((c) => tallies[c] === top);
    // Majority of continuing votes (integers: votes × 2 > continuing total), or last one standing.
    const majority = leaders.length === 1 && top * 2 > liveTotal;
    if (live.length === 0) {
      rounds.push({ stage: round, action: "tally", subject: null, tallies: t, transfers, exhausted, loss: 0, elected: [], excluded: [], note: "no candidates" });
      break;
    }
    if (majority || live.length === 1) {
      winner = leaders[0];
      rounds.push({
        stage: round,
        action: round === 1 ? "first_preferences" : "exclusion",
        subject: null,
        tallies: t,
        transfers,
        exhausted,
        loss: 0,
        elected: [names[winner]],
        excluded: [],
        note: `${names[winner]} has ${top} of ${liveTotal} continuing votes, more than half`,
      });
      break;
    }
    const low = Math.min(...live.map((c) => tallies[c]));
    const tb = breakTie(live.filter((c) => tallies[c] === low), history.slice(0, -1), "lowest", names, e.title, `round ${round} exclusion`);
    if (tb.byLot) lots.push(`round ${round}: ${tb.how}`);
    continuing.delete(tb.chosen);
    rounds.push({
      stage: round,
      action: round === 1 ? "first_preferences" : "exclusion",
      subject: names[tb.chosen],
      tallies: t,
      transfers,
      exhausted,
      loss: 0,
      elected: [],
      excluded: [names[tb.chosen]],
      note: [`no majority (${top} of ${liveTotal}); ${names[tb.chosen]} has the fewest votes (${low}) and is excluded`, tb.how]
        .filter(Boolean)
        .join("; "),
    });
  }

  const last = rounds[rounds.length - 1];
  const excludedOrder = rounds.flatMap((r) => r.excluded);
  const elected = winner >= 0 ? [names[winner]] : [];
  const en = [
    `Instant-runoff (one seat): ${plural("en", totalValid, { one: "# valid ballot", other: "# valid ballots" })}.`,
    winner >= 0
      ? `${names[winner]} won in round ${last.stage} with ${last.tallies[names[winner]]} of ${Object.values(last.tallies).reduce((a, b) => a + b, 0)} continuing votes (more than half; ${plural("en", last.exhausted, { one: "# ballot", other: "# ballots" })} exhausted).`
      : "No one was elected.",
    excludedOrder.length > 0 ? `Excluded in order: ${listNames(excludedOrder)}.` : "",
    e.seats > 1 ? `Instant-runoff fills one seat; ${e.seats} were asked for (use STV for more).` : "",
    lots.length > 0 ? `Ties decided by lot (a deterministic seeded draw anyone can repeat): ${lots.join("; ")}.` : "",
  ]
    .filter(Boolean)
    .join(" ");
  const es = [
    `Segunda vuelta instantánea (un puesto): ${plural("es", totalValid, { one: "# papeleta válida", other: "# papeletas válidas" })}.`,
    winner >= 0
      ? `${names[winner]} ganó en la ronda ${last.stage} con ${last.tallies[names[winner]]} de ${Object.values(last.tallies).reduce((a, b) => a + b, 0)} votos en juego (más de la mitad; ${plural("es", last.exhausted, { one: "# papeleta agotada", other: "# papeletas agotadas" })}).`
      : "Nadie fue elegido.",
    excludedOrder.length > 0 ? `Excluidos en orden: ${listNamesEs(excludedOrder)}.` : "",
    lots.length > 0 ? `Empates decididos por sorteo (determinista y reproducible): ${lots.length}.` : "",
  ]
    .filter(Boolean)
    .join(" ");
  return {
    method: "irv",
    seats: 1,
    elected,
    rounds,
    scale: 1,
    totalValid,
    invalid,
    conserved,
    lots,
    explanation: { en, es },
  };
}
