/**
 * Form schemas of everyday polls (server only; the pages' lists are in ./poll-fields).
 * Messages are i18n keys, shown beside the field they concern.
 */
import { z } from "zod";
import { POLL_METHODS, SCORE_MAX, TIME_ANSWERS, type PollBallot, type TimeAnswer } from "~/engine";
import { formBoolean } from "./bool";
import { localDateTime } from "./meeting-validation.server";
import { POLL_KINDS, TIME_SLOTS } from "./poll-fields";

const optionalTime = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), localDateTime.optional());

export const newPollSchema = z
  .object({
    kind: z.enum(POLL_KINDS, { error: "polls.errors.kind" }),
    title: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(160, "errors.tooLong"),
    body: z.string().trim().max(4000, "errors.tooLong").default(""),
    method: z.preprocess((v) => (v === "" ? undefined : v), z.enum(POLL_METHODS, { error: "polls.errors.method" }).optional()),
    hideResults: formBoolean,
    options: z.string().max(4000, "errors.tooLong").default(""),
    ...Object.fromEntries(Array.from({ length: TIME_SLOTS }, (_, i) => [`time${i}`, optionalTime])),
    durationMinutes: z.coerce.number({ error: "meetings.errors.duration" }).int("meetings.errors.duration").min(5, "meetings.errors.duration").max(720, "meetings.errors.duration").default(120),
    place: z.string().trim().max(200, "errors.tooLong").default(""),
    days: z.coerce.number({ error: "polls.errors.days" }).int("polls.errors.days").min(1, "polls.errors.days").max(60, "polls.errors.days"),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "choice" && optionLines(v.options).length < 2) ctx.addIssue({ code: "custom", path: ["options"], message: "polls.errors.optionsTooFew" });
    if (v.kind === "time" && timesOf(v as Record<string, unknown>).length === 0) ctx.addIssue({ code: "custom", path: ["time0"], message: "polls.errors.timesTooFew" });
  });

/** One option per line, blank lines ignored. */
export function optionLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/** The filled time fields, as typed ("2026-12-03T19:00"). */
export function timesOf(v: Record<string, unknown>): string[] {
  return Array.from({ length: TIME_SLOTS }, (_, i) => v[`time${i}`]).filter((x): x is string => typeof x === "string" && x !== "");
}

type Answer = { ok: true; answer: PollBallot | TimeAnswer[] } | { ok: false; errors: Record<string, string> };

const blankIsMissing = (v: unknown) => (v === "" || v === null ? undefined : v);
const index = (n: number, message: string) => z.preprocess(blankIsMissing, z.coerce.number({ error: message }).int(message).min(0, message).max(n - 1, message));

/**
 * Reads an answer from the poll page's form for this kind and method; every field is checked
 * (a value outside the options is a 400 with the message beside the field).
 */
export function answerFromForm(kind: "choice" | "time", method: string | null, options: number, form: FormData): Answer {
  const fail = (field: string, message: string): Answer => ({ ok: false, errors: { [field]: message } });
  if (kind === "time") {
    const answers: TimeAnswer[] = [];
    const errors: Record<string, string> = {};
    for (let i = 0; i < options; i++) {
      const r = z.enum(TIME_ANSWERS).safeParse(form.get(`time${i}`));
      if (r.success) answers.push(r.data);
      else errors[`time${i}`] = "polls.errors.answerEach";
    }
    return Object.keys(errors).length ? { ok: false, errors } : { ok: true, answer: answers };
  }
  switch (method) {
    case "single": {
      const r = index(options, "polls.errors.pickOne").safeParse(form.get("choice") ?? undefined);
      return r.success ? { ok: true, answer: { choice: r.data } } : fail("answer", "polls.errors.pickOne");
    }
    case "approval": {
      const r = z.array(index(options, "polls.errors.pickSome")).min(1, "polls.errors.pickSome").safeParse(form.getAll("approved"));
      if (!r.success) return fail("answer", "polls.errors.pickSome");
      return { ok: true, answer: { approved: [...new Set(r.data)] } };
    }
    case "schulze": {
      // Rank numbers as typed: 1 is first; equal numbers are equal ranks; blank is unranked.
      const rank = z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.number().int().min(1).max(options).optional());
      const byRank = new Map<number, number[]>();
      const errors: Record<string, string> = {};
      for (let i = 0; i < options; i++) {
        const r = rank.safeParse(form.get(`rank${i}`) ?? undefined);
        if (!r.success) errors[`rank${i}`] = "polls.errors.rank";
        else if (r.data !== undefined) byRank.set(r.data, [...(byRank.get(r.data) ?? []), i]);
      }
      if (Object.keys(errors).length) return { ok: false, errors };
      if (byRank.size === 0) return fail("answer", "polls.errors.rankSome");
      return { ok: true, answer: { ranking: [...byRank.entries()].sort((a, b) => a[0] - b[0]).map(([, cs]) => cs) } };
    }
    case "score": {
      const score = z.preprocess(blankIsMissing, z.coerce.number().int().min(0).max(SCORE_MAX));
      const scores: number[] = [];
      const errors: Record<string, string> = {};
      for (let i = 0; i < options; i++) {
        const r = score.safeParse(form.get(`score${i}`) ?? undefined);
        if (r.success) scores.push(r.data);
        else errors[`score${i}`] = "polls.errors.score";
      }
      return Object.keys(errors).length ? { ok: false, errors } : { ok: true, answer: { scores } };
    }
    default:
      return fail("answer", "polls.errors.method");
  }
}

/** Turning a meeting-time poll's winning time (or another of its times) into a scheduled meeting. */
export const scheduleSchema = z.object({ optionId: z.string({ error: "polls.errors.timeNotFound" }).min(1, "polls.errors.timeNotFound").max(64, "polls.errors.timeNotFound"), shortNotice: formBoolean });
