/**
 * Report-backs (docs/domain.md#report-backs): after each council meeting every seated delegate owes
 * the home body a report within the charter's days (delegates.reportDays). A report is
 * written once; it appears in the body's feed, goes on the body's next meeting agenda as a
 * report-back item by itself (now, or when the next meeting is scheduled), and members
 * comment on it. Reports not filed in time are flagged to the body and the delegate.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, sql } from "drizzle-orm";
import { attempt, db, transaction } from "~/db.server";
import { refuse, type Refusal } from "~/lib/refusal";
import { assemblies, councilMeetingReports, delegateTerms, meetings, reportBackComments, reportBacks, users } from "../../db/schema";
import { newId } from "~/lib/ids.server";
import { delegateTermsOf } from "~/lib/rules";
import { currentCharter } from "./assembly.server";
import { addAgendaItem } from "./agenda.server";
import { nextMeetingOf } from "./meeting.server";

import { getTerm } from "./delegate.server";

export type ReportBack = typeof reportBacks.$inferSelect;
const DAY = 86_400_000;
/** Minutes a report-back item gets on the agenda unless the facilitator changes it. */
const REPORT_TIMEBOX = 10;

export function getReportBack(id: string): ReportBack | undefined {
  return db.select().from(reportBacks).where(eq(reportBacks.id, id)).get();
}

/**
 * For each council meeting that has closed and not yet been handled: every delegate seated
 * at its close owes their home body a report, due the body's reportDays later.
 */
export function askForReports(now: number): number {
  const closed = db
    .select({ id: meetings.id, councilId: meetings.assemblyId, closedAt: meetings.closedAt })
    .from(meetings)
    .innerJoin(assemblies, eq(assemblies.id, meetings.assemblyId))
    .leftJoin(councilMeetingReports, eq(councilMeetingReports.meetingId, meetings.id))
    .where(and(eq(assemblies.kind, "council"), eq(meetings.status, "closed"), isNull(councilMeetingReports.meetingId)))
    .all();
  let asked = 0;
  for (const m of closed) {
    transaction(() => {
      const at = m.closedAt ?? now;
      const seated = db
        .select()
        .from(delegateTerms)
        .where(
          and(
            eq(delegateTerms.councilId, m.councilId),
            sql`${delegateTerms.startsAt} <= ${at}`,
            sql`(${delegateTerms.status} = 'active' or ${delegateTerms.endedAt} > ${at})`,
          ),
        )
        .all();
      for (const t of seated) {
        const days = delegateTermsOf(currentCharter(t.assemblyId).charter).reportDays;
        db.insert(reportBacks)
          .values({ id: newId(), termId: t.id, assemblyId: t.assemblyId, councilId: t.councilId, userId: t.userId, councilMeetingId: m.id, dueAt: at + days * DAY, createdAt: now })
          .onConflictDoNothing()
          .run();
        asked++;
      }
      db.insert(councilMeetingReports).values({ meetingId: m.id, handledAt: now }).onConflictDoNothing().run();
    });
  }
  return asked;
}

/**
 * The delegate files a report — once. For a report owed after a council meeting, pass its
 * id; without one, the delegate reports on council business between meetings.
 */
export function fileReport(input: { assemblyId: string; userId: string; reportId?: string | null; termId?: string | null; title: string; body: string; now: number }): { ok: true; report: ReportBack } | Refusal {
  const r = attempt(() => {
    let report: ReportBack | undefined;
    if (input.reportId) {
      report = getReportBack(input.reportId);
      // The delegate's own report, owed to the body in the URL.
      if (!report || report.userId !== input.userId || report.assemblyId !== input.assemblyId) refuse("not_found", "federation.errors.reportNotFound");
      // Written once: a second submit (a double click, a stale tab) changes nothing.
      if (report.submittedAt !== null) refuse("conflict", "federation.errors.reportFiled");
      const done = db
        .update(reportBacks)
        .set({ title: input.title, body: input.body, submittedAt: input.now })
        .where(and(eq(reportBacks.id, report.id), isNull(reportBacks.submittedAt)))
        .run();
      if (done.changes !== 1) refuse("conflict", "federation.errors.reportFiled");
    } else {
      const term = input.termId ? getTerm(input.termId) : undefined;
      if (!term || term.userId !== input.userId || term.assemblyId !== input.assemblyId) refuse("not_found", "federation.errors.termNotFound");
      if (term.status !== "active") refuse("conflict", "federation.errors.termNotActive");
      const id = newId();
      db.insert(reportBacks)
        .values({ id, termId: term.id, assemblyId: term.assemblyId, councilId: term.councilId, userId: term.userId, title: input.title, body: input.body, submittedAt: input.now, createdAt: input.now })
        .run();
      report = getReportBack(id);
    }
    return { report: getReportBack(report!.id)! };
  });
  if (r.ok) placeOnAgenda(r.report, input.now);
  return r.ok ? { ok: true as const, report: getReportBack(r.report.id)! } : r;
}

/** Puts a filed report on its body's next meeting agenda, if a meeting is scheduled. */
function placeOnAgenda(report: ReportBack, now: number): boolean {
  if (report.submittedAt === null) return false;
  const meeting = nextMeetingOf(report.assemblyId, now);
  if (!meeting) return false;
  const delegate = db.select({ name: users.displayName }).from(users).where(eq(users.id, report.userId)).get()?.name ?? "";
  const council = db.select({ name: assemblies.name }).from(assemblies).where(eq(assemblies.id, report.councilId)).get()?.name ?? "";
  const added = addAgendaItem(
    meeting.id,
    {
      kind: "report_back",
      title: `${report.title ?? ""}`.trim() || `${delegate} · ${council}`,
      description: `${delegate} · ${council}`,
      presenterUserId: report.userId,
      timeboxMinutes: REPORT_TIMEBOX,
      reportBackId: report.id,
    },
    { now },
  );
  if (!added.ok) {
    // The delegate may have left the body since: the report still goes on, without a presenter.
    const retry = addAgendaItem(meeting.id, { kind: "report_back", title: report.title ?? council, description: `${delegate} · ${council}`, timeboxMinutes: REPORT_TIMEBOX, reportBackId: report.id }, { now });
    if (!retry.ok) return false;
    db.update(reportBacks).set({ agendaItemId: retry.itemId, agendaMeetingId: meeting.id }).where(eq(reportBacks.id, report.id)).run();
    return true;
  }
  db.update(reportBacks).set({ agendaItemId: added.itemId, agendaMeetingId: meeting.id }).where(eq(reportBacks.id, report.id)).run();
  return true;
}

/**
 * Filed reports not yet on an agenda (no meeting was scheduled when they were filed, or
 * that meeting was cancelled) go on the next meeting as soon as there is one.
 */
export function placeWaitingReports(now: number): number {
  const cancelled = db.select({ id: meetings.id }).from(meetings).where(eq(meetings.status, "cancelled")).all().map((m) => m.id);
  const waiting = db
    .select()
    .from(reportBacks)
    .where(and(isNotNull(reportBacks.submittedAt), cancelled.length ? sql`(${reportBacks.agendaMeetingId} is null or ${inArray(reportBacks.agendaMeetingId, cancelled)})` : isNull(reportBacks.agendaMeetingId)))
    .all();
  let placed = 0;
  for (const r of waiting) if (placeOnAgenda(r, now)) placed++;
  return placed;
}

export function addReportComment(input: { reportId: string; authorId: string; body: string; now: number }): { ok: true; id: string } | Refusal {
  return attempt(() => {
    const r = getReportBack(input.reportId);
    if (!r || r.submittedAt === null) refuse("not_found", "federation.errors.reportNotFound");
    const id = newId();
    db.insert(reportBackComments).values({ id, reportBackId: r.id, authorId: input.authorId, body: input.body, createdAt: input.now }).run();
    return { ok: true as const, id };
  });
}

export function reportComments(reportId: string) {
  return db
    .select({ id: reportBackComments.id, body: reportBackComments.body, createdAt: reportBackComments.createdAt, authorName: users.displayName })
    .from(reportBackComments)
    .leftJoin(users, eq(users.id, reportBackComments.authorId))
    .where(eq(reportBackComments.reportBackId, reportId))
    .orderBy(asc(reportBackComments.createdAt), asc(reportBackComments.id))
    .all();
}

const reportColumns = {
  id: reportBacks.id,
  termId: reportBacks.termId,
  userId: reportBacks.userId,
  delegate: users.displayName,
  councilId: reportBacks.councilId,
  councilName: assemblies.name,
  councilMeetingId: reportBacks.councilMeetingId,
  dueAt: reportBacks.dueAt,
  title: reportBacks.title,
  body: reportBacks.body,
  submittedAt: reportBacks.submittedAt,
  agendaMeetingId: reportBacks.agendaMeetingId,
  agendaItemId: reportBacks.agendaItemId,
};

function withLateness<T extends { dueAt: number | null; submittedAt: number | null }>(rows: T[], now: number) {
  return rows.map((r) => ({
    ...r,
    late: r.dueAt !== null && (r.submittedAt === null ? now > r.dueAt : r.submittedAt > r.dueAt),
  }));
}

/** A body's filed reports (its feed), newest first. */
export function filedReports(assemblyId: string, now: number, opts: { limit?: number } = {}) {
  const rows = db
    .select({ ...reportColumns, comments: sql<number>`(select count(*) from report_back_comments c where c.report_back_id = ${reportBacks.id})` })
    .from(reportBacks)
    .innerJoin(users, eq(users.id, reportBacks.userId))
    .innerJoin(assemblies, eq(assemblies.id, reportBacks.councilId))
    .where(and(eq(reportBacks.assemblyId, assemblyId), isNotNull(reportBacks.submittedAt)))
    .orderBy(desc(reportBacks.submittedAt))
    .limit(opts.limit ?? 50)
    .all();
  return withLateness(rows, now);
}

/** Reports past their due date and still not filed: flagged on the body's pages. */
export function overdueReports(where: { assemblyId?: string; userId?: string }, now: number) {
  const rows = db
    .select(reportColumns)
    .from(reportBacks)
    .innerJoin(users, eq(users.id, reportBacks.userId))
    .innerJoin(assemblies, eq(assemblies.id, reportBacks.councilId))
    .where(
      and(
        isNull(reportBacks.submittedAt),
        lt(reportBacks.dueAt, now),
        where.assemblyId ? eq(reportBacks.assemblyId, where.assemblyId) : undefined,
        where.userId ? eq(reportBacks.userId, where.userId) : undefined,
      ),
    )
    .orderBy(asc(reportBacks.dueAt))
    .all();
  return withLateness(rows, now);
}

/** What a delegate owes (due or late), for their own view. */
export function owedReports(userId: string, now: number, assemblyId?: string) {
  const rows = db
    .select(reportColumns)
    .from(reportBacks)
    .innerJoin(users, eq(users.id, reportBacks.userId))
    .innerJoin(assemblies, eq(assemblies.id, reportBacks.councilId))
    .where(and(eq(reportBacks.userId, userId), isNull(reportBacks.submittedAt), assemblyId ? eq(reportBacks.assemblyId, assemblyId) : undefined))
    .orderBy(asc(reportBacks.dueAt))
    .all();
  return withLateness(rows, now);
}

export function reportView(assemblyId: string, reportId: string, now: number) {
  const row = db
    .select(reportColumns)
    .from(reportBacks)
    .innerJoin(users, eq(users.id, reportBacks.userId))
    .innerJoin(assemblies, eq(assemblies.id, reportBacks.councilId))
    .where(and(eq(reportBacks.id, reportId), eq(reportBacks.assemblyId, assemblyId)))
    .get();
  if (!row) return null;
  const meeting = row.agendaMeetingId ? db.select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, status: meetings.status }).from(meetings).where(eq(meetings.id, row.agendaMeetingId)).get() : null;
  return { ...withLateness([row], now)[0], meeting: meeting ?? null, comments: reportComments(row.id) };
}
