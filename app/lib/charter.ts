/**
 * The charter: a body's rules of decision, versioned (docs/domain.md#charter).
 * One zod schema serves the charter form, the server, amendment proposals and the seed.
 * Error messages are i18n keys, translated where they are shown.
 */
import { z } from "zod";
import { formBoolean } from "./bool";
import { POLL_METHODS } from "~/engine/poll";
import { AID_LADDER, BASES, METHODS, PROPOSAL_KINDS, PROXY_MODES, RATIFICATION_ORDERS, RUNNING_COUNTS, type PresetName } from "./charter-fields";
import { seatRuleProblems } from "./seat-rules";

// The plain lists live apart from zod so pages can show a charter without shipping zod.
export { AID_LADDER, BASES, METHODS, PRESET_NAMES, PROPOSAL_KINDS, PROXY_MODES, RATIFICATION_ORDERS, RUNNING_COUNTS, flattenCharter, type AidLadder, type BaseKind, type Method, type PresetName, type ProposalKind, type RatificationOrder } from "./charter-fields";

/** "2/3" → {num: 2, den: 3}; a fraction between 0 and 1 inclusive. */
export const fractionString = z
  .string()
  .trim()
  .regex(/^\d{1,4}\/\d{1,4}$/, "errors.fraction.format")
  .refine((s) => {
    const [n, d] = s.split("/").map(Number);
    return d > 0 && n > 0 && n <= d;
  }, "errors.fraction.range");

const count = z.coerce.number({ error: "errors.number" }).int("errors.integer").min(0, "errors.min0").max(100000, "errors.tooLarge");

export const quorumSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("fraction"),
    fraction: fractionString,
    // true: "more than" the fraction (Robert's Rules' majority quorum); false: "at least".
    strict: formBoolean,
    minCount: count,
  }),
  z.object({ kind: z.literal("count"), count: count.refine((n) => n >= 1, "errors.min1") }),
  z.object({ kind: z.literal("none") }),
]);

/** How one kind of proposal is decided, when it differs from the default method. */
export const kindRuleSchema = z.object({
  method: z.enum(["default", ...METHODS]),
  threshold: fractionString,
  base: z.enum(BASES),
});

/**
 * Councils only (docs/domain.md#delegates, #ratification): seats each member body holds, the gender rules that
 * elections follow, and how many member bodies must ratify a proposal sent to them.
 */
export const councilCharterSchema = z.object({
  seatsPerAssembly: count.refine((n) => n >= 1 && n <= 20, "federation.errors.seatsRange"),
  coDelegatesDifferentGenders: formBoolean,
  // e.g. "2/5": each gender holds at least 40% of the council's seats; "" or null: no minimum.
  minGenderShare: z.preprocess((v) => (v === "" || v === undefined ? null : v), z.union([z.null(), fractionString])),
  ratification: z.object({
    threshold: fractionString,
    strict: formBoolean,
    // When the member assemblies decide (docs/domain.md#ratification): "optional", the
    // council decides and a facilitator may send a proposal to the assemblies instead;
    // "after_council", the council votes and what it passes takes effect only once the
    // assemblies ratify it (Bookchin's councils and the Rojava contracts do both); "instead",
    // straight to the assemblies, the council does not vote. Stored charters without it
    // were made when only "optional" existed.
    order: z.enum(RATIFICATION_ORDERS).default("optional"),
  }),
  // Listed in the directory of councils that assemblies on this server see (absent: not listed).
  listed: formBoolean,
});
export type CouncilCharter = z.infer<typeof councilCharterSchema>;

export const charterSchema = z.object({
  quorum: quorumSchema,
  defaultMethod: z.enum(METHODS),
  // Majority is "more than" a half of the base; the supermajority is "at least" its fraction.
  base: z.enum(BASES),
  supermajority: fractionString,
  consensus: z.object({
    // "Consensus minus N": blocks up to this number do not stop a proposal.
    maxBlocks: count.refine((n) => n <= 20, "errors.tooLarge"),
    standAsideLimit: z.union([z.literal(null), count]),
  }),
  fallback: z.object({ threshold: fractionString, base: z.enum(BASES) }),
  byKind: z.object({
    charter_amendment: kindRuleSchema,
    mandate: kindRuleSchema,
    ratification: kindRuleSchema,
    join_council: kindRuleSchema,
  }),
  election: z.object({ method: z.enum(["stv", "approval"]) }),
  secret: z.object({
    general: formBoolean,
    charter_amendment: formBoolean,
    mandate: formBoolean,
    recall: formBoolean,
    election: formBoolean,
    ratification: formBoolean,
    join_council: formBoolean,
  }),
  // Receipts let each voter check their secret ballot was counted — and prove it to someone
  // pressing them; a body may turn them off (docs/decisions/009-secret-ballots.md). A
  // charter stored before the setting existed keeps them on.
  receipts: z
    .union([z.boolean(), z.string(), z.null()])
    .optional()
    .transform((v) => v === undefined || v === true || v === "on" || v === "true" || v === "1"),
  roundDays: count.refine((n) => n >= 1 && n <= 60, "errors.range1to60"),
  delegates: z.object({
    termMonths: count.refine((n) => n >= 1 && n <= 60, "errors.range1to60"),
    termLimit: count.refine((n) => n >= 1, "errors.min1"),
    mandate: z.enum(["imperative", "free"]),
    reportDays: count.refine((n) => n >= 1 && n <= 90, "errors.range1to90"),
  }),
  recall: z.object({
    petitionShare: fractionString,
    petitionMin: count.refine((n) => n >= 1, "errors.min1"),
    threshold: fractionString,
    strict: formBoolean,
    base: z.enum(BASES),
  }),
  notice: z.object({
    days: count.refine((n) => n <= 60, "errors.tooLarge"),
    specialMembers: count.refine((n) => n >= 1, "errors.min1"),
    specialShare: fractionString,
  }),
  // Charters written before this setting existed read as the default.
  meetings: z.object({ runningCounts: z.enum(RUNNING_COUNTS) }).default({ runningCounts: "hidden_for_consensus" }),
  // Mutual aid (docs/domain.md#mutual-aid): who sees requests, and how long a closed request
  // keeps its personal details. Charters written before the setting read as the default.
  aid: z
    .object({
      ladder: z.enum(AID_LADDER),
      retentionDays: count.refine((n) => n >= 1 && n <= 3650, "aid.errors.retentionRange"),
    })
    .default({ ladder: "assisted", retentionDays: 90 }),
  // Everyday polls (docs/domain.md#polls): how a choice poll is counted unless its author
  // chooses, and whether choice polls decide or only advise. Older charters read as advisory.
  polls: z
    .object({ method: z.enum(POLL_METHODS).default("single"), binding: formBoolean })
    .default({ method: "single", binding: false }),
  // Proxies (docs/domain.md#proxies): not allowed unless the charter says so, as Robert's
  // Rules has it (RONR 12th ed. 45:70); older charters read as not allowed.
  proxies: z
    .object({
      mode: z.enum(PROXY_MODES).default("none"),
      maxPerHolder: count.refine((n) => n >= 1 && n <= 20, "errors.range1to60").default(1),
      secretRounds: formBoolean,
    })
    .default({ mode: "none", maxPerHolder: 1, secretRounds: false }),
  council: councilCharterSchema.optional(),
});

export type Charter = z.infer<typeof charterSchema>;

/**
 * The charter as a form submits it: the schema, plus the council's seat rules that could
 * never apply (app/lib/seat-rules.ts) refused beside their field. Stored charters are read
 * with the plain schema, so a council founded before this check still opens.
 */
export const charterFormSchema = charterSchema.superRefine((c, ctx) => {
  if (!c.council) return;
  for (const p of seatRuleProblems(c.council)) ctx.addIssue({ code: "custom", path: ["council", p.field], message: p.key });
});

const base: Charter = {
  quorum: { kind: "fraction", fraction: "1/2", strict: true, minCount: 0 },
  defaultMethod: "modified_consensus",
  base: "cast",
  supermajority: "2/3",
  consensus: { maxBlocks: 0, standAsideLimit: null },
  fallback: { threshold: "3/4", base: "cast" },
  byKind: {
    charter_amendment: { method: "supermajority", threshold: "2/3", base: "cast" },
    mandate: { method: "default", threshold: "1/2", base: "cast" },
    ratification: { method: "default", threshold: "1/2", base: "cast" },
    join_council: { method: "default", threshold: "1/2", base: "cast" },
  },
  election: { method: "stv" },
  secret: {
    general: false,
    charter_amendment: false,
    mandate: false,
    recall: true,
    election: true,
    ratification: false,
    join_council: false,
  },
  receipts: true,
  roundDays: 7,
  delegates: { termMonths: 12, termLimit: 2, mandate: "imperative", reportDays: 14 },
  recall: { petitionShare: "1/10", petitionMin: 2, threshold: "1/2", strict: true, base: "cast" },
  notice: { days: 3, specialMembers: 5, specialShare: "1/10" },
  meetings: { runningCounts: "hidden_for_consensus" },
  aid: { ladder: "assisted", retentionDays: 90 },
  polls: { method: "single", binding: false },
  proxies: { mode: "none", maxPerHolder: 1, secretRounds: false },
};

export const CHARTER_PRESETS = {
  modified_consensus: base,
  two_thirds: { ...base, defaultMethod: "supermajority", supermajority: "2/3" },
  simple_majority: { ...base, defaultMethod: "majority" },
} satisfies Record<PresetName, Charter>;

export function defaultCharter(): Charter {
  return structuredClone(base);
}

/** Parses stored charter JSON; a stored charter that no longer validates is a bug, so it throws. */
export function readCharter(json: string): Charter {
  return charterSchema.parse(JSON.parse(json));
}

/**
 * Turns flat form fields ("consensus.maxBlocks") into the nested shape the schema reads.
 * Checkboxes absent from the form become false; "none" in a nullable number becomes null.
 */
export function charterFromForm(form: FormData | URLSearchParams): unknown {
  const out: Record<string, unknown> = {};
  const set = (pathStr: string, value: unknown) => {
    const parts = pathStr.split(".");
    let node = out as Record<string, unknown>;
    for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]] = value;
  };
  for (const [k, v] of form.entries()) {
    if (!k.startsWith("charter.")) continue;
    set(k.slice("charter.".length), typeof v === "string" ? v : "");
  }
  // Unchecked checkboxes send nothing: make them explicit.
  for (const key of CHECKBOXES) if (!form.has(`charter.${key}`)) set(key, "");
  if ([...form.keys()].some((k) => k.startsWith("charter.council."))) for (const key of COUNCIL_CHECKBOXES) if (!form.has(`charter.${key}`)) set(key, "");
  const c = out as { consensus?: { standAsideLimit?: unknown }; quorum?: Record<string, unknown> };
  if (c.consensus && (c.consensus.standAsideLimit === "" || c.consensus.standAsideLimit === undefined)) c.consensus.standAsideLimit = null;
  return out;
}

export const CHECKBOXES = [
  "quorum.strict",
  "recall.strict",
  ...PROPOSAL_KINDS.filter((k) => k !== "general").map((k) => `secret.${k}`),
  "secret.general",
  "receipts",
  "polls.binding",
  "proxies.secretRounds",
];

export const COUNCIL_CHECKBOXES = ["council.coDelegatesDifferentGenders", "council.ratification.strict", "council.listed"];

