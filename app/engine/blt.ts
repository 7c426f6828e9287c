// Ballot files: BLT (the format of OpenSTV, eSTV, Droop and the Scottish
// council data) and ABIF (electorama's Aggregated Ballot Information Format).
//
// BLT: line 1 "candidates seats"; optionally a line of negative numbers naming
// withdrawn candidates (-2 = candidate 2); one line per ballot group
// "weight pref1 pref2 ... 0" (an equal rank written "2=3"); a line "0"; the
// candidate names in quotes, in number order; the title in quotes. Text after
// "#" on a line is a comment.

import { RankedError, type Election, type RankedBallot } from "./ranked-types";

export class BltError extends RankedError {
  constructor(
    message: string,
    public readonly line: number,
  ) {
    super(line > 0 ? `line ${line}: ${message}` : message);
    this.name = "BltError";
  }
}

function stripComment(line: string): string {
  // A "#" outside quotes starts a comment.
  let inQuote = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') inQuote = !inQuote;
    else if (line[i] === "#" && !inQuote) return line.slice(0, i);
  }
  return line;
}

const INT = /^-?\d+$/;

export function parseBlt(text: string): Election {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  let i = 0;
  const next = (): { no: number; text: string } | null => {
    while (i < lines.length) {
      const t = stripComment(lines[i]).trim();
      i++;
      if (t !== "") return { no: i, text: t };
    }
    return null;
  };

  const header = next();
  if (!header) throw new BltError("the file is empty", 0);
  const h = header.text.split(/\s+/);
  if (h.length !== 2 || !INT.test(h[0]) || !INT.test(h[1])) {
    throw new BltError(`expected "candidates seats", e.g. "5 3", got "${header.text}"`, header.no);
  }
  const nCand = Number(h[0]);
  const seats = Number(h[1]);
  if (nCand < 1) throw new BltError("the number of candidates must be at least 1", header.no);
  if (seats < 1) throw new BltError("the number of seats must be at least 1", header.no);
  if (seats > nCand) throw new BltError(`${seats} seats but only ${nCand} candidates`, header.no);

  const parseCandidate = (tok: string, no: number): number => {
    if (!INT.test(tok)) throw new BltError(`"${tok}" is not a candidate number`, no);
    const c = Number(tok);
    if (c < 1 || c > nCand) throw new BltError(`candidate ${c} does not exist (there are ${nCand})`, no);
    return c - 1;
  };

  const withdrawn: number[] = [];
  const ballots: RankedBallot[] = [];
  let line = next();
  if (line && line.text.startsWith("-")) {
    for (const tok of line.text.split(/\s+/)) {
      if (!/^-\d+$/.test(tok)) throw new BltError(`withdrawn candidates must be negative numbers, got "${tok}"`, line.no);
      const c = parseCandidate(tok.slice(1), line.no);
      if (!withdrawn.includes(c)) withdrawn.push(c);
    }
    line = next();
  }
  for (;;) {
    if (!line) throw new BltError('the ballots must end with a line "0"', lines.length);
    if (line.text === "0") break;
    if (line.text.startsWith('"')) throw new BltError('the ballots must end with a line "0" before the names', line.no);
    const toks = line.text.split(/\s+/);
    // Some writers put a ballot id first, as "(id)"; it carries no vote.
    if (/^\(.*\)$/.test(toks[0])) toks.shift();
    const w = toks[0];
    if (!/^\d+(\.\d+)?$/.test(w ?? "")) throw new BltError(`"${w}" is not a ballot weight`, line.no);
    if (toks[toks.length - 1] !== "0") throw new BltError('a ballot line must end with "0"', line.no);
    const ranking: number[][] = [];
    for (const tok of toks.slice(1, -1)) {
      if (tok === "-") continue; // a skipped rank
      ranking.push(tok.split("=").map((t) => parseCandidate(t, line!.no)));
    }
    ballots.push({ weight: Number(w), ranking });
    line = next();
  }

  // Names and title: quoted strings, possibly several on a line.
  const strings: Array<{ no: number; text: string }> = [];
  for (let l = next(); l; l = next()) {
    const re = /"([^"]*)"|(\S+)/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(l.text))) {
      if (m[1] === undefined) throw new BltError(`expected a quoted name, got ${m[2]}`, l.no);
      strings.push({ no: l.no, text: m[1] });
    }
  }
  if (strings.length < nCand) {
    throw new BltError(`expected ${nCand} candidate names in quotes, found ${strings.length}`, lines.length);
  }
  if (strings.length > nCand + 1) {
    throw new BltError(`unexpected text after the title: "${strings[nCand + 1].text}"`, strings[nCand + 1].no);
  }
  const candidates = strings.slice(0, nCand).map((s) => s.text);
  const election: Election = { candidates, seats, withdrawn, ballots };
  if (strings.length === nCand + 1) election.title = strings[nCand].text;
  return election;
}

export function writeBlt(e: Election): string {
  const out: string[] = [`${e.candidates.length} ${e.seats}`];
  if (e.withdrawn.length > 0) out.push(e.withdrawn.map((c) => `-${c + 1}`).join(" "));
  for (const b of e.ballots) {
    const prefs = b.ranking.filter((r) => r.length > 0).map((r) => r.map((c) => c + 1).join("="));
    out.push([String(b.weight), ...prefs, "0"].join(" "));
  }
  out.push("0");
  const quote = (s: string) => {
    if (s.includes('"') || /[\r\n]/.test(s)) throw new RankedError(`a BLT name cannot contain quotes or line breaks: ${s}`);
    return `"${s}"`;
  };
  for (const c of e.candidates) out.push(quote(c));
  if (e.title !== undefined) out.push(quote(e.title));
  return out.join("\n") + "\n";
}

/**
 * ABIF (https://electowiki.org/wiki/ABIF): `{key: "value"}` metadata lines,
 * `#` comments, `=Token:[Full Name]` candidate declarations, and ballot lines
 * `count:A>B=C` (`>` a lower rank, `=` an equal rank; `/N` ratings are ignored).
 * Declared candidates are named by their full name. Seats come from a
 * `{seats: N}` line, default 1; the title from `{title: "..."}`.
 */
export function parseAbif(text: string): Election {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  const tokens: string[] = [];
  const display = new Map<string, string>();
  const index = new Map<string, number>();
  const ballots: RankedBallot[] = [];
  let title: string | undefined;
  let seats = 1;
  const candidateIndex = (tok: string): number => {
    let k = index.get(tok);
    if (k === undefined) {
      k = tokens.length;
      tokens.push(tok);
      index.set(tok, k);
    }
    return k;
  };
  const cleanToken = (raw: string, no: number): string => {
    let t = raw.trim().replace(/\/\d+$/, "").trim();
    if (t.startsWith("[") && t.endsWith("]")) t = t.slice(1, -1).trim();
    if (t === "") throw new BltError("an empty candidate name in a ballot", no);
    return t;
  };
  lines.forEach((raw, idx) => {
    const no = idx + 1;
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    if (line.startsWith("{")) {
      const m = /^\{\s*([\w-]+)\s*:\s*(.*?)\s*\}$/.exec(line);
      if (!m) throw new BltError(`malformed metadata line: ${line.slice(0, 40)}`, no);
      const value = m[2].replace(/^"(.*)"$/, "$1");
      if (m[1] === "title") title = value;
      if (m[1] === "seats" || m[1] === "seat_count") {
        seats = Number(value);
        if (!Number.isInteger(seats) || seats < 1) throw new BltError(`seats must be a whole number ≥ 1, got ${m[2]}`, no);
      }
      return;
    }
    if (line.startsWith("=")) {
      const m = /^=([^:]+):\s*\[(.*)\]\s*$/.exec(line);
      if (!m) throw new BltError(`malformed candidate line: ${line.slice(0, 40)}`, no);
      const tok = m[1].trim();
      candidateIndex(tok);
      display.set(tok, m[2].trim());
      return;
    }
    const m = /^(\d+)\s*:(.*)$/.exec(line.replace(/\s+#.*$/, ""));
    if (!m) throw new BltError(`expected "count:A>B=C", got "${line.slice(0, 40)}"`, no);
    const body = m[2].trim();
    const ranking: number[][] =
      body === "" ? [] : body.split(">").map((rank) => rank.split("=").map((t) => candidateIndex(cleanToken(t, no))));
    ballots.push({ weight: Number(m[1]), ranking });
  });
  if (tokens.length === 0) throw new BltError("no candidates found", 0);
  const candidates = tokens.map((t) => display.get(t) ?? t);
  const e: Election = { candidates, seats, withdrawn: [], ballots };
  if (title !== undefined) e.title = title;
  return e;
}
