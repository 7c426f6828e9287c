/**
 * Forms of the decisions area, for actions. Server only: the browser build leaves *.server
 * modules out, so pages do not ship zod to phones (bench: 90 KB of the ballot page's gzipped
 * JavaScript); the limits and kinds the pages show are in ./proposal-fields. Messages are i18n keys.
 */
import { z } from "zod";
import { START_STATUSES } from "~/engine/lifecycle";
import { BODY_MAX, CANDIDATES_MAX, candidateLines, FORM_KINDS, REASON_MAX, TITLE_MAX } from "./proposal-fields";

const title = z.string({ error: "errors.required" }).trim().min(3, "proposal.errors.titleShort").max(TITLE_MAX, "errors.tooLong");
const body = z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(BODY_MAX, "errors.tooLong");
const revisionNumber = z.coerce.number({ error: "errors.number" }).int("errors.integer").min(1, "errors.min1");

export const newProposalSchema = z
  .object({
    title,
    body,
    kind: z.enum(FORM_KINDS, { error: "errors.choice" }),
    start: z.enum(START_STATUSES, { error: "errors.choice" }).default("discussion"),
    seats: z.string().optional(),
    candidates: z.string().max(5_000, "errors.tooLong").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind !== "election") return;
    const names = candidateLines(v.candidates);
    if (names.length < 2) ctx.addIssue({ code: "custom", path: ["candidates"], message: "proposal.errors.candidatesFew" });
    else if (names.length > CANDIDATES_MAX) ctx.addIssue({ code: "custom", path: ["candidates"], message: "errors.tooLong" });
    else if (new Set(names.map((n) => n.toLowerCase())).size !== names.length) ctx.addIssue({ code: "custom", path: ["candidates"], message: "proposal.errors.candidatesDuplicate" });
    else if (names.some((n) => n.length > 100)) ctx.addIssue({ code: "custom", path: ["candidates"], message: "errors.tooLong" });
    const seats = Number(v.seats);
    if (!Number.isInteger(seats) || seats < 1) ctx.addIssue({ code: "custom", path: ["seats"], message: "errors.min1" });
    else if (names.length >= 2 && seats > names.length) ctx.addIssue({ code: "custom", path: ["seats"], message: "proposal.errors.seatsMoreThanCandidates" });
  });

export const reviseSchema = z.object({
  title,
  body,
  expectedRevision: revisionNumber,
});

export const amendmentSchema = z.object({
  baseRevision: revisionNumber,
  title: z.string().trim().max(TITLE_MAX, "errors.tooLong").optional().default(""),
  body,
  note: z.string().trim().max(REASON_MAX, "errors.tooLong").optional().default(""),
});

export const amendmentDecisionSchema = z.object({
  amendmentId: z.string({ error: "errors.required" }).min(1, "errors.required"),
});

export const commentSchema = z.object({
  comment: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(5_000, "errors.tooLong"),
  parentId: z.string().optional().default(""),
});

/** How long an online round stays open; days and hours avoid guessing the voter's time zone. */
export const openRoundSchema = z
  .object({
    days: z.coerce.number({ error: "errors.number" }).int("errors.integer").min(0, "errors.min0").max(60, "errors.range1to60"),
    hours: z.coerce.number({ error: "errors.number" }).int("errors.integer").min(0, "errors.min0").max(23, "errors.tooLarge").default(0),
  })
  .refine((v) => v.days * 24 + v.hours >= 1, { path: ["days"], message: "round.errors.durationShort" });

/**
 * A ranking from a form that works without JavaScript: `rank.<i>` holds the rank (1, 2, …)
 * given to candidate i, or is empty. Equal numbers are an equal rank; gaps close up.
 * Approval ballots send `approve.<i>` checkboxes instead: all approved share one rank.
 */
export function rankingFromForm(form: FormData, candidates: number): number[][] {
  const approved: number[] = [];
  const ranked: Array<{ c: number; r: number }> = [];
  for (let i = 0; i < candidates; i++) {
    if (form.has(`approve.${i}`)) approved.push(i);
    const raw = form.get(`rank.${i}`);
    const r = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : NaN;
    if (Number.isInteger(r) && r >= 1) ranked.push({ c: i, r });
  }
  if (approved.length > 0) return [approved];
  const levels = [...new Set(ranked.map((x) => x.r))].sort((a, b) => a - b);
  return levels.map((l) => ranked.filter((x) => x.r === l).map((x) => x.c));
}

/** A teller's recovery code, typed to unlock a secret round's count after a restart. */
export const unlockSchema = z.object({
  code: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(64, "errors.tooLong"),
});

/** The tellers page: become a teller (a new recovery code) or stop being one. */
export const tellerSchema = z.object({ intent: z.enum(["become", "remove"], { error: "errors.unknownAction" }) });
