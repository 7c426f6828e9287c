/**
 * Titles the system writes for a proposal ("Join {council}", "Mandate on {council} proposal
 * #{number}: {stance}", …) are stored as what they are — a kind and its parameters — and
 * written in the reader's language when shown, so a Spanish-speaking member reads
 * "Unirnos a …" for a proposal an English-speaking member's action created
 * (docs/decisions/017-words-and-results.md). Names in the parameters (a council, a delegate,
 * a council proposal's own title) are data and stay as written.
 */
import { translate, type Locale } from "./index";

export const MANDATE_STANCE_WORDS = ["support", "oppose", "abstain", "free"] as const;

export type SystemTitle =
  | { kind: "join" | "leave" | "election"; council: string }
  | { kind: "mandate"; council: string; number: number; stance: (typeof MANDATE_STANCE_WORDS)[number] }
  | { kind: "ratification"; council: string; number: number; title: string }
  | { kind: "recall"; delegate: string; council: string };

const KEY: Record<SystemTitle["kind"], string> = {
  join: "federation.join.proposalTitle",
  leave: "federation.leave.proposalTitle",
  election: "federation.election.proposalTitle",
  mandate: "federation.mandate.proposalTitle",
  ratification: "federation.ratification.proposalTitle",
  recall: "federation.recall.proposalTitle",
};

/** The title in one language. */
export function systemTitleText(locale: Locale, st: SystemTitle): string {
  if (st.kind === "mandate") return translate(locale, KEY.mandate, { council: st.council, number: st.number, stance: translate(locale, `federation.stance.${st.stance}`) });
  return translate(locale, KEY[st.kind], st as unknown as Record<string, string | number>);
}

const str = (v: unknown): v is string => typeof v === "string";
const int = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);

/** The stored JSON back to a title, or null for anything that is not one (a person's title). */
export function parseSystemTitle(json: string | null | undefined): SystemTitle | null {
  if (!json) return null;
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (!v || typeof v !== "object") return null;
  switch (v.kind) {
    case "join":
    case "leave":
    case "election":
      return str(v.council) ? { kind: v.kind, council: v.council } : null;
    case "mandate":
      return str(v.council) && int(v.number) && (MANDATE_STANCE_WORDS as readonly unknown[]).includes(v.stance) ? { kind: "mandate", council: v.council, number: v.number, stance: v.stance as (typeof MANDATE_STANCE_WORDS)[number] } : null;
    case "ratification":
      return str(v.council) && int(v.number) && str(v.title) ? { kind: "ratification", council: v.council, number: v.number, title: v.title } : null;
    case "recall":
      return str(v.delegate) && str(v.council) ? { kind: "recall", delegate: v.delegate, council: v.council } : null;
    default:
      return null;
  }
}

/** A proposal's title for this reader: the system's words in their language, or the title as a person wrote it. */
export function titleFor(locale: Locale, p: { title: string; systemTitle?: string | null }): string {
  const st = parseSystemTitle(p.systemTitle);
  return st ? systemTitleText(locale, st) : p.title;
}

// ---- Titles written before they were stored as what they are ----

/** Which system titles a proposal of each kind can carry. */
const KINDS_OF: Record<string, Array<SystemTitle["kind"]>> = {
  join_council: ["join", "leave"],
  election: ["election"],
  mandate: ["mandate"],
  ratification: ["ratification"],
  recall: ["recall"],
};
export const SYSTEM_TITLED_KINDS = Object.keys(KINDS_OF);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Reads a stored title back into what it is, when it is exactly what the system wrote in
 * English or Spanish for a proposal of this kind ("Unirnos a Consejo Norte" → join, council
 * "Consejo Norte"); null for anything else, which keeps its words as they are.
 */
export function recogniseSystemTitle(proposalKind: string, title: string): SystemTitle | null {
  for (const kind of KINDS_OF[proposalKind] ?? []) {
    for (const locale of ["en", "es"] as const) {
      const names: string[] = [];
      const template = translate(locale, KEY[kind]);
      const pattern = escape(template).replace(/\\\{(\w+)\\\}/g, (_, name: string) => {
        names.push(name);
        if (name === "number") return "(\\d+)";
        if (name === "stance") return `(${MANDATE_STANCE_WORDS.map((s) => escape(translate(locale, `federation.stance.${s}`))).join("|")})`;
        return "(.+?)";
      });
      const m = new RegExp(`^${pattern}$`, "s").exec(title);
      if (!m) continue;
      const v: Record<string, string | number> = { kind };
      names.forEach((name, i) => {
        const got = m[i + 1];
        v[name] = name === "number" ? Number(got) : name === "stance" ? MANDATE_STANCE_WORDS.find((s) => translate(locale, `federation.stance.${s}`) === got)! : got;
      });
      const st = parseSystemTitle(JSON.stringify(v));
      if (st && systemTitleText(locale, st) === title) return st;
    }
  }
  return null;
}
