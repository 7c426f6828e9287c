/**
 * Forms of the mutual-aid area (docs/domain.md#mutual-aid), for actions (server only: the
 * pages' lists are in ./aid-fields, so pages do not ship zod to phones). Messages are i18n keys.
 */
import { z } from "zod";
import { formBoolean } from "./bool";
import { MATCH_ENDINGS, URGENCIES } from "./aid-fields";

const text = (max: number, min = 1) => z.string({ error: "errors.required" }).trim().min(min, "errors.required").max(max, "errors.tooLong");
const optionalText = (max: number) => z.string().trim().max(max, "errors.tooLong").optional().default("");
const id = z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(64, "errors.tooLong");
const optionalId = z
  .string()
  .max(64, "errors.tooLong")
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : null));
/** A day as a date field sends it ("2026-12-01"); empty is none. */
const optionalDate = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : null))
  .refine((v) => v === null || /^\d{4}-\d{2}-\d{2}$/.test(v), "aid.errors.date");

export const postSchema = z
  .object({
    categoryId: id,
    zoneId: optionalId,
    title: text(140),
    quantity: optionalText(140),
    details: optionalText(2000),
    when: z.enum(["ongoing", "window"], { error: "errors.choice" }),
    from: optionalDate,
    until: optionalDate,
    urgency: z.enum(URGENCIES, { error: "errors.choice" }),
    anonymous: formBoolean,
    shareable: formBoolean,
  })
  .superRefine((v, ctx) => {
    if (v.when !== "window") return;
    if (!v.from) ctx.addIssue({ code: "custom", path: ["from"], message: "aid.errors.windowNeeded" });
    if (!v.until) ctx.addIssue({ code: "custom", path: ["until"], message: "aid.errors.windowNeeded" });
    if (v.from && v.until && v.until < v.from) ctx.addIssue({ code: "custom", path: ["until"], message: "aid.errors.windowOrder" });
  });

export const contactSchema = z.object({ contact: optionalText(300) });
export const proposeSchema = z.object({ otherId: id });
export const matchIdSchema = z.object({ matchId: id });
export const acceptSchema = z.object({ matchId: id, contact: optionalText(300) });
export const closeMatchSchema = z.object({ ending: z.enum(MATCH_ENDINGS, { error: "errors.choice" }), note: optionalText(2000) });
export const messageSchema = z.object({ body: text(2000) });
export const categorySchema = z.object({
  name: text(60),
  expiryDays: z.coerce.number({ error: "errors.number" }).int("errors.integer").min(1, "errors.range1to365").max(365, "errors.range1to365"),
});
export const zoneSchema = z.object({ name: text(80) });
export const renameCategorySchema = z.object({ categoryId: id, name: text(60) });
export const renameZoneSchema = z.object({ zoneId: id, name: text(80) });
export const coordinatorSchema = z.object({ userId: id, on: formBoolean });

/** "Saturday 10:00–12:00, every week": the first occurrence, its length, the repeat and the slots. */
export const seriesSchema = z.object({
  title: text(120),
  place: optionalText(200),
  firstDate: z.string({ error: "errors.required" }).regex(/^\d{4}-\d{2}-\d{2}$/, "aid.errors.date"),
  startTime: z.string({ error: "errors.required" }).regex(/^\d{2}:\d{2}$/, "aid.errors.time"),
  durationMinutes: z.coerce.number({ error: "errors.number" }).int("errors.integer").min(15, "aid.errors.duration").max(720, "aid.errors.duration"),
  everyWeeks: z.coerce.number({ error: "errors.number" }).int("errors.integer").min(1, "aid.errors.everyWeeks").max(8, "aid.errors.everyWeeks"),
  weeksAhead: z.coerce.number({ error: "errors.number" }).int("errors.integer").min(1, "aid.errors.weeksAhead").max(12, "aid.errors.weeksAhead"),
  // One slot a line: "Driver, 2" — the role and the most people it takes.
  slots: z
    .string({ error: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .max(1000, "errors.tooLong")
    .transform((s, ctx) => {
      const slots = s
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean)
        .map((l) => {
          const m = l.match(/^(.{1,60}?)\s*[,:]\s*(\d{1,3})$/);
          return m ? { role: m[1].trim(), max: Number(m[2]) } : null;
        });
      if (slots.some((x) => x === null || x.max < 1) || slots.length > 10) {
        ctx.addIssue({ code: "custom", message: "aid.errors.slots" });
        return z.NEVER;
      }
      return slots as Array<{ role: string; max: number }>;
    }),
});
export const slotSchema = z.object({ slotId: id });
export const seriesIdSchema = z.object({ seriesId: id });
/** An intent whose button carries nothing else (renew, close, delete). */
export const noFieldsSchema = z.object({});

/** "Hardship fund: up to 200 per household a month, coordinators decide up to 50." */
export const programmeSchema = z.object({
  name: text(120),
  unit: text(20),
  coordinatorLimit: z.coerce.number({ error: "errors.number" }).int("errors.integer").min(0, "errors.min0").max(1_000_000, "errors.tooLarge"),
  terms: text(5000),
});

export const ledgerSchema = z
  .object({
    direction: z.enum(["in", "out"], { error: "errors.choice" }),
    amount: z.coerce.number({ error: "errors.number" }).int("errors.integer").min(1, "errors.min1").max(10_000_000, "errors.tooLarge"),
    purpose: text(200),
    allowedBy: z.enum(["coordinator_limit", "proposal"]).optional(),
    allowingProposalId: optionalId,
    recipientName: optionalText(120),
    recipientAgreed: formBoolean,
  })
  .superRefine((v, ctx) => {
    if (v.direction === "out" && !v.allowedBy) ctx.addIssue({ code: "custom", path: ["allowedBy"], message: "errors.choice" });
    if (v.direction === "out" && v.allowedBy === "proposal" && !v.allowingProposalId) ctx.addIssue({ code: "custom", path: ["allowingProposalId"], message: "aid.errors.allowingProposal" });
  });

// --- Across a council ---
export const shareSchema = z.object({ councilId: id });
export const shareIdSchema = z.object({ shareId: id });
export const offerToMeetSchema = z.object({ shareId: id, note: optionalText(500), contact: optionalText(300) });
export const answerOfferSchema = z.object({ shareId: id, decision: z.enum(["accept", "decline"], { error: "errors.choice" }), contact: optionalText(300) });
export const connectSchema = z.object({ shareId: id, personContact: optionalText(300), helperPersonId: optionalId });
