/**
 * Form schemas of the meetings area, for actions (server only: the pages' lists and date
 * helpers are in ./meeting-fields, so pages do not ship zod to phones). Messages are i18n keys.
 */
import { z } from "zod";
import { formBoolean } from "./bool";
import { AGENDA_KIND_OPTIONS } from "./meeting-fields";

const optionalId = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : null));

/** "2026-11-20T18:30" as typed in a datetime-local field. */
export const localDateTime = z.string({ error: "meetings.errors.dateFormat" }).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "meetings.errors.dateFormat");

export const meetingSchema = z.object({
  title: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(120, "errors.tooLong"),
  startsAt: localDateTime,
  durationMinutes: z.coerce.number({ error: "meetings.errors.duration" }).int("meetings.errors.duration").min(5, "meetings.errors.duration").max(720, "meetings.errors.duration"),
  place: z.string().trim().max(200, "errors.tooLong").default(""),
  link: z
    .string()
    .trim()
    .max(500, "errors.tooLong")
    .default("")
    .refine((v) => v === "" || /^https?:\/\/\S+$/i.test(v), "meetings.errors.link"),
  shortNotice: formBoolean,
});

export const itemSchema = z.object({
  kind: z.enum(AGENDA_KIND_OPTIONS, { error: "meetings.errors.kind" }),
  title: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(160, "errors.tooLong"),
  description: z.string().trim().max(2000, "errors.tooLong").default(""),
  presenterUserId: optionalId,
  timeboxMinutes: z.coerce.number({ error: "meetings.errors.timebox" }).int("meetings.errors.timebox").min(1, "meetings.errors.timebox").max(600, "meetings.errors.timebox"),
  proposalId: optionalId,
});

export const rolesSchema = z.object({
  facilitatorId: optionalId,
  noteTakerId: optionalId,
  timekeeperId: optionalId,
});

export const stackOptionsSchema = z.object({
  progressiveStack: formBoolean,
  speakingLimitSeconds: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v || !v.trim()) return null;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 10 || n > 3600) {
        ctx.addIssue({ code: "custom", message: "errors.tooLarge" });
        return z.NEVER;
      }
      return n;
    }),
});

export const actionItemSchema = z.object({
  itemId: optionalId,
  text: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(500, "errors.tooLong"),
  ownerUserId: optionalId,
  ownerName: z.string().trim().max(100, "errors.tooLong").default(""),
  dueDate: z
    .string()
    .optional()
    .transform((v) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null)),
});

export const codeSchema = z.object({
  code: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(20, "meetings.errors.badCode"),
});
