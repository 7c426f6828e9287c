// Quorum: who must be there for a decision to count.
//
// Default (Robert's Rules of Order Newly Revised, 12th ed., §40 "Quorum"; docs/domain.md#quorum):
// a majority of the members, i.e. more than 1/2 of active voting members.
// A charter may instead set "at least" a fraction, a fixed count, a fraction
// with a minimum count, or no quorum at all.

import { plural } from "./plural";
import { type Fraction, formatFraction } from "./fraction";
import type { Explanation } from "./types";

export type Quorum =
  | { kind: "fraction"; fraction: Fraction; strict: boolean; minCount?: number }
  | { kind: "count"; count: number }
  | { kind: "none" };

/**
 * `present`: in a meeting, the members present; in an online round, those who voted
 * (`online` set, so explanations say "voted" rather than "present").
 */
export type Electorate = { members: number; present: number; online?: boolean };

export const DEFAULT_QUORUM: Quorum = { kind: "fraction", fraction: { num: 1, den: 2 }, strict: true };

function requiredPresent(quorum: Quorum, members: number): number {
  switch (quorum.kind) {
    case "none":
      return 0;
    case "count":
      return quorum.count;
    case "fraction": {
      const num = BigInt(quorum.fraction.num);
      const den = BigInt(quorum.fraction.den);
      const m = BigInt(members);
      // strict: present * den > num * members; otherwise present * den >= num * members
      const byFraction = quorum.strict ? Number((num * m) / den + 1n) : Number((num * m + den - 1n) / den);
      return Math.max(byFraction, quorum.minCount ?? 0);
    }
  }
}

export function describeQuorum(quorum: Quorum, lang: "en" | "es"): string {
  switch (quorum.kind) {
    case "none":
      return lang === "en" ? "no quorum" : "sin quórum";
    case "count":
      return plural(lang, quorum.count, lang === "en" ? { one: "# member", other: "# members" } : { one: "# miembro", other: "# miembros" });
    case "fraction": {
      const f = formatFraction(quorum.fraction);
      const min =
        quorum.minCount !== undefined
          ? lang === "en"
            ? ` (and at least ${quorum.minCount})`
            : ` (y al menos ${quorum.minCount})`
          : "";
      // The fraction is of all voting members (not of those present).
      if (lang === "en") return `${quorum.strict ? "more than" : "at least"} ${f} of the members${min}`;
      return `${quorum.strict ? "más de" : "al menos"} ${f} de los miembros${min}`;
    }
  }
}

/** Is quorum met? `required` is the smallest number present that meets it. */
export function checkQuorum(
  quorum: Quorum,
  electorate: Electorate,
): { met: boolean; required: number; explanation: Explanation } {
  const { members, present } = electorate;
  if (quorum.kind === "none") {
    return {
      met: true,
      required: 0,
      explanation: { en: "No quorum required.", es: "No se requiere quórum." },
    };
  }
  const required = requiredPresent(quorum, members);
  const met = present >= required;
  if (electorate.online) {
    // Online no one is "present": who took part are those who voted (docs/domain.md#quorum).
    const en = met
      ? `Quorum met: ${present} of ${members} members voted.`
      : `No quorum: ${present} of ${members} members voted; quorum is ${describeQuorum(quorum, "en")}, so ${required} must vote.`;
    const es = met
      ? `Quórum alcanzado: votaron ${present} de ${members} miembros.`
      : `Sin quórum: votaron ${present} de ${members} miembros; el quórum es ${describeQuorum(quorum, "es")}, así que deben votar ${required}.`;
    return { met, required, explanation: { en, es } };
  }
  const en = met
    ? `Quorum met: ${present} of ${members} members present.`
    : `No quorum: ${present} of ${members} members present; quorum is ${describeQuorum(quorum, "en")}, so ${required} must be present.`;
  const es = met
    ? `Quórum alcanzado: ${present} de ${members} miembros presentes.`
    : `Sin quórum: ${present} de ${members} miembros presentes; el quórum es ${describeQuorum(quorum, "es")}, así que deben estar presentes ${required}.`;
  return { met, required, explanation: { en, es } };
}
