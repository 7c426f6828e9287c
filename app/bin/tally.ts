// Count a vote or an election from a file, with the same engine the app uses.
//
//   npm run --silent tally -- FILE.blt  [--method irv|stv|schulze|approval] [--seats N]
//   npm run --silent tally -- FILE.abif [--method ...] [--seats N]
//   npm run --silent tally -- FILE.json
//
// Prints ONE JSON object on stdout and exits 0. Bad input prints a one-line
// error on stderr and exits 1.

import { readFileSync } from "node:fs";
import { z } from "zod";
import {
  countRanked,
  decide,
  parseAbif,
  parseBlt,
  parseFraction,
  type Base,
  type Counts,
  type DecisionRule,
  type Quorum,
  type RankedMethod,
} from "../engine/index";

class UsageError extends Error {}

const USAGE = "usage: tally FILE.blt|FILE.abif [--method irv|stv|schulze|approval] [--seats N] | tally FILE.json";
const METHODS: RankedMethod[] = ["irv", "stv", "schulze", "approval"];

function parseArgs(argv: string[]): { file: string; method?: RankedMethod; seats?: number } {
  let file: string | undefined;
  let method: RankedMethod | undefined;
  let seats: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === "--method") {
      const m = value();
      if (!METHODS.includes(m as RankedMethod)) throw new UsageError(`unknown method "${m}" (expected ${METHODS.join(", ")})`);
      method = m as RankedMethod;
    } else if (flag === "--seats") {
      const s = value();
      if (!/^\d+$/.test(s) || Number(s) < 1) throw new UsageError(`--seats must be a whole number ≥ 1, got "${s}"`);
      seats = Number(s);
    } else if (flag === "--help" || flag === "-h") {
      throw new UsageError(USAGE);
    } else if (flag.startsWith("-") && flag !== "-") {
      throw new UsageError(`unknown option ${flag}; ${USAGE}`);
    } else if (file === undefined) {
      file = arg;
    } else {
      throw new UsageError(`unexpected argument "${arg}"; ${USAGE}`);
    }
  }
  if (file === undefined) throw new UsageError(`no file given; ${USAGE}`);
  return { file, method, seats };
}

// --- counted votes (.json) ------------------------------------------------------

const count = z.number().int().nonnegative();
const fractionString = z.string().refine(
  (s) => {
    try {
      parseFraction(s);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'expected a fraction such as "2/3"' },
);
// Counts are strict (a misspelt "abstian" must not silently count as 0); the file itself
// may carry other keys (a title, a note) that the count ignores.
const voteCounts = z.strictObject({ yes: count, no: count, abstain: count.default(0), illegal: count.default(0), blank: count.default(0) });
const consensusCounts = z.strictObject({
  agree: count,
  concern: count.default(0),
  stand_aside: count.default(0),
  block: count.default(0),
});
const common = {
  base: z.enum(["cast", "present", "members"]).default("cast"),
  quorum: z.union([z.literal("majority"), fractionString, z.strictObject({ count }), z.null()]).optional(),
  // When left out: everyone counted was present, and everyone present is the membership.
  members: count.optional(),
  present: count.optional(),
};
// A majority is "more than 1/2" by definition; any other threshold belongs to a supermajority.
const noThreshold = {
  threshold: z
    .string()
    .refine((t) => t.replace(/\s/g, "") === "1/2", { message: "threshold goes with supermajority only (a majority is more than 1/2)" })
    .optional(),
};
const voteFile = z.discriminatedUnion("method", [
  z.object({ method: z.literal("majority"), ...common, ...noThreshold, counts: voteCounts }),
  z.object({ method: z.literal("supermajority"), threshold: fractionString.default("2/3"), ...common, counts: voteCounts }),
  z.object({ method: z.literal("unanimity"), ...common, threshold: z.undefined({ error: "threshold goes with supermajority only" }).optional(), counts: voteCounts }),
  z.object({
    method: z.literal("consensus"),
    quorum: common.quorum,
    members: common.members,
    present: common.present,
    counts: consensusCounts,
    consensus: z
      .strictObject({ maxBlocks: count.default(0), standAsideLimit: count.nullable().default(null) })
      .default({ maxBlocks: 0, standAsideLimit: null }),
  }),
]);

function toQuorum(q: z.infer<typeof common.quorum>): Quorum {
  if (q === undefined || q === null) return { kind: "none" };
  // "majority": more than half of the members present (Robert's Rules default).
  if (q === "majority") return { kind: "fraction", fraction: { num: 1, den: 2 }, strict: true };
  // a fraction string: at least that share of the members.
  if (typeof q === "string") return { kind: "fraction", fraction: parseFraction(q), strict: false };
  return { kind: "count", count: q.count };
}

function formatZodError(err: z.ZodError): string {
  const issue = err.issues[0];
  const where = issue.path.length > 0 ? issue.path.join(".") : "file";
  if (issue.code === "invalid_union" && issue.path.length === 0) return "method must be majority, supermajority, unanimity or consensus";
  return `${where}: ${issue.message}`;
}

const KNOWN_KEYS = ["method", "threshold", "base", "quorum", "members", "present", "counts", "consensus"];

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

/** Other keys (a title, a note) are ignored, but a near-miss of a real key is a typo to report. */
function checkKeys(data: unknown) {
  if (!data || typeof data !== "object" || Array.isArray(data)) return;
  for (const key of Object.keys(data)) {
    if (KNOWN_KEYS.includes(key)) continue;
    const near = KNOWN_KEYS.find((k) => distance(key.toLowerCase(), k) <= 2);
    if (near) throw new UsageError(`unknown key "${key}" (did you mean "${near}"?)`);
  }
}

function tallyJson(text: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`bad JSON: ${(e as Error).message.split("\n")[0]}`);
  }
  checkKeys(data);
  const parsed = voteFile.safeParse(data);
  if (!parsed.success) throw new UsageError(formatZodError(parsed.error));
  const v = parsed.data;
  const counted =
    v.method === "consensus"
      ? v.counts.agree + v.counts.concern + v.counts.stand_aside + v.counts.block
      : v.counts.yes + v.counts.no + v.counts.abstain + v.counts.illegal + v.counts.blank;
  const present = v.present ?? v.members ?? counted;
  const members = v.members ?? present;
  if (present > members) throw new UsageError(`present (${present}) cannot exceed members (${members})`);
  if (counted > present) throw new UsageError(`the counts add up to ${counted}, more than the ${present} present`);
  const electorate = { members, present };
  const quorum = toQuorum(v.quorum);
  let rule: DecisionRule;
  let counts: Counts;
  if (v.method === "consensus") {
    rule = { method: "consensus", maxBlocks: v.consensus.maxBlocks, standAsideLimit: v.consensus.standAsideLimit, quorum };
    counts = {
      kind: "consensus",
      agree: v.counts.agree,
      concern: v.counts.concern,
      standAside: v.counts.stand_aside,
      block: v.counts.block,
    };
  } else {
    const base: Base = v.base;
    rule =
      v.method === "supermajority"
        ? { method: "supermajority", threshold: { fraction: parseFraction(v.threshold), strict: false }, base, quorum }
        : { method: v.method, base, quorum };
    // Robert's Rules: blank ballots are not votes; illegal ones count in the base.
    counts = { kind: "vote", yes: v.counts.yes, no: v.counts.no, abstain: v.counts.abstain + v.counts.blank, illegal: v.counts.illegal };
  }
  const d = decide(rule, electorate, counts);
  return {
    ...d.figures,
    outcome: d.outcome,
    tabled: d.tabled,
    explanation: d.explanation.en,
    explanation_es: d.explanation.es,
  };
}

// --- ranked ballots (.blt, .abif) -------------------------------------------------

function tallyRanked(text: string, kind: "blt" | "abif", method?: RankedMethod, seats?: number): Record<string, unknown> {
  const election = kind === "blt" ? parseBlt(text) : parseAbif(text);
  if (seats !== undefined) {
    const available = election.candidates.length - election.withdrawn.length;
    if (seats > available) throw new UsageError(`--seats ${seats} is more than the ${available} candidates standing`);
    election.seats = seats;
  }
  const r = countRanked(election, method);
  const out: Record<string, unknown> = { method: r.method, seats: r.seats, elected: r.elected };
  if (r.quota !== undefined) out.quota = r.quota;
  if (r.ranking !== undefined) out.ranking = r.ranking;
  out.explanation = r.explanation.en;
  out.explanation_es = r.explanation.es;
  if (election.title !== undefined) out.title = election.title;
  out.validVotes = r.totalValid;
  out.invalid = r.invalid;
  out.conserved = r.conserved;
  // Stage details, in whole votes (five decimal places for STV).
  out.stages = r.rounds.map((s) => ({
    stage: s.stage,
    action: s.action,
    subject: s.subject,
    tallies: Object.fromEntries(Object.entries(s.tallies).map(([k, v]) => [k, v / r.scale])),
    exhausted: s.exhausted / r.scale,
    loss: s.loss / r.scale,
    elected: s.elected,
    excluded: s.excluded,
    note: s.note,
  }));
  return out;
}

function main(argv: string[]): void {
  const { file, method, seats } = parseArgs(argv);
  const lower = file.toLowerCase();
  const kind = lower.endsWith(".json") ? "json" : lower.endsWith(".blt") ? "blt" : lower.endsWith(".abif") ? "abif" : null;
  if (kind === null) throw new UsageError(`"${file}" is neither a .blt, .abif nor .json file`);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code === "ENOENT" ? `no such file: ${file}` : `cannot read ${file}: ${code ?? (e as Error).message}`);
  }
  if (kind === "json" && (method !== undefined || seats !== undefined)) {
    throw new UsageError("--method and --seats apply to ballot files (.blt, .abif), not to a counted vote (.json)");
  }
  const result = kind === "json" ? tallyJson(text) : tallyRanked(text, kind, method, seats);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

try {
  main(process.argv.slice(2));
} catch (e) {
  const message = (e as Error).message ?? String(e);
  process.stderr.write(`tally: ${message.split("\n")[0]}\n`);
  process.exit(1);
}
