// Federation rules (docs/domain.md#federation): ratification by member bodies, and elections
// of delegates that follow a council's seat rules (co-delegates of different genders, a
// minimum share of each gender across the council). Pure functions, integers only.

import { plural } from "./plural";
import { formatFraction, meetsThreshold, requiredVotes, type Fraction, type Threshold } from "./fraction";
import { minSeatsForShare } from "./composition";
import { countApproval } from "./schulze";
import { countIrv } from "./irv";
import { countStv } from "./stv";
import { listNames, listNamesEs } from "./ranked-common";
import { RankedError, type Election, type RankedResult, type SeatConstraint } from "./ranked-types";
import type { Explanation } from "./types";

// ---------------------------------------------------------------------------------------
// Ratification
// ---------------------------------------------------------------------------------------

export type RatificationOutcome = "ratified" | "rejected" | "pending";

/**
 * A council proposal sent for ratification is decided by the share of member bodies that
 * ratify it (docs/domain.md#ratification: the council outcome follows its charter's rule over
 * the assemblies' results). It is settled as soon as the result can no longer change: enough have ratified,
 * or too many have rejected for the rest to reach the threshold.
 */
export function decideRatification(input: { ratified: number; rejected: number; members: number; threshold: Threshold }): {
  outcome: RatificationOutcome;
  needed: number;
  pending: number;
  explanation: Explanation;
} {
  const { ratified, rejected, members, threshold } = input;
  if (![ratified, rejected, members].every((n) => Number.isSafeInteger(n) && n >= 0) || ratified + rejected > members) {
    throw new RankedError("ratification counts must be whole numbers within the member bodies");
  }
  const pending = members - ratified - rejected;
  const needed = members === 0 ? 1 : requiredVotes(threshold, members);
  const rel = threshold.strict ? ">" : "≥";
  const f = formatFraction(threshold.fraction);
  const ruleEn = `${threshold.strict ? "more than" : "at least"} ${f} of member assemblies (${needed} of ${members})`;
  const ruleEs = `${threshold.strict ? "más de" : "al menos"} ${f} de las asambleas miembro (${needed} de ${members})`;
  if (members > 0 && meetsThreshold(threshold, ratified, members)) {
    return {
      outcome: "ratified",
      needed,
      pending,
      explanation: {
        en: `Ratified: ${ratified} of ${members} member assemblies ${rel} ${f} (${rejected} rejected, ${pending} not yet decided).`,
        es: `Ratificada: ${ratified} de ${members} asambleas miembro ${rel} ${f} (${rejected} en contra, ${pending} aún sin decidir).`,
      },
    };
  }
  if (members === 0 || !meetsThreshold(threshold, ratified + pending, members)) {
    return {
      outcome: "rejected",
      needed,
      pending,
      explanation: {
        en: `Not ratified: ${ratified} of ${members} member assemblies ratified and ${rejected} rejected; the rule needs ${ruleEn}, which can no longer be reached.`,
        es: `No ratificada: ${ratified} de ${members} asambleas miembro la ratificaron y ${rejected} la rechazaron; la regla exige ${ruleEs}, que ya no puede alcanzarse.`,
      },
    };
  }
  return {
    outcome: "pending",
    needed,
    pending,
    explanation: {
      en: `Pending: ${ratified} of ${members} member assemblies ratified, ${rejected} rejected, ${pending} still to decide; the rule needs ${ruleEn}.`,
      es: `Pendiente: ${ratified} de ${members} asambleas miembro la ratificaron, ${rejected} la rechazaron y ${pending} aún deben decidir; la regla exige ${ruleEs}.`,
    },
  };
}

// ---------------------------------------------------------------------------------------
// Delegate elections under a council's seat rules
// ---------------------------------------------------------------------------------------

/** The genders a minimum share applies to: women and men (the profile's other answers are never forced). */
export const SHARE_GROUPS = ["woman", "man"] as const;
/** Every stated gender: co-delegates must not all share one. */
export const GENDER_GROUPS = ["woman", "man", "nonbinary", "other"] as const;

export type DelegationRules = {
  /** seats each member body holds in the council */
  seatsPerBody: number;
  coDelegatesDifferentGenders: boolean;
  minGenderShare: Fraction | null;
};

export type DelegationContext = {
  /** seats this election fills */
  seats: number;
  /** stated genders of this body's delegates who stay seated */
  sitting: Array<string | null>;
  /** all seats of the council (seats per body × member bodies) */
  councilSeats: number;
  /** stated genders of every delegate seated in the council now (this body's sitting ones included) */
  councilSeated: Array<string | null>;
  /** seats vacant elsewhere in the council, which later elections can still fill */
  otherVacancies: number;
};

export type DelegationConstraint = {
  minPerGroup: Record<string, number>;
  maxPerGroup: Record<string, number>;
  /** each rule that binds this election, in words */
  rules: Explanation[];
};

const count = (xs: Array<string | null>, g: string) => xs.filter((x) => x === g).length;
const es = (g: string) => ({ woman: "mujeres", man: "hombres", nonbinary: "personas no binarias", other: "personas de otro género" })[g] ?? g;
const en = (g: string) => ({ woman: "women", man: "men", nonbinary: "non-binary people", other: "people of another gender" })[g] ?? g;

/**
 * What a council's seat rules ask of one election (docs/domain.md#delegates):
 * - co-delegates of different genders: a body's delegation may not be all of one stated
 *   gender, so no gender may take more than (seats per body − 1) of its seats;
 * - a minimum share of each gender across the council: each of women and men must hold at
 *   least ⌈share × council seats⌉; what is missing and cannot be made up by the council's
 *   other vacant seats must come from this election.
 * Unstated genders are never counted for or against a rule.
 */
export function delegationConstraint(rules: DelegationRules, ctx: DelegationContext): DelegationConstraint | null {
  const minPerGroup: Record<string, number> = {};
  const maxPerGroup: Record<string, number> = {};
  const out: Explanation[] = [];
  if (rules.coDelegatesDifferentGenders && rules.seatsPerBody >= 2) {
    for (const g of GENDER_GROUPS) {
      const max = Math.max(0, rules.seatsPerBody - 1 - count(ctx.sitting, g));
      if (max < ctx.seats) maxPerGroup[g] = max;
    }
    const binding = Object.entries(maxPerGroup);
    const same = binding.length === GENDER_GROUPS.length && binding.every(([, m]) => m === binding[0][1]);
    const limitsEn = same ? `at most ${binding[0][1]} of any one gender` : binding.map(([g, m]) => `at most ${m} ${en(g)}`).join(", ");
    const limitsEs = same ? `como máximo ${binding[0][1]} del mismo género` : binding.map(([g, m]) => `como máximo ${m} ${es(g)}`).join(", ");
    out.push({
      en: `Co-delegates must be of different genders: no gender may hold all ${rules.seatsPerBody} of this body's seats` + (binding.length ? ` (this election: ${limitsEn}).` : "."),
      es: `Los codelegados deben ser de géneros distintos: ningún género puede ocupar los ${rules.seatsPerBody} puestos de este cuerpo` + (binding.length ? ` (en esta elección: ${limitsEs}).` : "."),
    });
  }
  if (rules.minGenderShare) {
    const share = rules.minGenderShare;
    const need = minSeatsForShare(ctx.councilSeats, share);
    const pct = Math.round((share.num * 100) / share.den);
    let left = ctx.seats;
    const parts: Explanation[] = [];
    for (const g of SHARE_GROUPS) {
      const have = count(ctx.councilSeated, g);
      const short = Math.max(0, need - have - ctx.otherVacancies);
      const min = Math.min(short, left);
      left -= min;
      if (min > 0) minPerGroup[g] = min;
      parts.push({
        en: `${en(g)}: ${have} seated, ${need} needed${min > 0 ? `, so this election must elect at least ${min}` : ""}`,
        es: `${es(g)}: ${have} en sus puestos, ${need} necesarios${min > 0 ? `, así que esta elección debe elegir al menos ${min}` : ""}`,
      });
    }
    out.push({
      en: `At least ${pct}% of the council's ${ctx.councilSeats} seats for each of women and men (${parts.map((p) => p.en).join("; ")}; ${ctx.otherVacancies} other seats vacant).`,
      es: `Al menos el ${pct} % de los ${ctx.councilSeats} puestos del consejo para mujeres y para hombres (${parts.map((p) => p.es).join("; ")}; ${ctx.otherVacancies} puestos más vacantes).`,
    });
  }
  if (out.length === 0) return null;
  return { minPerGroup, maxPerGroup, rules: out };
}

/** Can `seats` seats still be filled from `candidates` without breaking the constraint? */
export function constraintFeasible(
  c: Pick<DelegationConstraint, "minPerGroup" | "maxPerGroup">,
  groups: Array<string | null>,
  elected: number[],
  candidates: number[],
  seats: number,
): boolean {
  const el = (g: string) => elected.filter((i) => groups[i] === g).length;
  const av = (g: string) => candidates.filter((i) => groups[i] === g).length;
  let needSum = 0;
  for (const [g, min] of Object.entries(c.minPerGroup)) {
    const need = Math.max(0, min - el(g));
    if (need > av(g)) return false;
    needSum += need;
  }
  if (needSum > seats) return false;
  for (const [g, max] of Object.entries(c.maxPerGroup)) if (el(g) > max) return false;
  // Enough electable candidates for every seat left.
  let capacity = 0;
  const used = new Map<string, number>();
  for (const i of candidates) {
    const g = groups[i];
    if (g !== null && c.maxPerGroup[g] !== undefined) {
      const u = el(g) + (used.get(g) ?? 0);
      if (u >= c.maxPerGroup[g]) continue;
      used.set(g, (used.get(g) ?? 0) + 1);
    }
    capacity++;
  }
  return capacity >= seats;
}

/**
 * Counts a delegate election so that the result follows the council's seat rules
 * (docs/domain.md#delegates: the count follows the rule, it does not ignore it):
 * - STV: the engine's constrained count (a hopeful whose election would break the rule is
 *   deemed excluded and their papers transfer);
 * - IRV (one seat): candidates who cannot take the seat under the rule are withdrawn before
 *   the count, so their ballots go to the voters' next choice;
 * - approval: seats go down the approval order, passing over a candidate whose election
 *   would make the rule impossible to meet.
 * Each rule that bound the election is stated in the explanation. When the candidates
 * cannot meet the rule at all, no one is elected and the explanation says why.
 */
export function countDelegates(
  e: Election,
  method: "irv" | "stv" | "approval",
  groups: Array<string | null>,
  constraint: DelegationConstraint | null,
): RankedResult {
  const rulesEn = constraint ? ` Seat rules: ${constraint.rules.map((r) => r.en).join(" ")}` : "";
  const rulesEs = constraint ? ` Reglas de puestos: ${constraint.rules.map((r) => r.es).join(" ")}` : "";
  const withRules = (r: RankedResult, extra: Explanation = { en: "", es: "" }): RankedResult => ({
    ...r,
    explanation: { en: `${r.explanation.en}${extra.en}${rulesEn}`, es: `${r.explanation.es}${extra.es}${rulesEs}` },
  });
  const all = e.candidates.map((_, i) => i).filter((i) => !e.withdrawn.includes(i));
  if (!constraint || (Object.keys(constraint.minPerGroup).length === 0 && Object.keys(constraint.maxPerGroup).length === 0)) {
    const r = method === "irv" ? countIrv(e) : method === "stv" ? countStv(e) : countApproval(e);
    return withRules(r);
  }
  if (!constraintFeasible(constraint, groups, [], all, Math.min(e.seats, all.length))) {
    return withRules(
      { method, seats: e.seats, elected: [], rounds: [], scale: 1, totalValid: e.ballots.reduce((a, b) => a + (b.ranking.length ? b.weight : 0), 0), invalid: 0, conserved: true, lots: [], explanation: { en: "", es: "" } },
      {
        en: "No one was elected: the candidates cannot meet the council's seat rules, so the seats stay vacant until an election with other candidates.",
        es: "No se eligió a nadie: las candidaturas no pueden cumplir las reglas de puestos del consejo, así que los puestos quedan vacantes hasta una elección con otras candidaturas.",
      },
    );
  }
  const sc: SeatConstraint = { groupOf: (i) => groups[i] ?? null, minPerGroup: constraint.minPerGroup, maxPerGroup: constraint.maxPerGroup };
  if (method === "stv") return withRules(countStv(e, { constraint: sc }));
  if (method === "irv") {
    const barred = all.filter((i) => !constraintFeasible(constraint, groups, [i], all.filter((x) => x !== i), e.seats - 1));
    const r = countIrv({ ...e, withdrawn: [...e.withdrawn, ...barred] });
    const names = barred.map((i) => e.candidates[i]);
    return withRules(
      r,
      names.length
        ? {
            en: ` Not counted, because electing them would break the seat rules: ${listNames(names)}; their ballots went to the next choice.`,
            es: ` No se contaron, porque elegirlos incumpliría las reglas de puestos: ${listNamesEs(names)}; sus papeletas pasaron a la siguiente preferencia.`,
          }
        : undefined,
    );
  }
  // Approval: seats go down the approval order (ties already broken by the engine's lot).
  const free = countApproval(e);
  const order = [...free.elected.map((n) => e.candidates.indexOf(n))];
  for (const level of free.ranking ?? []) for (const n of level) if (!order.includes(e.candidates.indexOf(n))) order.push(e.candidates.indexOf(n));
  const elected: number[] = [];
  const passedOver: number[] = [];
  for (let k = 0; k < order.length && elected.length < e.seats; k++) {
    const c = order[k];
    if (constraintFeasible(constraint, groups, [...elected, c], order.slice(k + 1), e.seats - elected.length - 1)) elected.push(c);
    else passedOver.push(c);
  }
  const names = elected.map((i) => e.candidates[i]);
  const tallies = free.rounds[0]?.tallies ?? {};
  const withVotes = (ns: string[]) => ns.map((n) => `${n} (${tallies[n] ?? 0})`);
  const skipped = passedOver.map((i) => e.candidates[i]);
  return withRules({
    ...free,
    elected: names,
    rounds: free.rounds.map((s) => ({ ...s, elected: names })),
    explanation: {
      en: [
        `Approval: ${plural("en", free.totalValid, { one: "# valid ballot", other: "# valid ballots" })}; every candidate ranked on a ballot counts as approved.`,
        skipped.length ? `Passed over under the seat rules: ${listNames(withVotes(skipped))}.` : "",
        `Elected: ${listNames(withVotes(names))}.`,
        free.lots.length ? `Tie decided by lot: ${free.lots.join("; ")}.` : "",
      ]
        .filter(Boolean)
        .join(" "),
      es: [
        `Aprobación: ${plural("es", free.totalValid, { one: "# papeleta válida", other: "# papeletas válidas" })}; cada candidatura ordenada en una papeleta cuenta como aprobada.`,
        skipped.length ? `Omitidos por las reglas de puestos: ${listNamesEs(withVotes(skipped))}.` : "",
        `Elegidos: ${listNamesEs(withVotes(names))}.`,
        free.lots.length ? "Empate decidido por sorteo (determinista y reproducible)." : "",
      ]
        .filter(Boolean)
        .join(" "),
    },
  });
}
