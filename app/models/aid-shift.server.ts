/**
 * Shifts: recurring aid activities (food distribution every Saturday 10:00–12:00, a school
 * pick-up rota) in Karrot's model — a series by repeat rule, activities generated weeks ahead,
 * participants per slot up to a maximum (docs/domain.md#mutual-aid). A shift whose slots are
 * not full two days before it starts is short of people, and shows in everyone's inbox.
 */
import { and, asc, eq, gt, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import { attempt, db, transaction } from "~/db.server";
import { refuse, type Result } from "~/lib/refusal";
import { newId } from "~/lib/ids.server";
import { DAY, type AidViewer } from "~/lib/aid-fields";
import { nextOccurrences } from "~/lib/aid-shifts";
import { serverTimeZone } from "~/lib/time-zones";
import { assemblyTimeZone, getAssembly } from "./assembly.server";
import { aidShiftSeries, aidShiftSignups, aidShiftSlots, aidShifts, assemblies, memberships, users } from "../../db/schema";

/** How far ahead a shift that is not full counts as short of people. */
export const SHORT_NOTICE_MS = 2 * DAY;

export type SlotSpec = { role: string; max: number };
export type SeriesInput = { title: string; place: string; firstStartsAt: number; durationMinutes: number; everyWeeks: number; weeksAhead: number; slots: SlotSpec[] };

/** A coordinator starts a series; its shifts for the coming weeks are generated at once. */
export function createSeries(assemblyId: string, viewer: AidViewer, input: SeriesInput, now: number): Result<{ id: string }> {
  return attempt(() => {
    if (!viewer.coordinator) refuse("forbidden", "aid.errors.coordinatorsOnly");
    const id = newId();
    db.insert(aidShiftSeries)
      .values({ id, assemblyId, title: input.title, place: input.place, firstStartsAt: input.firstStartsAt, durationMinutes: input.durationMinutes, everyWeeks: input.everyWeeks, weeksAhead: input.weeksAhead, slots: JSON.stringify(input.slots), createdBy: viewer.userId, createdAt: now })
      .run();
    generateFor(db.select().from(aidShiftSeries).where(eq(aidShiftSeries.id, id)).get()!, now);
    return { id };
  });
}

function generateFor(series: typeof aidShiftSeries.$inferSelect, now: number): number {
  const slots = JSON.parse(series.slots) as SlotSpec[];
  let made = 0;
  const body = getAssembly(series.assemblyId);
  const zone = body ? assemblyTimeZone(body) : serverTimeZone();
  for (const startsAt of nextOccurrences(series.firstStartsAt, series.everyWeeks, now, now + series.weeksAhead * 7 * DAY, zone)) {
    const id = newId();
    const r = db
      .insert(aidShifts)
      .values({ id, seriesId: series.id, assemblyId: series.assemblyId, startsAt, endsAt: startsAt + series.durationMinutes * 60_000 })
      .onConflictDoNothing()
      .run();
    if (r.changes !== 1) continue;
    for (const s of slots) db.insert(aidShiftSlots).values({ id: newId(), shiftId: id, role: s.role, max: s.max }).run();
    made++;
  }
  return made;
}

/** The background job: every live series keeps its weeks ahead generated. */
export function generateShifts(now: number): number {
  let made = 0;
  for (const s of db.select().from(aidShiftSeries).where(isNull(aidShiftSeries.endedAt)).all()) made += transaction(() => generateFor(s, now));
  return made;
}

/** A coordinator ends a series: its future shifts go (past ones stay, for the reports). */
export function endSeries(assemblyId: string, seriesId: string, viewer: AidViewer, now: number): Result {
  return attempt(() => {
    if (!viewer.coordinator) refuse("forbidden", "aid.errors.coordinatorsOnly");
    const s = db.select().from(aidShiftSeries).where(and(eq(aidShiftSeries.id, seriesId), eq(aidShiftSeries.assemblyId, assemblyId))).get();
    if (!s) refuse("not_found", "aid.errors.notFound");
    db.update(aidShiftSeries).set({ endedAt: now }).where(eq(aidShiftSeries.id, s.id)).run();
    db.delete(aidShifts).where(and(eq(aidShifts.seriesId, s.id), gt(aidShifts.startsAt, now))).run();
    return {};
  });
}

export function seriesOf(assemblyId: string) {
  return db.select().from(aidShiftSeries).where(and(eq(aidShiftSeries.assemblyId, assemblyId), isNull(aidShiftSeries.endedAt))).orderBy(asc(aidShiftSeries.title)).all();
}

function slotIn(assemblyId: string, slotId: string) {
  const row = db
    .select({ slot: aidShiftSlots, shift: aidShifts })
    .from(aidShiftSlots)
    .innerJoin(aidShifts, eq(aidShifts.id, aidShiftSlots.shiftId))
    .where(and(eq(aidShiftSlots.id, slotId), eq(aidShifts.assemblyId, assemblyId)))
    .get();
  if (!row) refuse("not_found", "aid.errors.notFound");
  return row;
}

const signedCount = (slotId: string) => db.select({ n: sql<number>`count(*)` }).from(aidShiftSignups).where(eq(aidShiftSignups.slotId, slotId)).get()?.n ?? 0;

/** A member signs up for a slot: before the shift starts, while the slot has room, once per shift. */
export function signUp(assemblyId: string, slotId: string, userId: string, now: number): Result {
  return attempt(() => {
    const { slot, shift } = slotIn(assemblyId, slotId);
    if (shift.startsAt <= now) refuse("conflict", "aid.errors.shiftStarted");
    const onShift = db
      .select({ n: sql<number>`count(*)` })
      .from(aidShiftSignups)
      .innerJoin(aidShiftSlots, eq(aidShiftSlots.id, aidShiftSignups.slotId))
      .where(and(eq(aidShiftSlots.shiftId, shift.id), eq(aidShiftSignups.userId, userId)))
      .get()?.n;
    if (onShift) refuse("conflict", "aid.errors.alreadySignedUp");
    if (signedCount(slot.id) >= slot.max) refuse("conflict", "aid.errors.slotFull");
    db.insert(aidShiftSignups).values({ slotId: slot.id, userId, createdAt: now }).run();
    return {};
  });
}

/** A member drops out of a slot before the shift starts. */
export function dropOut(assemblyId: string, slotId: string, userId: string, now: number): Result {
  return attempt(() => {
    const { slot, shift } = slotIn(assemblyId, slotId);
    if (shift.startsAt <= now) refuse("conflict", "aid.errors.shiftStarted");
    const r = db.delete(aidShiftSignups).where(and(eq(aidShiftSignups.slotId, slot.id), eq(aidShiftSignups.userId, userId))).run();
    if (r.changes !== 1) refuse("conflict", "aid.errors.notSignedUp");
    return {};
  });
}

/** The shifts of the coming weeks with their slots, who signed up, and the viewer's own places. */
export function upcomingShifts(assemblyId: string, userId: string, now: number, until = now + 28 * DAY) {
  const shifts = db
    .select({ id: aidShifts.id, startsAt: aidShifts.startsAt, endsAt: aidShifts.endsAt, title: aidShiftSeries.title, place: aidShiftSeries.place, seriesId: aidShiftSeries.id })
    .from(aidShifts)
    .innerJoin(aidShiftSeries, eq(aidShiftSeries.id, aidShifts.seriesId))
    .where(and(eq(aidShifts.assemblyId, assemblyId), gt(aidShifts.endsAt, now), lt(aidShifts.startsAt, until)))
    .orderBy(asc(aidShifts.startsAt))
    .all();
  if (!shifts.length) return [];
  const slots = db.select().from(aidShiftSlots).where(inArray(aidShiftSlots.shiftId, shifts.map((s) => s.id))).orderBy(asc(aidShiftSlots.role)).all();
  const signups = slots.length
    ? db
        .select({ slotId: aidShiftSignups.slotId, userId: aidShiftSignups.userId, name: users.displayName })
        .from(aidShiftSignups)
        .innerJoin(users, eq(users.id, aidShiftSignups.userId))
        .where(inArray(aidShiftSignups.slotId, slots.map((s) => s.id)))
        .all()
    : [];
  return shifts.map((s) => {
    const mine = slots.filter((sl) => sl.shiftId === s.id).map((sl) => {
      const people = signups.filter((p) => p.slotId === sl.id);
      return { id: sl.id, role: sl.role, max: sl.max, taken: people.length, names: people.map((p) => p.name), mine: people.some((p) => p.userId === userId) };
    });
    const open = mine.reduce((n, sl) => n + Math.max(0, sl.max - sl.taken), 0);
    return { ...s, slots: mine, open, short: open > 0 && s.startsAt - now <= SHORT_NOTICE_MS && s.startsAt > now, signedUp: mine.some((sl) => sl.mine) };
  });
}

/**
 * Shifts short of people: starting within the next two days with a slot not full. Without an
 * assembly, across every body the person belongs to (the inbox's "needs you").
 */
export function shortShifts(where: { assemblyId?: string; userId?: string }, now: number) {
  const rows = db
    .select({
      id: aidShifts.id,
      assemblyId: aidShifts.assemblyId,
      slug: assemblies.slug,
      assemblyName: assemblies.name,
      title: aidShiftSeries.title,
      startsAt: aidShifts.startsAt,
      open: sql<number>`(select coalesce(sum(max(0, sl.max - (select count(*) from aid_shift_signups su where su.slot_id = sl.id))), 0) from aid_shift_slots sl where sl.shift_id = ${aidShifts.id})`,
    })
    .from(aidShifts)
    .innerJoin(aidShiftSeries, eq(aidShiftSeries.id, aidShifts.seriesId))
    .innerJoin(assemblies, eq(assemblies.id, aidShifts.assemblyId))
    .where(
      and(
        gt(aidShifts.startsAt, now),
        lt(aidShifts.startsAt, now + SHORT_NOTICE_MS + 1),
        where.assemblyId ? eq(aidShifts.assemblyId, where.assemblyId) : undefined,
        where.userId ? inArray(aidShifts.assemblyId, db.select({ id: memberships.assemblyId }).from(memberships).where(eq(memberships.userId, where.userId))) : undefined,
      ),
    )
    .orderBy(asc(aidShifts.startsAt))
    .all();
  return rows.filter((r) => r.open > 0);
}

/** A member's own shifts from `since` on, for their calendar feed. */
export function shiftsForCalendar(userId: string, since: number) {
  return db
    .select({ shiftId: aidShifts.id, slotId: aidShiftSlots.id, role: aidShiftSlots.role, startsAt: aidShifts.startsAt, endsAt: aidShifts.endsAt, title: aidShiftSeries.title, place: aidShiftSeries.place, slug: assemblies.slug, assemblyName: assemblies.name })
    .from(aidShiftSignups)
    .innerJoin(aidShiftSlots, eq(aidShiftSlots.id, aidShiftSignups.slotId))
    .innerJoin(aidShifts, eq(aidShifts.id, aidShiftSlots.shiftId))
    .innerJoin(aidShiftSeries, eq(aidShiftSeries.id, aidShifts.seriesId))
    .innerJoin(assemblies, eq(assemblies.id, aidShifts.assemblyId))
    .innerJoin(memberships, and(eq(memberships.assemblyId, aidShifts.assemblyId), eq(memberships.userId, userId)))
    .where(and(eq(aidShiftSignups.userId, userId), gte(aidShifts.startsAt, since)))
    .orderBy(asc(aidShifts.startsAt))
    .all();
}

/** Shift coverage for the next weeks (places taken of places offered), per week, for the overview chart. */
export function coverageByWeek(assemblyId: string, now: number, weeks = 4) {
  const out: Array<{ weekStart: number; places: number; taken: number }> = [];
  for (let w = 0; w < weeks; w++) {
    const from = now + w * 7 * DAY;
    const to = from + 7 * DAY;
    const r = db
      .select({
        places: sql<number>`coalesce(sum(${aidShiftSlots.max}), 0)`,
        taken: sql<number>`coalesce(sum((select count(*) from aid_shift_signups su where su.slot_id = ${aidShiftSlots.id})), 0)`,
      })
      .from(aidShiftSlots)
      .innerJoin(aidShifts, eq(aidShifts.id, aidShiftSlots.shiftId))
      .where(and(eq(aidShifts.assemblyId, assemblyId), gte(aidShifts.startsAt, from), lt(aidShifts.startsAt, to)))
      .get();
    out.push({ weekStart: from, places: r?.places ?? 0, taken: r?.taken ?? 0 });
  }
  return out;
}
