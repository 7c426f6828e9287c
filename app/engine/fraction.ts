// Fractions and thresholds, compared in integers only.
//
// docs/domain.md#fractions: fractions are compared in integers, never floats: "more than
// half" is yes * 2 > base; "at least 2/3" is yes * 3 >= 2 * base.
// Percentages are produced for display only and never decide anything.

export type Fraction = { num: number; den: number };

/** strict = "more than" (a majority: more than 1/2); not strict = "at least" (at least 2/3). */
export type Threshold = { fraction: Fraction; strict: boolean };

export class FractionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FractionError";
  }
}

function isNonNegInt(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

/** Parses "2/3", "1/2", "3/4", "1" or a percentage such as "40%" (becomes 40/100). */
export function parseFraction(text: string): Fraction {
  const s = text.trim();
  let m = /^(\d+)\s*\/\s*(\d+)$/.exec(s);
  if (m) return checkFraction({ num: Number(m[1]), den: Number(m[2]) }, text);
  m = /^(\d+)\s*%$/.exec(s);
  if (m) return checkFraction({ num: Number(m[1]), den: 100 }, text);
  m = /^(\d+)$/.exec(s);
  if (m) return checkFraction({ num: Number(m[1]), den: 1 }, text);
  throw new FractionError(`not a fraction: "${text}" (expected e.g. "2/3" or "40%")`);
}

function checkFraction(f: Fraction, text: string): Fraction {
  if (!isNonNegInt(f.num) || !isNonNegInt(f.den) || f.den === 0) {
    throw new FractionError(`not a fraction: "${text}" (denominator must be a positive whole number)`);
  }
  if (f.num > f.den) throw new FractionError(`fraction "${text}" is more than 1`);
  return f;
}

export function formatFraction(f: Fraction): string {
  return `${f.num}/${f.den}`;
}

/**
 * Does `count` out of `base` meet the threshold? Integers only:
 * strict:     count * den >  num * base
 * not strict: count * den >= num * base
 */
export function meetsThreshold(threshold: Threshold, count: number, base: number): boolean {
  const lhs = BigInt(count) * BigInt(threshold.fraction.den);
  const rhs = BigInt(threshold.fraction.num) * BigInt(base);
  return threshold.strict ? lhs > rhs : lhs >= rhs;
}

/** The smallest whole number of votes out of `base` that satisfies the threshold. */
export function requiredVotes(threshold: Threshold, base: number): number {
  const num = BigInt(threshold.fraction.num);
  const den = BigInt(threshold.fraction.den);
  const b = BigInt(base);
  if (threshold.strict) return Number((num * b) / den + 1n); // floor(num*base/den) + 1
  return Number((num * b + den - 1n) / den); // ceil(num*base/den)
}

export const MORE_THAN_HALF: Threshold = { fraction: { num: 1, den: 2 }, strict: true };
export const AT_LEAST_TWO_THIRDS: Threshold = { fraction: { num: 2, den: 3 }, strict: false };

/** "more than 1/2", "at least 2/3" */
export function describeThreshold(t: Threshold, lang: "en" | "es"): string {
  const f = formatFraction(t.fraction);
  if (lang === "en") return `${t.strict ? "more than" : "at least"} ${f}`;
  return `${t.strict ? "más de" : "al menos"} ${f}`;
}

/** Display-only percentage: whole number when exact, otherwise one decimal (es uses a decimal comma). */
export function formatPercent(count: number, base: number, lang: "en" | "es"): string {
  if (base === 0) return lang === "en" ? "0%" : "0 %";
  const tenths = Math.round((count * 1000) / base);
  const exact = (count * 100) % base === 0;
  const text = exact ? String((count * 100) / base) : (tenths / 10).toFixed(1);
  return lang === "en" ? `${text}%` : `${text.replace(".", ",")} %`;
}
