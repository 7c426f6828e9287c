import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db, transaction } from "~/db.server";
import { agendaItems, reportBacks } from "../../db/schema";
import { defaultCharter } from "~/lib/charter";
import { runJobs } from "~/background.server";
import { cancelMeeting, scheduleMeeting, startMeeting } from "~/models/meeting.server";
import { finishMeeting } from "~/models/minutes.server";
import { listAgenda } from "~/models/agenda.server";
import { startTerm } from "~/models/delegate.server";
import { addReportComment, askForReports, fileReport, filedReports, overdueReports, owedReports, reportView } from "~/models/report-back.server";
import { DAY, T0, council, memberBody } from "../helpers/federation";

function meeting(assemblyId: string, by: string, startsAt: number, now: number) {
  const m = scheduleMeeting({ assemblyId, createdBy: by, title: "General meeting", startsAt, durationMinutes: 90, place: "Hall", link: "", shortNotice: true, now });
  if (!m.ok) throw new Error(m.error);
  return m.meeting;
}

async function setup() {
  const { council: c, steward } = await council();
  const charter = { ...defaultCharter(), delegates: { ...defaultCharter().delegates, reportDays: 7 } };
  const a = await memberBody(c.id, steward.id, { members: 2, charter });
  const b = await memberBody(c.id, steward.id, { members: 2 });
  const da = a.members[0];
  const dbb = b.members[0];
  const [ta, tb] = transaction(() => [
    startTerm({ assemblyId: a.assembly.id, councilId: c.id, userId: da.id, now: T0, mandateText: "", electionProposalId: null }),
    startTerm({ assemblyId: b.assembly.id, councilId: c.id, userId: dbb.id, now: T0, mandateText: "", electionProposalId: null }),
  ]);
  // A council meeting takes place and closes.
  const cm = meeting(c.id, steward.id, T0 + DAY, T0);
  startMeeting(cm.id, T0 + DAY);
  const closed = finishMeeting(cm.id, T0 + DAY + 3_600_000);
  if (!closed.ok) throw new Error(closed.error);
  return { c, steward, a, b, da, dbb, ta, tb, councilMeeting: cm, closedAt: T0 + DAY + 3_600_000 };
}

describe("report-backs", () => {
  it("after a council meeting closes, every seated delegate owes their assembly a report within its charter's days", async () => {
    const { a, b, da, dbb, councilMeeting, closedAt } = await setup();
    expect(askForReports(closedAt + 1)).toBe(2);
    // Handled once: asking again adds nothing.
    expect(askForReports(closedAt + 2)).toBe(0);
    const owedA = owedReports(da.id, closedAt + 1);
    expect(owedA).toEqual([expect.objectContaining({ councilMeetingId: councilMeeting.id, dueAt: closedAt + 7 * DAY, late: false })]);
    expect(owedReports(dbb.id, closedAt + 1)[0].dueAt).toBe(closedAt + 14 * DAY);
    expect(overdueReports({ assemblyId: a.assembly.id }, closedAt + 7 * DAY)).toEqual([]);
    expect(overdueReports({ assemblyId: a.assembly.id }, closedAt + 7 * DAY + 1)).toEqual([expect.objectContaining({ userId: da.id, late: true })]);
    expect(overdueReports({ assemblyId: b.assembly.id }, closedAt + 7 * DAY + 1)).toEqual([]);
  });

  it("a report is written once, appears in the feed, goes on the next meeting's agenda, and members comment", async () => {
    const { a, da, closedAt } = await setup();
    askForReports(closedAt);
    const next = meeting(a.assembly.id, a.founder.id, closedAt + 10 * DAY, closedAt);
    const [owed] = owedReports(da.id, closedAt);
    const r = fileReport({ assemblyId: a.assembly.id, userId: da.id, reportId: owed.id, title: "Council, March", body: "We agreed the joint strike fund.", now: closedAt + DAY });
    if (!r.ok) throw new Error(r.error);
    expect(r.report).toMatchObject({ submittedAt: closedAt + DAY, agendaMeetingId: next.id });
    const items = listAgenda(next.id);
    expect(items).toEqual([expect.objectContaining({ kind: "report_back", reportBackId: owed.id, presenterUserId: da.id, title: "Council, March" })]);
    // A second submit (double click, stale tab) is refused and changes nothing.
    expect(fileReport({ assemblyId: a.assembly.id, userId: da.id, reportId: owed.id, title: "Changed", body: "Changed", now: closedAt + DAY + 1 })).toMatchObject({ ok: false, status: 409, error: "federation.errors.reportFiled" });
    expect(db.select().from(reportBacks).where(eq(reportBacks.id, owed.id)).get()).toMatchObject({ title: "Council, March", body: "We agreed the joint strike fund." });
    expect(listAgenda(next.id)).toHaveLength(1);
    // Someone else cannot file it.
    expect(fileReport({ assemblyId: a.assembly.id, userId: a.founder.id, reportId: owed.id, title: "x", body: "x", now: closedAt }).ok).toBe(false);
    expect(filedReports(a.assembly.id, closedAt + DAY)).toEqual([expect.objectContaining({ id: owed.id, delegate: expect.any(String), late: false })]);
    expect(addReportComment({ reportId: owed.id, authorId: a.members[1].id, body: "Thanks — what about the fund's size?", now: closedAt + 2 * DAY }).ok).toBe(true);
    expect(reportView(a.assembly.id, owed.id, closedAt + 2 * DAY)!.comments).toEqual([expect.objectContaining({ body: "Thanks — what about the fund's size?" })]);
  });

  it("filed when no meeting is scheduled, it goes on the agenda when the next meeting is; filed late, it is flagged late", async () => {
    const { a, da, closedAt } = await setup();
    askForReports(closedAt);
    const [owed] = owedReports(da.id, closedAt);
    const late = closedAt + 8 * DAY;
    const r = fileReport({ assemblyId: a.assembly.id, userId: da.id, reportId: owed.id, title: "Late report", body: "Sorry for the delay.", now: late });
    if (!r.ok) throw new Error(r.error);
    expect(r.report.agendaMeetingId).toBeNull();
    expect(filedReports(a.assembly.id, late)[0].late).toBe(true);
    const m = meeting(a.assembly.id, a.founder.id, late + 5 * DAY, late);
    runJobs(late + 1);
    expect(listAgenda(m.id).map((i) => i.reportBackId)).toEqual([owed.id]);
    // That meeting is cancelled: the report moves to the next one.
    cancelMeeting(m.id);
    const m2 = meeting(a.assembly.id, a.founder.id, late + 12 * DAY, late);
    runJobs(late + 2);
    expect(listAgenda(m2.id).map((i) => i.reportBackId)).toEqual([owed.id]);
    expect(db.select().from(agendaItems).where(eq(agendaItems.reportBackId, owed.id)).all()).toHaveLength(2);
  });

  it("a delegate may also report between meetings; a reader outside the assembly does not see it", async () => {
    const { a, b, da, ta, closedAt } = await setup();
    const r = fileReport({ assemblyId: a.assembly.id, userId: da.id, termId: ta.id, title: "Working group", body: "Notes from the housing working group.", now: closedAt });
    expect(r.ok).toBe(true);
    expect(filedReports(a.assembly.id, closedAt)).toHaveLength(1);
    expect(reportView(b.assembly.id, (r as { report: { id: string } }).report.id, closedAt)).toBeNull();
    expect(fileReport({ assemblyId: a.assembly.id, userId: b.members[1].id, termId: ta.id, title: "x", body: "x", now: closedAt })).toMatchObject({ ok: false, status: 404 });
  });
});
