/**
 * The stack: people waiting to speak, in order. Members raise a hand from their phone or
 * the facilitator adds them. With a progressive stack, people who have not yet spoken in
 * this meeting go before those who have (a practice of Occupy general assemblies and many
 * consensus trainers, so the same few voices do not fill every item).
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { db } from "~/db.server";
import { stackEntries, users } from "../../db/schema";
import { newId } from "~/lib/ids.server";
import { isPresent } from "./attendance.server";
import { change, requireStatus, type Meeting } from "./meeting.server";
import { refuse } from "~/lib/refusal";

type Entry = typeof stackEntries.$inferSelect;
export type StackRow = { entryId: string; userId: string; name: string; raisedAt: number; firstTime: boolean; position: number };

/**
 * The waiting order. Stable: within each group, the order hands went up (or the
 * facilitator's reordering). Pure, so the rule can be tested on its own.
 */
export function orderStack<T extends { position: number; firstTime: boolean }>(waiting: T[], progressive: boolean): T[] {
  return [...waiting].sort((a, b) => {
    if (progressive && a.firstTime !== b.firstTime) return a.firstTime ? -1 : 1;
    return a.position - b.position;
  });
}

/** Who has spoken (or is speaking) in this meeting. */
function speakers(meetingId: string) {
  const rows = db
    .selectDistinct({ userId: stackEntries.userId })
    .from(stackEntries)
    .where(and(eq(stackEntries.meetingId, meetingId), inArray(stackEntries.status, ["speaking", "done"])))
    .all();
  return new Set(rows.map((r) => r.userId));
}

export function readStack(m: Pick<Meeting, "id" | "progressiveStack">) {
  const rows = db
    .select({ entry: stackEntries, name: users.displayName })
    .from(stackEntries)
    .innerJoin(users, eq(users.id, stackEntries.userId))
    .where(and(eq(stackEntries.meetingId, m.id), inArray(stackEntries.status, ["waiting", "speaking"])))
    .all();
  const spoke = speakers(m.id);
  const speakingRow = rows.find((r) => r.entry.status === "speaking");
  const waiting = orderStack(
    rows
      .filter((r) => r.entry.status === "waiting")
      .map((r) => ({ entryId: r.entry.id, userId: r.entry.userId, name: r.name, raisedAt: r.entry.raisedAt, position: r.entry.position, firstTime: !spoke.has(r.entry.userId) })),
    m.progressiveStack,
  );
  const speaking = speakingRow ? { entryId: speakingRow.entry.id, userId: speakingRow.entry.userId, name: speakingRow.name, startedAt: speakingRow.entry.startedAt! } : null;
  return { speaking, waiting };
}

function nextStackPosition(meetingId: string) {
  const row = db
    .select({ p: sql<number | null>`max(${stackEntries.position})` })
    .from(stackEntries)
    .where(eq(stackEntries.meetingId, meetingId))
    .get();
  return (row?.p ?? 0) + 1;
}

function activeEntryOf(meetingId: string, userId: string) {
  return db
    .select()
    .from(stackEntries)
    .where(and(eq(stackEntries.meetingId, meetingId), eq(stackEntries.userId, userId), inArray(stackEntries.status, ["waiting", "speaking"])))
    .get();
}

/**
 * Puts someone on the stack, from their phone or by the facilitator; either way they must
 * be checked in (the stack is for people in the room). A second raise of the same hand is
 * not an error and does not move them back.
 */
export function raiseHand(input: { meetingId: string; userId: string; by: string; now: number }) {
  return change(input.meetingId, (m) => {
    requireStatus(m, "running");
    if (!isPresent(m.id, input.userId)) refuse("forbidden", "meetings.errors.notCheckedIn");
    const existing = activeEntryOf(m.id, input.userId);
    if (existing) return { already: true, entryId: existing.id };
    const id = newId();
    db.insert(stackEntries)
      .values({ id, meetingId: m.id, userId: input.userId, itemId: m.currentItemId, status: "waiting", position: nextStackPosition(m.id), addedBy: input.by, raisedAt: input.now })
      .run();
    return { already: false, entryId: id };
  });
}

/** A member lowers their own hand (if still waiting; a turn already given just ends). */
export function lowerHand(input: { meetingId: string; userId: string; now: number }) {
  return change(input.meetingId, (m) => {
    requireStatus(m, "running");
    const e = activeEntryOf(m.id, input.userId);
    if (!e) return { already: true };
    db.update(stackEntries)
      .set({ status: e.status === "speaking" ? "done" : "removed", endedAt: input.now })
      .where(eq(stackEntries.id, e.id))
      .run();
    return { already: false };
  });
}

function waitingEntry(meetingId: string, entryId: string): Entry {
  const e = db
    .select()
    .from(stackEntries)
    .where(and(eq(stackEntries.id, entryId), eq(stackEntries.meetingId, meetingId)))
    .get();
  if (!e || e.status !== "waiting") refuse("conflict", "meetings.errors.stackChanged");
  return e;
}

export function removeFromStack(input: { meetingId: string; entryId: string; now: number }) {
  return change(input.meetingId, (m) => {
    requireStatus(m, "running");
    waitingEntry(m.id, input.entryId);
    db.update(stackEntries).set({ status: "removed", endedAt: input.now }).where(eq(stackEntries.id, input.entryId)).run();
    return {};
  });
}

/**
 * Ends the current turn and gives the floor to the first person waiting. `fromEntryId` is
 * the speaker the console showed (empty for none): if the floor already passed, refused.
 */
export function nextSpeaker(input: { meetingId: string; fromEntryId: string | null; now: number }) {
  return change(input.meetingId, (m) => {
    requireStatus(m, "running");
    const { speaking, waiting } = readStack(m);
    if ((speaking?.entryId ?? null) !== (input.fromEntryId || null)) refuse("conflict", "meetings.errors.speakerMovedOn");
    if (speaking) db.update(stackEntries).set({ status: "done", endedAt: input.now }).where(eq(stackEntries.id, speaking.entryId)).run();
    const next = waiting[0];
    if (next) db.update(stackEntries).set({ status: "speaking", startedAt: input.now, itemId: m.currentItemId }).where(eq(stackEntries.id, next.entryId)).run();
    return { speakerId: next?.userId ?? null, entryId: next?.entryId ?? null };
  });
}

/**
 * Moves someone one place in the waiting order as shown. With a progressive stack a
 * first-time speaker and a repeat speaker cannot swap: that order is the rule itself.
 */
export function moveOnStack(input: { meetingId: string; entryId: string; direction: "up" | "down" }) {
  return change(input.meetingId, (m) => {
    requireStatus(m, "running");
    waitingEntry(m.id, input.entryId);
    const { waiting } = readStack(m);
    const i = waiting.findIndex((w) => w.entryId === input.entryId);
    const j = input.direction === "up" ? i - 1 : i + 1;
    if (j < 0 || j >= waiting.length) return { moved: false };
    const a = waiting[i];
    const b = waiting[j];
    if (m.progressiveStack && a.firstTime !== b.firstTime) refuse("conflict", "meetings.errors.progressiveOrder");
    db.update(stackEntries).set({ position: b.position }).where(eq(stackEntries.id, a.entryId)).run();
    db.update(stackEntries).set({ position: a.position }).where(eq(stackEntries.id, b.entryId)).run();
    return { moved: true };
  });
}

/** Clears everyone still waiting (e.g. when an item ends and the room moves on). */
export function clearStack(input: { meetingId: string; now: number }) {
  return change(input.meetingId, (m) => {
    requireStatus(m, "running");
    db.update(stackEntries)
      .set({ status: "removed", endedAt: input.now })
      .where(and(eq(stackEntries.meetingId, m.id), eq(stackEntries.status, "waiting")))
      .run();
    return {};
  });
}

/** How many turns each person took, for the minutes. */
export function turnsByPerson(meetingId: string) {
  return db
    .select({ userId: stackEntries.userId, name: users.displayName, turns: sql<number>`count(*)` })
    .from(stackEntries)
    .innerJoin(users, eq(users.id, stackEntries.userId))
    .where(and(eq(stackEntries.meetingId, meetingId), inArray(stackEntries.status, ["speaking", "done"])))
    .groupBy(stackEntries.userId)
    .orderBy(asc(users.displayName))
    .all();
}
