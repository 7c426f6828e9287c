/**
 * Forms of the federation area (docs/domain.md#federation), for actions (server only: the
 * pages' lists are in ./federation-fields, so pages do not ship zod to phones).
 * Messages are i18n keys.
 */
import { z } from "zod";
import { formBoolean } from "./bool";
import { fractionString, RATIFICATION_ORDERS } from "./charter";
import { PRESET_NAMES } from "./charter-fields";
import { slugSchema } from "./assembly-validation.server";
import { STANCES } from "./federation-fields";
import { seatRuleProblems } from "./seat-rules";

const text = (max: number, min = 1) => z.string({ error: "errors.required" }).trim().min(min, "errors.required").max(max, "errors.tooLong");
const id = z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(64, "errors.tooLong");

export const foundCouncilSchema = z.object({
  name: z.string({ error: "errors.required" }).trim().min(2, "errors.name.short").max(100, "errors.tooLong"),
  slug: slugSchema,
  description: z.string().trim().max(2000, "errors.tooLong").default(""),
  preset: z.enum(PRESET_NAMES, { error: "errors.choice" }),
  seatsPerAssembly: z.coerce.number({ error: "errors.number" }).int("errors.integer").min(1, "federation.errors.seatsRange").max(20, "federation.errors.seatsRange"),
  coDelegatesDifferentGenders: formBoolean,
  minGenderShare: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), z.union([z.null(), fractionString]).optional().default(null)),
  ratificationThreshold: fractionString,
  ratificationStrict: formBoolean,
  ratificationOrder: z.enum(RATIFICATION_ORDERS, { error: "errors.choice" }).optional().default("optional"),
  listed: formBoolean,
}).superRefine((c, ctx) => {
  // A seat rule that could never apply is refused here rather than accepted silently.
  for (const p of seatRuleProblems(c)) ctx.addIssue({ code: "custom", path: [p.field], message: p.key });
});

export const joinSchema = z.object({ council: text(300) });
/** From a council's invitation: which of the person's assemblies proposes joining (its short name). */
export const joinFromSchema = z.object({ body: z.string({ error: "errors.choice" }).trim().min(1, "errors.choice").max(64, "errors.tooLong") });
export const councilIdSchema = z.object({ councilId: id });
export const electionSchema = z.object({ councilId: id, mandateText: z.string().trim().max(5000, "errors.tooLong").optional().default("") });

export const mandateSchema = z.object({
  councilProposalId: id,
  stance: z.enum(STANCES, { error: "errors.choice" }),
  instructions: z.string().trim().max(2000, "errors.tooLong").optional().default(""),
});

export const requestAnswerSchema = z.object({ requestId: id });
export const ratifySchema = z.object({ proposalId: id });

export const councilBallotSchema = z.object({
  roundId: id,
  choice: z.string({ error: "errors.choice" }).min(1, "errors.choice"),
  reason: z.string().trim().max(2000, "errors.tooLong").optional().default(""),
  text: z.string().trim().max(2000, "errors.tooLong").optional().default(""),
});

export const nominateSchema = z.object({ nominee: id });

export const petitionSchema = z.object({ termId: id, reason: text(2000, 3) });
export const signSchema = z.object({ petitionId: id });

export const reportSchema = z.object({
  // "report:<id>" for a report owed after a council meeting, "term:<id>" for one between meetings.
  about: z.string({ error: "errors.choice" }).regex(/^(report|term):[A-Za-z0-9_-]+$/, "errors.choice"),
  title: text(200, 3),
  body: text(20_000),
});

export const reportCommentSchema = z.object({ body: text(5000) });
