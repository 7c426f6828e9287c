/**
 * The aid report (docs/domain.md#mutual-aid): generated, not typed — requests met and unmet per
 * category since the body's last meeting, shifts short of people, fund balances — and put on
 * the next meeting's agenda as a report item. Also the figures behind the aid overview's
 * charts and the CSV export, all without personal details.
 */
import { and, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { attempt, db } from "~/db.server";
import { refuse, type Result } from "~/lib/refusal";
import { newId } from "~/lib/ids.server";
import { DAY } from "~/lib/aid-fields";
import { translate, type Locale } from "~/i18n";
import { agendaItems, aidCategories, aidPosts, aidReports, aidShifts, aidZones, meetings } from "../../db/schema";
import { addAgendaItem } from "./agenda.server";
import { nextMeetingOf } from "./meeting.server";
import { balances } from "./aid-fund.server";

/** Met: a match ended done, or another assembly met it through a council (app/models/aid-council.server.ts). */
// Named in full: in a query on aid_posts alone drizzle writes the column unqualified, and inside
// the subquery "id" would then mean the match's own id.
const metSql = () => sql<number>`(exists (select 1 from aid_matches m where m.post_id = aid_posts.id and m.status = 'done') or exists (select 1 from aid_shares s where s.post_id = aid_posts.id and s.status = 'met'))`;

/** Since the body's last meeting that took place (its start), or thirty days back. */
export function reportSince(assemblyId: string, now: number): number {
  const last = db
    .select({ startsAt: meetings.startsAt })
    .from(meetings)
    .where(and(eq(meetings.assemblyId, assemblyId), eq(meetings.status, "closed"), lt(meetings.startsAt, now)))
    .orderBy(desc(meetings.startsAt))
    .limit(1)
    .get();
  return last?.startsAt ?? now - 30 * DAY;
}

type CategoryFigure = { categoryId: string; key: string | null; name: string; met: number; unmet: number };

/**
 * Per category: requests met (a match ended done) since `since`, and unmet — still open now, or
 * expired or closed since without being met. Purged requests count like any other.
 */
export function requestFigures(assemblyId: string, since: number): CategoryFigure[] {
  const met = metSql();
  const rows = db
    .select({ categoryId: aidCategories.id, key: aidCategories.key, name: aidCategories.name, status: aidPosts.status, closedAt: aidPosts.closedAt, met })
    .from(aidPosts)
    .innerJoin(aidCategories, eq(aidCategories.id, aidPosts.categoryId))
    .where(and(eq(aidPosts.assemblyId, assemblyId), eq(aidPosts.kind, "request")))
    .all();
  const out = new Map<string, CategoryFigure>();
  for (const r of rows) {
    const f = out.get(r.categoryId) ?? { categoryId: r.categoryId, key: r.key, name: r.name, met: 0, unmet: 0 };
    const closedSince = r.closedAt !== null && r.closedAt >= since;
    if (r.met && closedSince) f.met++;
    else if (r.status === "open" || r.status === "matched" || (!r.met && closedSince)) f.unmet++;
    else continue;
    out.set(r.categoryId, f);
  }
  return [...out.values()].sort((a, b) => b.met + b.unmet - (a.met + a.unmet));
}

/** Shifts from `since` to two days ahead with places left open. */
export function shortShiftCount(assemblyId: string, since: number, now: number): number {
  const rows = db
    .select({
      open: sql<number>`(select coalesce(sum(max(0, sl.max - (select count(*) from aid_shift_signups su where su.slot_id = sl.id))), 0) from aid_shift_slots sl where sl.shift_id = aid_shifts.id)`,
    })
    .from(aidShifts)
    .where(and(eq(aidShifts.assemblyId, assemblyId), gte(aidShifts.startsAt, since), lt(aidShifts.startsAt, now + 2 * DAY)))
    .all();
  return rows.filter((r) => r.open > 0).length;
}

export function reportFigures(assemblyId: string, now: number) {
  const since = reportSince(assemblyId, now);
  return { since, categories: requestFigures(assemblyId, since), shortShifts: shortShiftCount(assemblyId, since, now), funds: balances(assemblyId) };
}
export type ReportFigures = ReturnType<typeof reportFigures>;

/** The report's text, in the language of whoever puts it on the agenda. */
export function reportText(locale: Locale, f: ReportFigures): string {
  const t = (k: string, p?: Record<string, string | number>) => translate(locale, k, p);
  const cat = (c: CategoryFigure) => c.name || (c.key ? t(`aid.category.${c.key}`) : "");
  const lines = [
    ...(f.categories.length ? f.categories.map((c) => t("aid.report.category", { category: cat(c), met: c.met, unmet: c.unmet })) : [t("aid.report.noRequests")]),
    t("aid.report.shortShifts", { n: f.shortShifts }),
    ...f.funds.map((x) => t("aid.report.fund", { name: x.name, balance: x.balance, unit: x.unit })),
  ];
  return lines.join("\n");
}

/** Puts the generated aid report on the body's next meeting agenda (once per meeting). */
export function placeAidReport(assemblyId: string, locale: Locale, now: number): Result<{ meetingId: string; itemId: string }> {
  return attempt(() => {
    const meeting = nextMeetingOf(assemblyId, now);
    if (!meeting) refuse("conflict", "aid.errors.noMeeting");
    const placed = db
      .select({ id: aidReports.id })
      .from(aidReports)
      .innerJoin(agendaItems, eq(agendaItems.id, aidReports.agendaItemId))
      .where(and(eq(aidReports.meetingId, meeting.id), inArray(agendaItems.status, ["open", "suggested", "done"])))
      .get();
    if (placed) refuse("conflict", "aid.errors.reportPlaced");
    const f = reportFigures(assemblyId, now);
    const added = addAgendaItem(meeting.id, { kind: "report", title: translate(locale, "aid.report.title"), description: reportText(locale, f), timeboxMinutes: 10 }, { now });
    if (!added.ok) refuse(added);
    db.insert(aidReports).values({ id: newId(), assemblyId, meetingId: meeting.id, agendaItemId: added.itemId, since: f.since, figures: JSON.stringify(f), createdAt: now }).run();
    return { meetingId: meeting.id, itemId: added.itemId };
  });
}

// --- The overview's charts and the export ------------------------------------------------------

/** Open requests by category and by zone. */
export function openRequestsBy(assemblyId: string) {
  const open = and(eq(aidPosts.assemblyId, assemblyId), eq(aidPosts.kind, "request"), inArray(aidPosts.status, ["open", "matched"]));
  const byCategory = db
    .select({ key: aidCategories.key, name: aidCategories.name, n: sql<number>`count(*)` })
    .from(aidPosts)
    .innerJoin(aidCategories, eq(aidCategories.id, aidPosts.categoryId))
    .where(open)
    .groupBy(aidCategories.id)
    .orderBy(desc(sql`count(*)`))
    .all();
  const byZone = db
    .select({ name: aidZones.name, n: sql<number>`count(*)` })
    .from(aidPosts)
    .leftJoin(aidZones, eq(aidZones.id, aidPosts.zoneId))
    .where(open)
    .groupBy(aidZones.id)
    .orderBy(desc(sql`count(*)`))
    .all();
  return { byCategory, byZone };
}

/** Requests met and unmet per calendar month, for the last `months` months (the current one last). */
export function metByMonth(assemblyId: string, now: number, months = 6) {
  const rows = db
    .select({
      closedAt: aidPosts.closedAt,
      status: aidPosts.status,
      met: metSql(),
    })
    .from(aidPosts)
    .where(and(eq(aidPosts.assemblyId, assemblyId), eq(aidPosts.kind, "request"), inArray(aidPosts.status, ["closed", "expired"])))
    .all();
  const out: Array<{ month: string; start: number; met: number; unmet: number }> = [];
  const d = new Date(now);
  for (let i = months - 1; i >= 0; i--) {
    const start = new Date(d.getFullYear(), d.getMonth() - i, 1).getTime();
    const end = new Date(d.getFullYear(), d.getMonth() - i + 1, 1).getTime();
    const inMonth = rows.filter((r) => r.closedAt !== null && r.closedAt >= start && r.closedAt < end);
    const m = new Date(start);
    out.push({ month: `${m.getFullYear()}-${String(m.getMonth() + 1).padStart(2, "0")}`, start, met: inMonth.filter((r) => r.met).length, unmet: inMonth.filter((r) => !r.met).length });
  }
  return out;
}

/**
 * The body's aid as CSV rows, without personal details: no names, no texts, no contacts, no
 * notes — kind, category, zone, urgency, status, dates, and how its matches ended.
 */
export function exportRows(assemblyId: string): string[][] {
  const rows = db
    .select({
      id: aidPosts.id,
      kind: aidPosts.kind,
      key: aidCategories.key,
      category: aidCategories.name,
      zone: aidZones.name,
      urgency: aidPosts.urgency,
      status: aidPosts.status,
      createdAt: aidPosts.createdAt,
      closedAt: aidPosts.closedAt,
      matches: sql<string>`coalesce((select group_concat(m.status, ' ') from aid_matches m where m.post_id = ${aidPosts.id}), '')`,
    })
    .from(aidPosts)
    .innerJoin(aidCategories, eq(aidCategories.id, aidPosts.categoryId))
    .leftJoin(aidZones, eq(aidZones.id, aidPosts.zoneId))
    .where(eq(aidPosts.assemblyId, assemblyId))
    .orderBy(aidPosts.createdAt)
    .all();
  const iso = (ms: number | null) => (ms === null ? "" : new Date(ms).toISOString().slice(0, 10));
  return [
    ["kind", "category", "zone", "urgency", "status", "posted", "closed", "matches"],
    ...rows.map((r) => [r.kind, r.key ?? r.category, r.zone ?? "", r.urgency, r.status, iso(r.createdAt), iso(r.closedAt), r.matches]),
  ];
}

/** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled. */
export function toCsv(rows: string[][]): string {
  const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  // A leading =, +, - or @ would be read as a formula by a spreadsheet (OWASP CSV injection).
  const safe = (v: string) => (/^[=+\-@]/.test(v) ? `'${v}` : v);
  return rows.map((r) => r.map((v) => field(safe(v))).join(",")).join("\r\n") + "\r\n";
}

