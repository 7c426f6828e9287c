// Single transferable vote, counted as the Scottish Local Government Elections
// Order 2007 (SSI 2007/42), Schedule 1, rules 45–52, prescribes:
//
// 45  First stage: sort valid papers by first preference; each counts one vote.
// 46  Quota (Droop) = floor(valid papers / (seats + 1)) + 1.
// 47  A candidate whose votes equal or exceed the quota at any stage is deemed elected.
// 48  Where a candidate's votes exceed the quota and a vacancy remains (subject to
//     rules 49 and 52), ALL papers the candidate holds are sorted by next available
//     preference (weighted inclusive Gregory method). Each transferred paper gets the
//     transfer value  surplus × value of the paper when received / candidate's total,
//     calculated to five decimal places, any remainder ignored (truncated).
//     Papers with no next preference are non-transferable; their share is not moved.
// 49  If two or more candidates have surpluses, the highest surplus is transferred
//     first; equal surpluses: the candidate with more votes at the most recent
//     preceding stage at which they differed goes first; equal at all stages: lot.
// 50  When no surplus remains to transfer and vacancies remain, the candidate with
//     the lowest votes is excluded; their papers move at the value they hold
//     (one, or the transfer value at which they were received).
// 51  Equal lowest: the candidate with fewer votes at the most recent preceding
//     stage at which they differed is excluded; equal at all stages: lot.
// 52  When the continuing candidates are as many as the vacancies left, they are
//     all deemed elected and no further transfer is made.
//
// "A surplus is not transferred when it cannot change the result": the Order has
// no general deferral of small surpluses (unlike the Irish or ERS rules). It skips
// a surplus in exactly two cases, which is what this count does: no vacancy remains
// (rule 48(1)), or the last vacancies are filled under rule 52 (rule 52(2)).
//
// Arithmetic: every value is an integer number of hundred-thousandths of a vote
// (five decimal places), so the count is exact. Truncation loss is tracked
// explicitly so that, at every stage,
//   sum of tallies + non-transferable + loss = valid votes × 100000.
//
// "By lot" is a deterministic seeded draw (see drawLot), reported in the result.

import { plural } from "./plural";
import {
  breakTie,
  cleanRanking,
  fmtUnits,
  listNames,
  listNamesEs,
  nextPreference,
  validateElection,
} from "./ranked-common";
import {
  RankedError,
  type Election,
  type RankedResult,
  type RankedStage,
  type SeatConstraint,
} from "./ranked-types";

export const STV_SCALE = 100_000;

type Paper = { weight: number; ranks: number[][]; pos: number; value: number; holder: number };
type Status = "hopeful" | "elected" | "excluded" | "withdrawn";

/** floor(a × b / c) exactly, whatever the size. */
function mulDivFloor(a: number, b: number, c: number): number {
  // Exact in floating point while the product is a safe integer (checked, not assumed);
  // BigInt otherwise. BigInt for every paper made half of a 50,000-ballot count garbage
  // collection (bench/README.md).
  const p = a * b;
  if (Number.isSafeInteger(p) && Number.isSafeInteger(p + c)) {
    const q = Math.floor(p / c);
    if (q * c <= p && p - q * c < c) return q;
  }
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

export function countStv(e: Election, opts?: { constraint?: SeatConstraint }): RankedResult {
  validateElection(e);
  const names = e.candidates;
  const n = names.length;
  const seats = e.seats;
  const constraint = opts?.constraint;
  const withdrawn = new Set(e.withdrawn);
  for (const b of e.ballots) {
    if (!Number.isInteger(b.weight)) throw new RankedError("STV counts ballot papers: every weight must be a whole number");
  }

  // Rule 45: first stage.
  // A paper with no usable first preference (blank, only withdrawn candidates, or
  // an equal first rank) is not a valid paper and does not count toward the quota.
  const papers: Paper[] = [];
  let invalid = 0;
  for (const b of e.ballots) {
    if (b.weight === 0) continue;
    const ranks = cleanRanking(b, withdrawn);
    const first = nextPreference(ranks, -1, () => true);
    if (first.candidate === -1) {
      invalid += b.weight;
      continue;
    }
    papers.push({ weight: b.weight, ranks, pos: first.pos, value: STV_SCALE, holder: first.candidate });
  }
  const totalValid = papers.reduce((s, p) => s + p.weight, 0);
  const totalUnits = totalValid * STV_SCALE;
  // Rule 46: the quota.
  const quota = Math.floor(totalValid / (seats + 1)) + 1;
  const quotaUnits = quota * STV_SCALE;

  const status: Status[] = names.map((_, i) => (withdrawn.has(i) ? "withdrawn" : "hopeful"));
  const tallies = new Array<number>(n).fill(0);
  const held: number[][] = names.map(() => []);
  papers.forEach((p, i) => {
    const c = p.holder;
    tallies[c] += p.weight * p.value;
    held[c].push(i);
  });

  const elected: number[] = [];
  const electedAt: number[] = [];
  const excluded: number[] = [];
  const surplusDone = new Set<number>();
  const history: number[][] = [];
  const rounds: RankedStage[] = [];
  const lots: string[] = [];
  const constraintNotes: string[] = [];
  let exhausted = 0;
  let loss = 0;
  let conserved = true;
  let stage = 1;

  const hopeful = () => names.map((_, i) => i).filter((i) => status[i] === "hopeful");
  const seatsLeft = () => seats - elected.length;

  // --- Seat constraint (federation gender rules) -------------------------------
  // Rule (documented for organisers): the count above runs unchanged, except that
  // (a) a hopeful whose election would leave the constraint impossible to satisfy
  //     with the seats and candidates left is "deemed excluded" (excluded at the
  //     start of the next stage, lowest such candidate first, even if they reached
  //     the quota), and their papers transfer as in an exclusion (rule 50);
  //     this covers "the remaining seats must go to a group": then every hopeful
  //     outside that group is deemed excluded;
  // (b) when the lowest hopeful must be excluded but the constraint needs them
  //     (the last of a group still short of its minimum), the lowest hopeful
  //     whose exclusion keeps the constraint satisfiable is excluded instead.
  const groupOf = (c: number) => (constraint ? constraint.groupOf(c) : null);
  function feasible(electedSet: number[], cont: number[], left: number): boolean {
    if (!constraint) return true;
    const el = new Map<string, number>();
    const av = new Map<string, number>();
    for (const c of electedSet) {
      const g = groupOf(c);
      if (g !== null) el.set(g, (el.get(g) ?? 0) + 1);
    }
    for (const c of cont) {
      const g = groupOf(c);
      if (g !== null) av.set(g, (av.get(g) ?? 0) + 1);
    }
    let needSum = 0;
    for (const [g, min] of Object.entries(constraint.minPerGroup)) {
      const need = Math.max(0, min - (el.get(g) ?? 0));
      if (need > (av.get(g) ?? 0)) return false;
      needSum += need;
    }
    if (needSum > left) return false;
    const max = constraint.maxPerGroup ?? {};
    for (const [g, m] of Object.entries(max)) if ((el.get(g) ?? 0) > m) return false;
    // The seats left must still be fillable from electable candidates.
    let capacity = 0;
    const counted = new Map<string, number>();
    for (const c of cont) {
      const g = groupOf(c);
      if (g !== null && max[g] !== undefined) {
        const used = (el.get(g) ?? 0) + (counted.get(g) ?? 0);
        if (used >= max[g]) continue;
        counted.set(g, (counted.get(g) ?? 0) + 1);
      }
      capacity++;
    }
    return capacity >= Math.min(left, cont.length);
  }
  const canElect = (c: number) =>
    feasible([...elected, c], hopeful().filter((x) => x !== c), seatsLeft() - 1);
  const canExclude = (c: number) => feasible(elected, hopeful().filter((x) => x !== c), seatsLeft());
  if (constraint && !feasible([], hopeful(), seats)) {
    throw new RankedError("the seat constraint cannot be met by these candidates and seats");
  }

  function nextHopeful(p: Paper): number {
    const next = nextPreference(p.ranks, p.pos, (c) => status[c] === "hopeful");
    p.pos = next.pos;
    p.holder = next.candidate;
    return next.candidate;
  }

  function record(
    action: RankedStage["action"],
    subject: number | null,
    transfers: Record<string, number>,
    newlyElected: number[],
    newlyExcluded: number[],
    note: string,
  ): void {
    const t: Record<string, number> = {};
    let sum = 0;
    for (let i = 0; i < n; i++) {
      if (status[i] === "withdrawn") continue;
      t[names[i]] = tallies[i];
      sum += tallies[i];
    }
    if (sum + exhausted + loss !== totalUnits) conserved = false;
    history.push([...tallies]);
    rounds.push({
      stage,
      action,
      subject: subject === null ? null : names[subject],
      tallies: t,
      transfers,
      exhausted,
      loss,
      elected: newlyElected.map((c) => names[c]),
      excluded: newlyExcluded.map((c) => names[c]),
      note,
    });
  }

  /** Rule 47: everyone at or above the quota is deemed elected, highest first. */
  function electReached(): { elected: number[]; notes: string[] } {
    const reached = hopeful().filter((c) => tallies[c] >= quotaUnits);
    const order: number[] = [];
    const notes: string[] = [];
    let rest = [...reached];
    while (rest.length > 0) {
      const top = Math.max(...rest.map((c) => tallies[c]));
      const tied = rest.filter((c) => tallies[c] === top);
      const tb = breakTie(tied, history, "highest", names, e.title, `stage ${stage} order of election`);
      if (tb.how) notes.push(`order of election: ${tb.how}`);
      if (tb.byLot) lots.push(`stage ${stage}: ${tb.how}`);
      order.push(tb.chosen);
      rest = rest.filter((c) => c !== tb.chosen);
    }
    const done: number[] = [];
    for (const c of order) {
      if (elected.length >= seats) break;
      if (constraint && !canElect(c)) {
        notes.push(`${names[c]} reached the quota but cannot be elected under the seat constraint`);
        continue; // deemed excluded at the next stage
      }
      status[c] = "elected";
      elected.push(c);
      electedAt.push(stage);
      done.push(c);
    }
    return { elected: done, notes };
  }

  function transferOut(from: number, surplus: number | null): Record<string, number> {
    const moved: Record<string, number> = {};
    const total = tallies[from];
    let movedSum = 0;
    let nonTransferable = 0;
    for (const pi of held[from]) {
      const p = papers[pi];
      // Rule 48(3): surplus × value when received / total, truncated to 5 places.
      // Rule 50(4): an excluded candidate's papers keep the value they hold.
      const value = surplus === null ? p.value : mulDivFloor(surplus, p.value, total);
      const to = nextHopeful(p);
      const amount = value * p.weight;
      if (to === -1) {
        nonTransferable += amount;
      } else {
        p.value = value;
        tallies[to] += amount;
        held[to].push(pi);
        moved[names[to]] = (moved[names[to]] ?? 0) + amount;
        movedSum += amount;
      }
    }
    held[from] = [];
    exhausted += nonTransferable;
    moved["non-transferable"] = nonTransferable;
    if (surplus === null) {
      tallies[from] = 0;
      moved.loss = 0;
    } else {
      const lost = surplus - movedSum - nonTransferable;
      loss += lost;
      moved.loss = lost;
      tallies[from] = total - surplus; // the quota stays with the elected candidate
    }
    return moved;
  }

  // Stage 1.
  {
    const r = electReached();
    record("first_preferences", null, {}, r.elected, [], ["first preferences", ...r.notes].join("; "));
  }

  for (;;) {
    if (seatsLeft() <= 0) break;
    const cont = hopeful();

    // Seat constraint (a): deem excluded a hopeful who can no longer be elected.
    if (constraint) {
      const doomed = cont.filter((c) => !canElect(c));
      if (doomed.length > 0 && cont.length > 0) {
        const low = Math.min(...doomed.map((c) => tallies[c]));
        const tb = breakTie(doomed.filter((c) => tallies[c] === low), history, "lowest", names, e.title, `stage ${stage + 1} exclusion`);
        if (tb.byLot) lots.push(`stage ${stage + 1}: ${tb.how}`);
        const c = tb.chosen;
        stage++;
        status[c] = "excluded";
        excluded.push(c);
        const why = `${names[c]} deemed excluded: electing them would make the seat constraint impossible to meet with the seats left`;
        constraintNotes.push(why);
        const moved = transferOut(c, null);
        const r = electReached();
        record("deemed_excluded", c, moved, r.elected, [c], [why, tb.how, ...r.notes].filter(Boolean).join("; "));
        continue;
      }
    }

    // Rule 52: as many continuing candidates as vacancies — all elected, no more transfers.
    if (cont.length <= seatsLeft()) {
      const vacancies = seatsLeft();
      stage++;
      const order = [...cont].sort((a, b) => tallies[b] - tallies[a] || a - b);
      const done: number[] = [];
      const notes: string[] = [];
      for (const c of order) {
        if (constraint && !canElect(c)) {
          notes.push(`${names[c]} cannot be elected under the seat constraint; the seat stays vacant`);
          continue;
        }
        status[c] = "elected";
        elected.push(c);
        electedAt.push(stage);
        done.push(c);
      }
      record(
        "elect_remaining",
        null,
        {},
        done,
        [],
        [`rule 52: ${plural("en", cont.length, { one: "# continuing candidate", other: "# continuing candidates" })} for ${plural("en", vacancies, { one: "# vacancy", other: "# vacancies" })}: all deemed elected, no further transfer`, ...notes].join("; "),
      );
      break;
    }

    // Rules 48–49: transfer the highest surplus first.
    const pending = elected.filter((c) => !surplusDone.has(c) && tallies[c] > quotaUnits);
    if (pending.length > 0) {
      const top = Math.max(...pending.map((c) => tallies[c] - quotaUnits));
      const tb = breakTie(pending.filter((c) => tallies[c] - quotaUnits === top), history, "highest", names, e.title, `stage ${stage + 1} surplus`);
      if (tb.byLot) lots.push(`stage ${stage + 1}: ${tb.how}`);
      const c = tb.chosen;
      stage++;
      surplusDone.add(c);
      const total = tallies[c];
      const surplus = total - quotaUnits;
      const moved = transferOut(c, surplus);
      const r = electReached();
      const tvFirst = mulDivFloor(surplus, STV_SCALE, total);
      record(
        "surplus",
        c,
        moved,
        r.elected,
        [],
        [
          `surplus of ${names[c]} (${fmtUnits(surplus, STV_SCALE)} of ${fmtUnits(total, STV_SCALE)}) transferred; transfer value of a first-preference paper ${fmtUnits(tvFirst, STV_SCALE)}; non-transferable ${fmtUnits(moved["non-transferable"], STV_SCALE)}; lost to truncation ${fmtUnits(moved.loss, STV_SCALE)}`,
          tb.how,
          ...r.notes,
        ]
          .filter(Boolean)
          .join("; "),
      );
      continue;
    }

    // Rules 50–51: exclude the lowest hopeful.
    let candidatesToExclude = cont;
    let constraintNote = "";
    if (constraint) {
      const allowed = cont.filter(canExclude);
      if (allowed.length > 0 && allowed.length < cont.length) {
        const lowAll = Math.min(...cont.map((c) => tallies[c]));
        const lowAllowed = Math.min(...allowed.map((c) => tallies[c]));
        if (lowAllowed > lowAll) {
          const spared = cont.filter((c) => !allowed.includes(c) && tallies[c] === lowAll);
          constraintNote = `${listNames(spared.map((c) => names[c]))} not excluded: the seat constraint needs them`;
          constraintNotes.push(constraintNote);
        }
        candidatesToExclude = allowed;
      }
    }
    const low = Math.min(...candidatesToExclude.map((c) => tallies[c]));
    const tb = breakTie(candidatesToExclude.filter((c) => tallies[c] === low), history, "lowest", names, e.title, `stage ${stage + 1} exclusion`);
    if (tb.byLot) lots.push(`stage ${stage + 1}: ${tb.how}`);
    const c = tb.chosen;
    stage++;
    status[c] = "excluded";
    excluded.push(c);
    const held0 = tallies[c];
    const moved = transferOut(c, null);
    const r = electReached();
    record(
      "exclusion",
      c,
      moved,
      r.elected,
      [c],
      [`${names[c]} excluded with ${fmtUnits(held0, STV_SCALE)} votes; papers transferred at their current value`, constraintNote, tb.how, ...r.notes]
        .filter(Boolean)
        .join("; "),
    );
  }

  const electedNames = elected.map((c) => names[c]);
  const how = elected.map((c, i) => `${names[c]} (stage ${electedAt[i]})`);
  const unfilled = seats - elected.length;
  const en = [
    `Scottish STV (Scottish Local Government Elections Order 2007, Schedule 1 rules 45–52): ${plural("en", totalValid, { one: "# valid vote", other: "# valid votes" })} for ${plural("en", seats, { one: "# seat", other: "# seats" })}; quota ${quota} = floor(${totalValid} / ${seats + 1}) + 1.`,
    elected.length > 0 ? `Elected: ${listNames(how)}.` : "No one was elected.",
    unfilled > 0 ? `${plural("en", unfilled, { one: "# seat", other: "# seats" })} left unfilled.` : "",
    `Surpluses were transferred by the weighted inclusive Gregory method, values truncated to five decimal places (${fmtUnits(loss, STV_SCALE)} votes lost to truncation; ${fmtUnits(exhausted, STV_SCALE)} non-transferable).`,
    constraintNotes.length > 0 ? `Seat constraint: ${constraintNotes.join("; ")}.` : "",
    lots.length > 0 ? `Ties decided by lot (a deterministic seeded draw anyone can repeat): ${lots.join("; ")}.` : "",
  ]
    .filter(Boolean)
    .join(" ");
  const es = [
    `VUT escocés (Scottish Local Government Elections Order 2007, anexo 1, reglas 45–52): ${plural("es", totalValid, { one: "# voto válido", other: "# votos válidos" })} para ${plural("es", seats, { one: "# puesto", other: "# puestos" })}; cuota ${quota} = piso(${totalValid} / ${seats + 1}) + 1.`,
    elected.length > 0
      ? `Elegidos: ${listNamesEs(elected.map((c, i) => `${names[c]} (etapa ${electedAt[i]})`))}.`
      : "Nadie fue elegido.",
    unfilled > 0 ? `${plural("es", unfilled, { one: "# puesto queda vacante", other: "# puestos quedan vacantes" })}.` : "",
    `Los excedentes se transfirieron por el método de Gregory inclusivo ponderado, con valores truncados a cinco decimales (${fmtUnits(loss, STV_SCALE).replace(".", ",")} votos perdidos por truncamiento; ${fmtUnits(exhausted, STV_SCALE).replace(".", ",")} intransferibles).`,
    constraintNotes.length > 0 ? `Restricción de puestos aplicada: ${plural("es", constraintNotes.length, { one: "# exclusión o protección, detallada", other: "# exclusiones o protecciones, detalladas" })} en las etapas.` : "",
    lots.length > 0 ? `Empates decididos por sorteo (determinista y reproducible): ${lots.length}.` : "",
  ]
    .filter(Boolean)
    .join(" ");

  return {
    method: "stv",
    seats,
    elected: electedNames,
    quota,
    quotaUnits,
    rounds,
    scale: STV_SCALE,
    totalValid,
    invalid,
    conserved,
    lots,
    explanation: { en, es },
  };
}
