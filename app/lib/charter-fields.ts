/**
 * The charter's plain lists and the form flattener, without zod, so pages that only show
 * a charter do not ship the validation library to phones (bench: zod was 90 KB of the
 * ballot page's gzipped JavaScript). The schema itself stays in ./charter.ts.
 */
export const METHODS = ["consensus", "modified_consensus", "supermajority", "majority", "unanimity", "consent"] as const;
export const BASES = ["cast", "present", "members"] as const;
export const PROPOSAL_KINDS = [
  "general",
  "charter_amendment",
  "mandate",
  "recall",
  "election",
  "ratification",
  "join_council",
] as const;
/** The charters a new assembly or council starts from (./charter.ts holds what each sets). */
export const PRESET_NAMES = ["modified_consensus", "two_thirds", "simple_majority"] as const;
export type PresetName = (typeof PRESET_NAMES)[number];
/**
 * Whether the projector and the phones show a vote's running count before it closes. A count
 * seen mid-vote can sway a consensus round, so by default consensus and consent rounds show
 * theirs only once closed; the facilitator's console always shows it.
 */
export const RUNNING_COUNTS = ["hidden_for_consensus", "shown", "hidden"] as const;
/**
 * How the body's mutual aid is exchanged, from most open to most private (the ladder of
 * rubyforgood/mutual-aid: peer-to-peer, coordinator-assisted, fully coordinated;
 * docs/domain.md#mutual-aid).
 */
export const AID_LADDER = ["peer", "assisted", "coordinated"] as const;
export type AidLadder = (typeof AID_LADDER)[number];
/**
 * Proxies (docs/domain.md#proxies): not allowed; allowed in meetings only; or in meetings and
 * online rounds.
 */
export const PROXY_MODES = ["none", "meetings", "meetings_and_online"] as const;
export type ProxyMode = (typeof PROXY_MODES)[number];
export type Method = (typeof METHODS)[number];
export type BaseKind = (typeof BASES)[number];
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

/** Flattens a charter into form field values, for defaultValue. */
export function flattenCharter(c: unknown, prefix = "charter"): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (v: unknown, p: string) => {
    if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, `${p}.${k}`);
    else out[p] = v === null || v === undefined ? "" : String(v);
  };
  walk(c, prefix);
  return out;
}

/** The orders of council vote and ratification a council's charter may choose (docs/domain.md#ratification). */
export const RATIFICATION_ORDERS = ["optional", "after_council", "instead"] as const;
export type RatificationOrder = (typeof RATIFICATION_ORDERS)[number];
