// Deciding one round of a proposal under the charter's rule.
//
// Sources:
// - Robert's Rules of Order Newly Revised (12th ed.) 1:6-1:7, 44:1-44:4: a majority
//   is "more than half of the votes cast", abstentions are not votes cast, blank
//   ballots are ignored but illegal ballots are counted in the total (44:11, 45:31);
//   a two-thirds vote is "at least two thirds of the votes cast"; a tie fails.
// - Charter settings (docs/domain.md#charter): threshold, base (votes cast / present / all
//   members), ties fail, consensus blocks ("consensus minus N"), stand-aside limit,
//   modified consensus fallback (Occupy Minneapolis rule: a blocked round tables the
//   proposal; the next round may decide by a supermajority, default at least 3/4 of
//   votes cast), consent (sociocracy: any reasoned, paramount objection stops it).

import { plural } from "./plural";
import {
  AT_LEAST_TWO_THIRDS,
  MORE_THAN_HALF,
  type Threshold,
  describeThreshold,
  formatPercent,
  meetsThreshold,
  requiredVotes,
} from "./fraction";
import { checkQuorum, type Electorate } from "./quorum";
import { tablesOnBlock } from "./lifecycle";
import type {
  Base,
  ConsensusRule,
  ConsentRule,
  Counts,
  Decision,
  DecisionRule,
  Explanation,
  ModifiedConsensusRule,
  Outcome,
  RoundKind,
  VoteRule,
} from "./types";

export class EngineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EngineError";
  }
}

const OUTCOME_WORD: Record<Outcome, Explanation> = {
  passed: { en: "Passed", es: "Aprobada" },
  failed: { en: "Failed", es: "Rechazada" },
  blocked: { en: "Blocked", es: "Bloqueada" },
  no_quorum: { en: "No quorum", es: "Sin quórum" },
};

function checkCount(name: string, n: number | undefined): number {
  const v = n ?? 0;
  if (!Number.isSafeInteger(v) || v < 0) throw new EngineError(`${name} must be a whole number ≥ 0 (got ${n})`);
  return v;
}

function checkElectorate(e: Electorate): void {
  checkCount("members", e.members);
  checkCount("present", e.present);
}

function join(...parts: Explanation[]): Explanation {
  return { en: parts.map((p) => p.en).join(" "), es: parts.map((p) => p.es).join(" ") };
}

function baseSize(base: Base, electorate: Electorate, cast: number): number {
  if (base === "cast") return cast;
  if (base === "present") return electorate.present;
  return electorate.members;
}

function basePhrase(base: Base, n: number): Explanation {
  if (base === "cast") return { en: plural("en", n, { one: "# vote cast", other: "# votes cast" }), es: plural("es", n, { one: "# voto emitido", other: "# votos emitidos" }) };
  if (base === "present") return { en: plural("en", n, { one: "# member present", other: "# members present" }), es: plural("es", n, { one: "# miembro presente", other: "# miembros presentes" }) };
  return { en: `all ${n} members`, es: `los ${n} miembros` };
}

function baseOfPhrase(base: Base): Explanation {
  if (base === "cast") return { en: "votes cast", es: "los votos emitidos" };
  if (base === "present") return { en: "members present", es: "los miembros presentes" };
  return { en: "all members", es: "todos los miembros" };
}

function abstentionNote(base: Base, illegal: number): Explanation {
  if (base === "cast") {
    if (illegal > 0) {
      return {
        en: `(abstentions and blank ballots excluded; ${plural("en", illegal, { one: "# illegal ballot", other: "# illegal ballots" })} counted in the total)`,
        es: `(abstenciones y papeletas en blanco excluidas; ${plural("es", illegal, { one: "# papeleta nula contada", other: "# papeletas nulas contadas" })} en el total)`,
      };
    }
    return { en: "(abstentions excluded)", es: "(abstenciones excluidas)" };
  }
  return { en: "(abstentions count as not yes)", es: "(las abstenciones no cuentan como a favor)" };
}

type VoteFigures = { yes: number; no: number; abstain: number; illegal: number };

function readVoteCounts(counts: Counts, what: string): VoteFigures {
  if (counts.kind !== "vote") throw new EngineError(`${what} needs vote counts (yes/no/abstain), got ${counts.kind}`);
  return {
    yes: checkCount("yes", counts.yes),
    no: checkCount("no", counts.no),
    abstain: checkCount("abstain", counts.abstain),
    illegal: checkCount("illegal", counts.illegal),
  };
}

function quorumFigures(q: ReturnType<typeof checkQuorum>, electorate: Electorate) {
  return {
    quorumRequired: q.required,
    quorumMet: q.met,
    present: electorate.present,
    members: electorate.members,
  };
}

function noQuorum(q: ReturnType<typeof checkQuorum>, electorate: Electorate, extra: Decision["figures"]): Decision {
  return {
    outcome: "no_quorum",
    tabled: false,
    figures: { ...extra, ...quorumFigures(q, electorate) },
    explanation: join(
      { en: "Not decided:", es: "No decidida:" },
      q.explanation,
    ),
  };
}

/** A vote round: majority, supermajority or unanimity of a base. */
function decideVote(
  rule: { method: VoteRule["method"]; threshold?: Threshold; base: Base; quorum: VoteRule["quorum"]; tieFails?: true },
  electorate: Electorate,
  v: VoteFigures,
): Decision {
  const q = checkQuorum(rule.quorum, electorate);
  // Robert's Rules 44:11: illegal ballots are counted in the number of votes cast; blanks are not.
  const cast = v.yes + v.no + v.illegal;
  const base = baseSize(rule.base, electorate, cast);
  const figuresBase = {
    method: rule.method,
    yes: v.yes,
    no: v.no,
    abstain: v.abstain,
    illegal: v.illegal,
    cast,
    base,
    baseKind: rule.base,
  };
  if (!q.met) return noQuorum(q, electorate, figuresBase);

  if (rule.method === "unanimity") {
    // Unanimity: every vote in the base is yes. With base "cast" abstentions do not
    // break it (they are not votes), but at least one yes is needed; with base
    // present/members everyone in the base must vote yes.
    const required = Math.max(1, base);
    const passed = v.yes >= 1 && v.yes >= base;
    const outcome: Outcome = passed ? "passed" : "failed";
    const bp = basePhrase(rule.base, base);
    const head: Explanation = passed
      ? {
          en: `Passed unanimously: ${v.yes} yes of ${bp.en} ${abstentionNote(rule.base, v.illegal).en}.`,
          es: `Aprobada por unanimidad: ${v.yes} a favor de ${bp.es} ${abstentionNote(rule.base, v.illegal).es}.`,
        }
      : {
          en: `Failed: unanimity needs all ${required} of ${bp.en} to vote yes; ${v.yes} did ${abstentionNote(rule.base, v.illegal).en}.`,
          es: `Rechazada: la unanimidad requiere que los ${required} de ${bp.es} voten a favor; lo hicieron ${v.yes} ${abstentionNote(rule.base, v.illegal).es}.`,
        };
    return {
      outcome,
      tabled: false,
      figures: { ...figuresBase, required, threshold: "all", ...quorumFigures(q, electorate) },
      explanation: join(head, q.explanation),
    };
  }

  const threshold = rule.threshold ?? (rule.method === "majority" ? MORE_THAN_HALF : AT_LEAST_TWO_THIRDS);
  // A vote that nobody supports never passes, whatever the fraction (0 of 0 is not "at least 2/3").
  const required = Math.max(1, requiredVotes(threshold, base));
  // A tie fails (RONR §44; docs/domain.md#majority-and-supermajority) — always for a majority vote, otherwise when the charter says so.
  const tie = v.yes === v.no && (rule.method === "majority" || rule.tieFails === true);
  const passed = v.yes >= 1 && meetsThreshold(threshold, v.yes, base) && !tie;
  const outcome: Outcome = passed ? "passed" : "failed";
  const bp = basePhrase(rule.base, base);
  const note = abstentionNote(rule.base, v.illegal);
  const pctEn = formatPercent(v.yes, base, "en");
  const pctEs = formatPercent(v.yes, base, "es");
  const sym = threshold.strict ? ">" : "≥";
  const fr = `${threshold.fraction.num}/${threshold.fraction.den}`;
  let head: Explanation;
  if (passed) {
    head = {
      en: `Passed: ${v.yes} yes of ${bp.en} = ${pctEn} ${sym} ${fr} ${note.en}.`,
      es: `Aprobada: ${v.yes} a favor de ${bp.es} = ${pctEs} ${sym} ${fr} ${note.es}.`,
    };
  } else if (tie && v.yes >= 1 && meetsThreshold(threshold, v.yes, base)) {
    head = {
      en: `Failed: a tie (${v.yes} yes, ${v.no} no) fails ${note.en}.`,
      es: `Rechazada: un empate (${v.yes} a favor, ${v.no} en contra) no aprueba ${note.es}.`,
    };
  } else {
    head = {
      en: `Failed: ${v.yes} yes of ${bp.en} = ${pctEn}; ${describeThreshold(threshold, "en")} needs ${required} ${note.en}.`,
      es: `Rechazada: ${v.yes} a favor de ${bp.es} = ${pctEs}; ${describeThreshold(threshold, "es")} requiere ${required} ${note.es}.`,
    };
  }
  return {
    outcome,
    tabled: false,
    figures: {
      ...figuresBase,
      required,
      threshold: fr,
      thresholdStrict: threshold.strict,
      tie: v.yes === v.no,
      ...quorumFigures(q, electorate),
    },
    explanation: join(head, q.explanation),
  };
}

type ConsensusFigures = { agree: number; concern: number; standAside: number; block: number };

function readConsensusCounts(counts: Counts): ConsensusFigures {
  if (counts.kind !== "consensus") {
    throw new EngineError(`consensus needs consensus counts (agree/concern/stand aside/block), got ${counts.kind}`);
  }
  return {
    agree: checkCount("agree", counts.agree),
    concern: checkCount("concern", counts.concern),
    standAside: checkCount("standAside", counts.standAside),
    block: checkCount("block", counts.block),
  };
}

/** Consensus round (also the normal round of modified consensus). */
function decideConsensus(
  rule: ConsensusRule | ModifiedConsensusRule,
  electorate: Electorate,
  c: ConsensusFigures,
): Decision {
  const maxBlocks = checkCount("maxBlocks", rule.maxBlocks);
  const q = checkQuorum(rule.quorum, electorate);
  const figures = {
    method: rule.method,
    agree: c.agree,
    concern: c.concern,
    standAside: c.standAside,
    block: c.block,
    maxBlocks,
    standAsideLimit: rule.standAsideLimit,
  };
  // Quorum first: without quorum nothing is decided, not even a block.
  if (!q.met) return noQuorum(q, electorate, figures);

  const tally: Explanation = {
    en: `${c.agree} agree, ${c.concern} with concerns (recorded), ${c.standAside} stood aside, ${plural("en", c.block, { one: "# block", other: "# blocks" })}.`,
    es: `${c.agree} de acuerdo, ${c.concern} con reservas (registradas), ${plural("es", c.standAside, { one: "# se hizo", other: "# se hicieron" })} a un lado, ${plural("es", c.block, { one: "# bloqueo", other: "# bloqueos" })}.`,
  };

  // Blocks: a block needs a stated reason; more than maxBlocks blocks stop the
  // proposal ("consensus minus N" lets N blocks pass). docs/domain.md#consensus.
  if (c.block > maxBlocks) {
    const allows =
      maxBlocks > 0
        ? { en: ` Consensus minus ${maxBlocks} allows ${maxBlocks}.`, es: ` El consenso menos ${maxBlocks} admite ${maxBlocks}.` }
        : { en: "", es: "" };
    const head: Explanation = {
      en: `Blocked by ${plural("en", c.block, { one: "# member (reason recorded)", other: "# members (reasons recorded)" })}.${allows.en}`,
      es: `Bloqueada por ${plural("es", c.block, { one: "# miembro (motivo registrado)", other: "# miembros (motivos registrados)" })}.${allows.es}`,
    };
    if (tablesOnBlock(rule)) {
      // Modified consensus: the blocked proposal is tabled and the next round
      // decides by the charter's fallback supermajority (lifecycle.ts).
      const fb = rule.fallback;
      const tabled: Explanation = {
        en: `Tabled: the next round decides by ${describeThreshold(fb.threshold, "en")} of ${baseOfPhrase(fb.base).en}.`,
        es: `Aplazada: la siguiente ronda decide por ${describeThreshold(fb.threshold, "es")} de ${baseOfPhrase(fb.base).es}.`,
      };
      return {
        outcome: "blocked",
        tabled: true,
        nextRound: { method: "fallback", threshold: fb.threshold, base: fb.base },
        figures: { ...figures, ...quorumFigures(q, electorate) },
        explanation: join(head, tabled, tally, q.explanation),
      };
    }
    return {
      outcome: "blocked",
      tabled: false,
      figures: { ...figures, ...quorumFigures(q, electorate) },
      explanation: join(head, tally, q.explanation),
    };
  }

  // Stand-asides are recorded; above the charter's limit the proposal does not pass.
  if (rule.standAsideLimit !== null && c.standAside > rule.standAsideLimit) {
    const head: Explanation = {
      en: `Failed: ${plural("en", c.standAside, { one: "# member", other: "# members" })} stood aside; the charter allows at most ${rule.standAsideLimit}.`,
      es: `Rechazada: ${plural("es", c.standAside, { one: "# miembro se hizo", other: "# miembros se hicieron" })} a un lado; el estatuto admite como máximo ${rule.standAsideLimit}.`,
    };
    return {
      outcome: "failed",
      tabled: false,
      figures: { ...figures, ...quorumFigures(q, electorate) },
      explanation: join(head, tally, q.explanation),
    };
  }

  // Concerns never stop a proposal, but someone must support it.
  if (c.agree + c.concern === 0) {
    return {
      outcome: "failed",
      tabled: false,
      figures: { ...figures, ...quorumFigures(q, electorate) },
      explanation: join(
        { en: "Failed: no one agreed.", es: "Rechazada: nadie estuvo de acuerdo." },
        tally,
        q.explanation,
      ),
    };
  }

  const blocksNote: Explanation =
    c.block > 0
      ? {
          en: ` (consensus minus ${maxBlocks} lets ${plural("en", c.block, { one: "# block", other: "# blocks" })} pass)`,
          es: ` (el consenso menos ${maxBlocks} deja pasar ${plural("es", c.block, { one: "# bloqueo", other: "# bloqueos" })})`,
        }
      : { en: "", es: "" };
  return {
    outcome: "passed",
    tabled: false,
    figures: { ...figures, ...quorumFigures(q, electorate) },
    explanation: join(
      { en: `Passed by consensus${blocksNote.en}:`, es: `Aprobada por consenso${blocksNote.es}:` },
      tally,
      q.explanation,
    ),
  };
}

/** Consent (sociocracy): passes unless someone raises a reasoned, paramount objection. */
function decideConsent(rule: ConsentRule, electorate: Electorate, counts: Counts): Decision {
  if (counts.kind !== "consent") throw new EngineError(`consent needs consent counts (consent/objection), got ${counts.kind}`);
  const consent = checkCount("consent", counts.consent);
  const objection = checkCount("objection", counts.objection);
  const q = checkQuorum(rule.quorum, electorate);
  const figures = { method: "consent", consent, objection };
  if (!q.met) return noQuorum(q, electorate, figures);
  if (objection > 0) {
    return {
      outcome: "blocked",
      tabled: false,
      figures: { ...figures, state: "objection", ...quorumFigures(q, electorate) },
      explanation: join(
        {
          en: `Blocked: ${plural("en", objection, { one: "# reasoned objection", other: "# reasoned objections" })} (recorded) to resolve before consent.`,
          es: `Bloqueada: ${plural("es", objection, { one: "# objeción razonada (registrada)", other: "# objeciones razonadas (registradas)" })} por resolver antes del consentimiento.`,
        },
        q.explanation,
      ),
    };
  }
  return {
    outcome: "passed",
    tabled: false,
    figures: { ...figures, state: "consent", ...quorumFigures(q, electorate) },
    explanation: join(
      {
        en: `Passed by consent: ${consent} consent, no objections.`,
        es: `Aprobada por consentimiento: ${plural("es", consent, { one: "# da su consentimiento", other: "# dan su consentimiento" })}, sin objeciones.`,
      },
      q.explanation,
    ),
  };
}

/**
 * Decide one round. Under modified consensus, a "fallback" round (after a blocked,
 * tabled round) is decided by rule.fallback as a supermajority vote. Vote counts
 * are expected; consensus counts are accepted too and read as agree+concern = yes,
 * block = no, stand aside = abstain.
 */
export function decide(
  rule: DecisionRule,
  electorate: Electorate,
  counts: Counts,
  opts?: { roundKind?: RoundKind },
): Decision {
  checkElectorate(electorate);
  const roundKind = opts?.roundKind ?? "normal";
  switch (rule.method) {
    case "majority":
    case "supermajority":
    case "unanimity":
      return decideVote(rule, electorate, readVoteCounts(counts, rule.method));
    case "consensus":
      return decideConsensus(rule, electorate, readConsensusCounts(counts));
    case "modified_consensus": {
      if (roundKind === "normal") return decideConsensus(rule, electorate, readConsensusCounts(counts));
      const v: VoteFigures =
        counts.kind === "consensus"
          ? {
              yes: checkCount("agree", counts.agree) + checkCount("concern", counts.concern),
              no: checkCount("block", counts.block),
              abstain: checkCount("standAside", counts.standAside),
              illegal: 0,
            }
          : readVoteCounts(counts, "a fallback round");
      const d = decideVote(
        { method: "supermajority", threshold: rule.fallback.threshold, base: rule.fallback.base, quorum: rule.quorum },
        electorate,
        v,
      );
      return {
        ...d,
        figures: { ...d.figures, method: "modified_consensus", roundKind: "fallback" },
        explanation: join({ en: "Fallback round.", es: "Ronda de respaldo." }, d.explanation),
      };
    }
    case "consent":
      return decideConsent(rule, electorate, counts);
    default: {
      const never: never = rule;
      throw new EngineError(`unknown method ${(never as { method: string }).method}`);
    }
  }
}

export const OUTCOME_LABEL = OUTCOME_WORD;
