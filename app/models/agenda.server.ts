/**
 * A meeting's agenda: items with a kind, a presenter and a timebox, in order. Members
 * suggest items; a facilitator accepts or declines them. Reordering works by one step
 * (buttons, no JavaScript needed) or by a whole new order (drag and drop), the latter
 * refused when the agenda changed meanwhile.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { db } from "~/db.server";
import { agendaItems, meetingRounds, memberships, proposals, users } from "../../db/schema";
import { AGENDA_KINDS } from "../../db/schema/meetings";
import { newId } from "~/lib/ids.server";
import { READY_FOR_ROUND } from "~/engine";
import { change, nextPosition, requireStatus, type AgendaItem, type Meeting } from "./meeting.server";
import { refuse } from "~/lib/refusal";
import type { Locale } from "~/i18n";
import { titleFor } from "~/i18n/system-title";

export type AgendaKind = (typeof AGENDA_KINDS)[number];

export type AgendaItemInput = {
  kind: AgendaKind;
  title: string;
  description?: string;
  presenterUserId?: string | null;
  timeboxMinutes: number;
  proposalId?: string | null;
  reportBackId?: string | null;
};

function checkInput(m: Meeting, input: AgendaItemInput) {
  if (!AGENDA_KINDS.includes(input.kind)) refuse("invalid", "meetings.errors.kind");
  if (!Number.isInteger(input.timeboxMinutes) || input.timeboxMinutes < 1 || input.timeboxMinutes > 600) refuse("invalid", "meetings.errors.timebox");
  if (input.presenterUserId) {
    const member = db
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.assemblyId, m.assemblyId), eq(memberships.userId, input.presenterUserId)))
      .get();
    if (!member) refuse("invalid", "meetings.errors.presenterNotMember", { field: "presenterUserId" });
  }
  if (input.kind === "proposal") {
    if (!input.proposalId) refuse("invalid", "meetings.errors.proposalRequired", { field: "proposalId" });
    const p = db
      .select({ id: proposals.id, status: proposals.status })
      .from(proposals)
      .where(and(eq(proposals.id, input.proposalId), eq(proposals.assemblyId, m.assemblyId)))
      .get();
    if (!p) refuse("invalid", "meetings.errors.proposalNotFound", { field: "proposalId" });
    if (!(AGENDA_PROPOSAL_STATUSES as readonly string[]).includes(p.status)) refuse("invalid", "meetings.errors.proposalNotVotable", { field: "proposalId" });
  }
}

/**
 * Puts an item on a meeting's agenda. Other areas call it too: the federation puts a
 * delegate's report-back on the next meeting's agenda (with `nextMeetingOf`).
 */
export function addAgendaItem(meetingId: string, input: AgendaItemInput, opts: { now?: number; suggestedBy?: string | null } = {}) {
  return change(meetingId, (m) => {
    requireStatus(m, "scheduled", "running");
    checkInput(m, input);
    const id = newId();
    db.insert(agendaItems)
      .values({
        id,
        meetingId,
        position: nextPosition(meetingId),
        kind: input.kind,
        title: input.title,
        description: input.description ?? "",
        presenterUserId: input.presenterUserId ?? null,
        timeboxMinutes: input.timeboxMinutes,
        proposalId: input.kind === "proposal" ? (input.proposalId ?? null) : null,
        reportBackId: input.reportBackId ?? null,
        status: opts.suggestedBy ? "suggested" : "open",
        suggestedBy: opts.suggestedBy ?? null,
        createdAt: opts.now ?? Date.now(),
      })
      .run();
    return { itemId: id };
  });
}

/** A member's suggestion: it waits for a facilitator to accept or decline it. */
export function suggestAgendaItem(meetingId: string, input: AgendaItemInput, suggestedBy: string, now: number) {
  return addAgendaItem(meetingId, input, { now, suggestedBy });
}

function itemOf(meetingId: string, itemId: string) {
  const item = db
    .select()
    .from(agendaItems)
    .where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, meetingId)))
    .get();
  if (!item) refuse("not_found", "meetings.errors.itemNotFound");
  return item;
}

/** Accepting puts the suggestion at the end of the agenda; a second answer is refused. */
export function answerSuggestion(meetingId: string, itemId: string, accept: boolean) {
  return change(meetingId, (m) => {
    requireStatus(m, "scheduled", "running");
    const item = itemOf(meetingId, itemId);
    if (item.status !== "suggested") refuse("conflict", "meetings.errors.alreadyAnswered");
    db.update(agendaItems)
      .set(accept ? { status: "open", position: nextPosition(meetingId) } : { status: "declined" })
      .where(eq(agendaItems.id, itemId))
      .run();
    return {};
  });
}

export function updateAgendaItem(meetingId: string, itemId: string, input: AgendaItemInput) {
  return change(meetingId, (m) => {
    requireStatus(m, "scheduled", "running");
    const item = itemOf(meetingId, itemId);
    if (item.status === "declined") refuse("conflict", "meetings.errors.itemNotOpen");
    checkInput(m, input);
    db.update(agendaItems)
      .set({
        kind: input.kind,
        title: input.title,
        description: input.description ?? "",
        presenterUserId: input.presenterUserId ?? null,
        timeboxMinutes: input.timeboxMinutes,
        proposalId: input.kind === "proposal" ? (input.proposalId ?? null) : null,
      })
      .where(eq(agendaItems.id, itemId))
      .run();
    return {};
  });
}

/** Removes an item not yet taken up; one that was discussed or voted on stays in the minutes. */
export function removeAgendaItem(meetingId: string, itemId: string) {
  return change(meetingId, (m) => {
    requireStatus(m, "scheduled", "running");
    const item = itemOf(meetingId, itemId);
    if (m.currentItemId === itemId || item.startedAt !== null) refuse("conflict", "meetings.errors.itemStarted");
    const voted = db.select({ id: meetingRounds.id }).from(meetingRounds).where(eq(meetingRounds.itemId, itemId)).get();
    if (voted) refuse("conflict", "meetings.errors.itemStarted");
    db.delete(agendaItems).where(eq(agendaItems.id, itemId)).run();
    return {};
  });
}

const ON_AGENDA = ["open", "done", "deferred"] as const;

function agendaIds(meetingId: string) {
  return db
    .select({ id: agendaItems.id, position: agendaItems.position })
    .from(agendaItems)
    .where(and(eq(agendaItems.meetingId, meetingId), inArray(agendaItems.status, [...ON_AGENDA])))
    .orderBy(asc(agendaItems.position))
    .all();
}

function writeOrder(ids: string[]) {
  ids.forEach((id, i) => db.update(agendaItems).set({ position: i + 1 }).where(eq(agendaItems.id, id)).run());
}

/** One step up or down (the buttons). At either end it is a no-op, not an error. */
export function moveAgendaItem(meetingId: string, itemId: string, direction: "up" | "down") {
  return change(meetingId, (m) => {
    requireStatus(m, "scheduled", "running");
    const ids = agendaIds(meetingId).map((r) => r.id);
    const i = ids.indexOf(itemId);
    if (i < 0) refuse("not_found", "meetings.errors.itemNotFound");
    const j = direction === "up" ? i - 1 : i + 1;
    if (j >= 0 && j < ids.length) {
      [ids[i], ids[j]] = [ids[j], ids[i]];
      writeOrder(ids);
    }
    return { moved: j >= 0 && j < ids.length };
  });
}

/** A whole new order (drag and drop): it must name exactly the items on the agenda now. */
export function reorderAgenda(meetingId: string, orderedIds: string[]) {
  return change(meetingId, (m) => {
    requireStatus(m, "scheduled", "running");
    const current = agendaIds(meetingId).map((r) => r.id);
    const same = current.length === orderedIds.length && new Set(orderedIds).size === orderedIds.length && orderedIds.every((id) => current.includes(id));
    if (!same) refuse("conflict", "meetings.errors.agendaChanged");
    writeOrder(orderedIds);
    return {};
  });
}

export type AgendaRow = AgendaItem & { presenterName: string | null; suggestedByName: string | null; proposalTitle: string | null; proposalNumber: number | null };

/** Every item of a meeting with the names the page shows, in agenda order. */
export function listAgenda(meetingId: string): AgendaRow[] {
  const rows = db
    .select({
      item: agendaItems,
      presenterName: sql<string | null>`(select display_name from users u where u.id = ${agendaItems.presenterUserId})`,
      suggestedByName: sql<string | null>`(select display_name from users u where u.id = ${agendaItems.suggestedBy})`,
      proposalTitle: sql<string | null>`(select title from proposals p where p.id = ${agendaItems.proposalId})`,
      proposalNumber: sql<number | null>`(select number from proposals p where p.id = ${agendaItems.proposalId})`,
    })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position))
    .all();
  return rows.map((r) => ({ ...r.item, presenterName: r.presenterName, suggestedByName: r.suggestedByName, proposalTitle: r.proposalTitle, proposalNumber: r.proposalNumber }));
}

/** Proposals of the body that a proposal item can take up (not yet decided or withdrawn). */
/**
 * Proposals an agenda item can bring to a vote: in discussion, tabled (its fallback round) or
 * already being voted on online (the console then says what is open). A draft is its author's
 * until they put it to discussion (app/engine/lifecycle.ts), so it is not offered.
 */
export const AGENDA_PROPOSAL_STATUSES = [...READY_FOR_ROUND, "voting"] as const;

export function proposalsForAgenda(assemblyId: string, locale: Locale) {
  return db
    .select({ id: proposals.id, number: proposals.number, title: proposals.title, systemTitle: proposals.systemTitle, status: proposals.status })
    .from(proposals)
    .where(and(eq(proposals.assemblyId, assemblyId), inArray(proposals.status, [...AGENDA_PROPOSAL_STATUSES])))
    .orderBy(asc(proposals.number))
    .all()
    .map(({ systemTitle, ...p }) => ({ ...p, title: titleFor(locale, { title: p.title, systemTitle }) }));
}

export function membersForPicker(assemblyId: string) {
  return db
    .select({ id: users.id, name: users.displayName, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.assemblyId, assemblyId))
    .orderBy(asc(users.displayName))
    .all();
}
