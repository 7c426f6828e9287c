/**
 * Minutes, generated as the meeting runs (docs/domain.md#meetings): attendance, each item with the
 * note-taker's notes, every decision with its explanation, stand-asides and blocks with
 * their reasons, and action items with owners. The note-taker edits them; the next meeting
 * adopts them, after which they no longer change.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import { db } from "~/db.server";
import { actionItems, agendaItems, meetings, users } from "../../db/schema";
import { newId } from "~/lib/ids.server";
import { translate, formatDateTime, formatDate, type Locale } from "~/i18n";
import { assemblyTimeZone, getAssembly } from "./assembly.server";
import { votingMemberIds } from "./membership.server";
import { listAttended, listPresent, quorumNow } from "./attendance.server";
import { listAgenda } from "./agenda.server";
import { meetingDecisions, type MinutesDecision } from "./meeting-vote.server";
import { appendRecord } from "./record.server";
import { change, closeMeeting, getMeeting, namesOf, requireStatus, type Meeting } from "./meeting.server";
import { refuse } from "~/lib/refusal";
import { memberships } from "../../db/schema";

export type ActionItemRow = { id: string; itemId: string | null; text: string; ownerName: string; dueAt: number | null };

export function listActionItems(meetingId: string): ActionItemRow[] {
  return db
    .select({
      id: actionItems.id,
      itemId: actionItems.itemId,
      text: actionItems.text,
      ownerName: actionItems.ownerName,
      ownerUser: users.displayName,
      dueAt: actionItems.dueAt,
    })
    .from(actionItems)
    .leftJoin(users, eq(users.id, actionItems.ownerUserId))
    .where(eq(actionItems.meetingId, meetingId))
    .orderBy(asc(actionItems.createdAt))
    .all()
    .map((r) => ({ id: r.id, itemId: r.itemId, text: r.text, ownerName: r.ownerUser ?? r.ownerName, dueAt: r.dueAt }));
}

export function buildMinutes(meetingId: string) {
  const m = getMeeting(meetingId);
  if (!m) return null;
  const assembly = getAssembly(m.assemblyId)!;
  const names = namesOf([m.facilitatorId, m.noteTakerId, m.timekeeperId]);
  const attended = listAttended(meetingId);
  const voting = new Set(votingMemberIds(m.assemblyId));
  const votingAttended = attended.filter((a) => voting.has(a.userId)).length;
  const decisions = meetingDecisions(meetingId);
  const actions = listActionItems(meetingId);
  const items = listAgenda(meetingId)
    .filter((i) => i.status === "open" || i.status === "done" || i.status === "deferred")
    .map((i, n) => ({
      id: i.id,
      number: n + 1,
      kind: i.kind,
      title: i.title,
      description: i.description,
      presenterName: i.presenterName,
      proposalNumber: i.proposalNumber,
      timeboxMinutes: i.timeboxMinutes,
      spentMinutes: Math.round(i.spentMs / 60_000),
      taken: i.startedAt !== null,
      status: i.status,
      notes: i.notes,
      decisions: decisions.filter((d) => d.itemId === i.id),
      actions: actions.filter((a) => a.itemId === i.id),
    }));
  const adoptedIn = m.minutesAdoptedInMeetingId ? getMeeting(m.minutesAdoptedInMeetingId) : null;
  return {
    meeting: {
      id: m.id,
      title: m.title,
      status: m.status,
      startsAt: m.startsAt,
      startedAt: m.startedAt,
      closedAt: m.closedAt,
      place: m.place,
      link: m.link,
      shortNotice: m.shortNotice,
      summary: m.minutesSummary,
      rev: m.minutesRev,
      adoptedAt: m.minutesAdoptedAt,
      adoptedIn: adoptedIn ? { id: adoptedIn.id, title: adoptedIn.title, startsAt: adoptedIn.startsAt } : null,
    },
    assembly: { name: assembly.name, slug: assembly.slug, timeZone: assemblyTimeZone(assembly) },
    roles: {
      facilitator: m.facilitatorId ? (names.get(m.facilitatorId) ?? null) : null,
      noteTaker: m.noteTakerId ? (names.get(m.noteTakerId) ?? null) : null,
      timekeeper: m.timekeeperId ? (names.get(m.timekeeperId) ?? null) : null,
    },
    attendance: { people: attended.map((a) => ({ name: a.name, left: a.leftAt !== null, voting: voting.has(a.userId) })), quorum: quorumNow(m.assemblyId, votingAttended) },
    items,
    decisions,
    actions,
  };
}

export type Minutes = NonNullable<ReturnType<typeof buildMinutes>>;

function requireEditable(m: Meeting, expectedRev: number | null) {
  if (m.status === "cancelled") refuse("conflict", "meetings.errors.cancelled");
  if (m.minutesAdoptedAt !== null) refuse("conflict", "meetings.errors.minutesAdopted");
  if (expectedRev !== null && m.minutesRev !== expectedRev) refuse("conflict", "meetings.errors.minutesStale");
}

function bumpMinutes(meetingId: string, m: Meeting) {
  db.update(meetings)
    .set({ minutesRev: m.minutesRev + 1 })
    .where(eq(meetings.id, meetingId))
    .run();
}

/**
 * Saves the summary and every item's notes at once. `expectedRev` is the revision the
 * editor opened; if someone saved in between, refused (their text is kept on the page).
 */
export function saveMinutes(input: { meetingId: string; summary: string; notes: Record<string, string>; expectedRev: number }) {
  return change(input.meetingId, (m) => {
    requireEditable(m, input.expectedRev);
    db.update(meetings).set({ minutesSummary: input.summary }).where(eq(meetings.id, m.id)).run();
    const ids = Object.keys(input.notes);
    if (ids.length) {
      const mine = new Set(
        db
          .select({ id: agendaItems.id })
          .from(agendaItems)
          .where(and(eq(agendaItems.meetingId, m.id), inArray(agendaItems.id, ids)))
          .all()
          .map((r) => r.id),
      );
      for (const id of ids) {
        if (!mine.has(id)) refuse("not_found", "meetings.errors.itemNotFound");
        db.update(agendaItems).set({ notes: input.notes[id] }).where(eq(agendaItems.id, id)).run();
      }
    }
    bumpMinutes(m.id, m);
    return { rev: m.minutesRev + 1 };
  });
}

/** The note-taker's notes on one item, from the console while the meeting runs. */
export function saveItemNotes(input: { meetingId: string; itemId: string; notes: string; expectedRev: number }) {
  return change(input.meetingId, (m) => {
    requireEditable(m, input.expectedRev);
    const item = db
      .select({ id: agendaItems.id })
      .from(agendaItems)
      .where(and(eq(agendaItems.id, input.itemId), eq(agendaItems.meetingId, m.id)))
      .get();
    if (!item) refuse("not_found", "meetings.errors.itemNotFound");
    db.update(agendaItems).set({ notes: input.notes }).where(eq(agendaItems.id, item.id)).run();
    bumpMinutes(m.id, m);
    return { rev: m.minutesRev + 1 };
  });
}

export function addActionItem(input: { meetingId: string; itemId: string | null; text: string; ownerUserId: string | null; ownerName: string; dueAt: number | null; by: string; now: number }) {
  return change(input.meetingId, (m) => {
    requireEditable(m, null);
    if (input.itemId) {
      const item = db
        .select({ id: agendaItems.id })
        .from(agendaItems)
        .where(and(eq(agendaItems.id, input.itemId), eq(agendaItems.meetingId, m.id)))
        .get();
      if (!item) refuse("not_found", "meetings.errors.itemNotFound");
    }
    if (input.ownerUserId) {
      const member = db
        .select({ id: memberships.id })
        .from(memberships)
        .where(and(eq(memberships.assemblyId, m.assemblyId), eq(memberships.userId, input.ownerUserId)))
        .get();
      if (!member) refuse("invalid", "meetings.errors.notMember");
    }
    const id = newId();
    db.insert(actionItems)
      .values({ id, meetingId: m.id, itemId: input.itemId, text: input.text, ownerUserId: input.ownerUserId, ownerName: input.ownerName, dueAt: input.dueAt, createdBy: input.by, createdAt: input.now })
      .run();
    bumpMinutes(m.id, m);
    return { actionId: id };
  });
}

export function removeActionItem(input: { meetingId: string; actionId: string }) {
  return change(input.meetingId, (m) => {
    requireEditable(m, null);
    const row = db
      .select({ id: actionItems.id })
      .from(actionItems)
      .where(and(eq(actionItems.id, input.actionId), eq(actionItems.meetingId, m.id)))
      .get();
    if (!row) refuse("not_found", "meetings.errors.actionNotFound");
    db.delete(actionItems).where(eq(actionItems.id, row.id)).run();
    bumpMinutes(m.id, m);
    return {};
  });
}

/**
 * The next meeting adopts the minutes of an earlier, closed one (Robert's Rules 41:9–41:12:
 * minutes are approved at the following meeting). Recorded in the decision record.
 */
export function adoptMinutes(input: { meetingId: string; inMeetingId: string; now: number }) {
  return change(input.inMeetingId, (current) => {
    requireStatus(current, "running");
    const target = getMeeting(input.meetingId);
    if (!target || target.assemblyId !== current.assemblyId) refuse("not_found", "meetings.errors.notFound");
    if (target.status !== "closed" || target.startsAt >= current.startsAt) refuse("conflict", "meetings.errors.minutesNotAdoptable");
    if (target.minutesAdoptedAt !== null) refuse("conflict", "meetings.errors.minutesAdopted");
    db.update(meetings).set({ minutesAdoptedAt: input.now, minutesAdoptedInMeetingId: current.id }).where(eq(meetings.id, target.id)).run();
    appendRecord({
      assemblyId: current.assemblyId,
      kind: "minutes",
      subjectId: target.id,
      summary: "record.meeting.minutesAdopted",
      params: { title: target.title, date: new Date(target.startsAt).toISOString().slice(0, 10) },
      payload: { meetingId: target.id, adoptedInMeetingId: current.id, minutesRev: target.minutesRev },
      at: input.now,
    });
    return {};
  });
}

/** Markdown has few specials in running text; escaping them keeps titles literal. */
function md(s: string) {
  return s.replace(/([\\`*_[\]#<>|])/g, "\\$1");
}

function positionLine(locale: Locale, p: MinutesDecision["positions"][number]) {
  const t = (k: string, params?: Record<string, string | number>) => translate(locale, k, params);
  const who = p.name ? md(p.name) : t("meetings.minutes.anonymous");
  const why = p.reason ?? p.text ?? "";
  return `- ${t(`meetings.choice.${p.choice}`)} — ${who}${why ? `: ${md(why)}` : ""}`;
}

/** The minutes as Markdown, in the reader's language (explanations come from the engine in both). */
export function minutesMarkdown(min: Minutes, locale: Locale): string {
  const t = (k: string, params?: Record<string, string | number>) => translate(locale, k, params);
  const L: string[] = [];
  L.push(`# ${t("meetings.minutes.title", { title: md(min.meeting.title) })}`, "");
  L.push(`${md(min.assembly.name)} · ${formatDateTime(locale, min.meeting.startedAt ?? min.meeting.startsAt, min.assembly.timeZone)}`, "");
  if (min.meeting.place) L.push(`${t("meetings.field.place")}: ${md(min.meeting.place)}  `);
  if (min.meeting.link) L.push(`${t("meetings.field.link")}: ${min.meeting.link}  `);
  const roles = [
    min.roles.facilitator ? `${t("meetings.role.facilitator")}: ${md(min.roles.facilitator)}` : null,
    min.roles.noteTaker ? `${t("meetings.role.noteTaker")}: ${md(min.roles.noteTaker)}` : null,
    min.roles.timekeeper ? `${t("meetings.role.timekeeper")}: ${md(min.roles.timekeeper)}` : null,
  ].filter(Boolean);
  if (roles.length) L.push(roles.join(" · ") + "  ");
  L.push(
    min.meeting.adoptedAt
      ? t("meetings.minutes.adoptedOn", { date: formatDate(locale, min.meeting.adoptedAt, min.assembly.timeZone), meeting: md(min.meeting.adoptedIn?.title ?? "") })
      : t("meetings.minutes.draft"),
    "",
  );

  L.push(`## ${t("meetings.minutes.attendance")}`, "");
  L.push(t("meetings.minutes.attendanceCount", { count: min.attendance.people.length }), "");
  for (const p of min.attendance.people) L.push(`- ${md(p.name)}${p.voting ? "" : ` (${t("role.observer")})`}${p.left ? ` (${t("meetings.minutes.left")})` : ""}`);
  L.push("", min.attendance.quorum.explanation[locale], "");

  if (min.meeting.summary.trim()) L.push(`## ${t("meetings.minutes.summary")}`, "", min.meeting.summary.trim(), "");

  L.push(`## ${t("meetings.minutes.agenda")}`, "");
  for (const i of min.items) {
    const bits = [t(`meetings.kind.${i.kind}`), i.presenterName ? md(i.presenterName) : null, t("meetings.minutes.timebox", { minutes: i.timeboxMinutes })];
    if (i.taken) bits.push(t("meetings.minutes.took", { minutes: i.spentMinutes }));
    L.push(`### ${i.number}. ${md(i.title)}`, "", `_${bits.filter(Boolean).join(" · ")}_`, "");
    if (i.status === "deferred") L.push(t("meetings.minutes.deferred"), "");
    else if (!i.taken) L.push(t("meetings.minutes.notReached"), "");
    if (i.notes.trim()) L.push(i.notes.trim(), "");
    for (const d of i.decisions) {
      const head = t("meetings.minutes.decision", { number: d.proposalNumber ?? "?", title: md(d.proposalTitles?.[locale] ?? d.proposalTitle), round: d.roundNumber });
      const outcome = d.outcome ? t(`meetings.minutes.outcome.${d.outcome}`) : t("meetings.minutes.outcome.open");
      L.push(`**${head}: ${outcome}.** ${d.explanation ? d.explanation[locale] : ""}`.trimEnd(), "");
      if (d.counts) L.push(Object.entries(d.counts).map(([c, n]) => `${t(`meetings.choice.${c}`)}: ${n}`).join(" · ") + (d.handCounted ? ` (${t("meetings.minutes.handCounted", { count: d.handCounted })})` : "") + (d.byProxy ? ` (${t("proxies.byProxy", { n: d.byProxy })})` : ""), "");
      if (d.positions.length) {
        for (const p of d.positions) L.push(positionLine(locale, p));
        L.push("");
      }
    }
    if (i.actions.length) {
      L.push(`${t("meetings.minutes.actions")}:`, "");
      for (const a of i.actions) L.push(actionLine(locale, a, min.assembly.timeZone));
      L.push("");
    }
  }
  const loose = min.actions.filter((a) => !a.itemId);
  if (min.actions.length) {
    L.push(`## ${t("meetings.minutes.allActions")}`, "");
    for (const a of [...min.actions.filter((a) => a.itemId), ...loose]) L.push(actionLine(locale, a, min.assembly.timeZone));
    L.push("");
  }
  return L.join("\n");
}

function actionLine(locale: Locale, a: ActionItemRow, zone: string) {
  const t = (k: string, params?: Record<string, string | number>) => translate(locale, k, params);
  const owner = a.ownerName ? ` — ${md(a.ownerName)}` : ` — ${t("meetings.minutes.noOwner")}`;
  const due = a.dueAt ? ` (${t("meetings.minutes.due", { date: formatDate(locale, a.dueAt, zone) })})` : "";
  return `- [ ] ${md(a.text)}${owner}${due}`;
}

/**
 * Closes the meeting (see `closeMeeting`): the decision record gets how many attended,
 * whether quorum held at the close, and every decision taken.
 */
export function finishMeeting(meetingId: string, now: number) {
  return closeMeeting(meetingId, now, meetingDecisions, () => {
    const m = getMeeting(meetingId)!;
    const attended = listAttended(meetingId).length;
    const q = quorumNow(m.assemblyId, listPresent(meetingId).filter((p) => p.voting).length);
    return { present: attended, members: q.members, quorumMet: q.met };
  });
}
