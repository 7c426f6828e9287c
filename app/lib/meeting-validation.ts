/**
 * Form schemas of the meetings area, shared by pages and actions. Messages are i18n keys.
 */
import { z } from "zod";
import { formBoolean } from "./bool";

export const AGENDA_KIND_OPTIONS = ["proposal", "report", "discussion", "report_back", "announcement", "break"] as const;

const optionalId = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : null));

/** "2026-11-20T18:30" as typed in a datetime-local field. */
export const localDateTime = z.string({ error: "meetings.errors.dateFormat" }).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "meetings.errors.dateFormat");

/**
 * A wall-clock time typed on a device → epoch ms. The page adds the device's UTC offset for
 * that date (`tzOffset`, minutes as Date#getTimezoneOffset gives them); without JavaScript
 * the server's own time zone is used, which is the room's when the laptop serves it.
 */
export function parseLocalDateTime(value: string, tzOffset?: number | null): number {
  const [date, time] = value.split("T");
  const [y, mo, d] = date.split("-").map(Number);
  const [h, mi] = time.split(":").map(Number);
  if (tzOffset !== undefined && tzOffset !== null && Number.isFinite(tzOffset)) return Date.UTC(y, mo - 1, d, h, mi) + tzOffset * 60_000;
  return new Date(y, mo - 1, d, h, mi).getTime();
}

/** Epoch ms → the value a datetime-local field shows, in the server's time zone. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

const tzOffset = z
  .string()
  .optional()
  .transform((v) => (v && /^-?\d{1,4}$/.test(v) ? Number(v) : null));

export const meetingSchema = z.object({
  title: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(120, "errors.tooLong"),
  startsAt: localDateTime,
  tzOffset,
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

export const ballotSchema = z.object({
  roundId: z.string().min(1),
  choice: z.string({ error: "errors.choice" }).min(1, "errors.choice"),
  reason: z.string().trim().max(2000, "errors.tooLong").optional(),
  text: z.string().trim().max(2000, "errors.tooLong").optional(),
  receipt: z.string().trim().max(40).optional(),
});

export const codeSchema = z.object({
  code: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(20, "meetings.errors.badCode"),
});
