/**
 * Timebox arithmetic, shared by the server and every screen. Pure: time comes in as an
 * argument. The server stores when the current item's clock started (shifted back by time
 * already spent on it) and how long it was extended; each screen corrects its own clock
 * by the server's `serverNow` so the countdown agrees everywhere.
 */

export type ItemClock = { startedAt: number | null; timeboxMinutes: number; extendedSeconds: number };

/** The item's whole allowance: its timebox plus any extensions. */
export function allowanceMs(c: Pick<ItemClock, "timeboxMinutes" | "extendedSeconds">): number {
  return (c.timeboxMinutes * 60 + c.extendedSeconds) * 1000;
}

/** Time left on the item; negative once it runs over. Null while the clock has not started. */
export function remainingMs(c: ItemClock, now: number): number | null {
  if (c.startedAt === null) return null;
  return allowanceMs(c) - (now - c.startedAt);
}

/** Time left in a speaker's turn under a per-turn limit (null: no limit or no speaker). */
export function turnRemainingMs(speakerStartedAt: number | null, limitSeconds: number | null, now: number): number | null {
  if (speakerStartedAt === null || !limitSeconds) return null;
  return limitSeconds * 1000 - (now - speakerStartedAt);
}

/** "12:05", "1:02:03", overtime as "−0:42" (a true minus sign, read aloud as minus). */
export function formatClock(ms: number): string {
  const negative = ms < 0;
  // Round toward the larger remaining second so a fresh 5:00 shows 5:00, not 4:59.
  const total = negative ? Math.floor(-ms / 1000) : Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const body = h > 0 ? `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}` : `${m}:${String(s).padStart(2, "0")}`;
  return negative && total > 0 ? `−${body}` : body;
}

export type PlannedSlot = { startsAt: number; endsAt: number };

/**
 * When each agenda item would start and end if taken in order from `startsAt`, and how far
 * the whole agenda runs past the meeting's scheduled length (0 when it fits).
 */
export function agendaPlan(startsAt: number, durationMinutes: number, items: Array<{ timeboxMinutes: number }>) {
  let t = startsAt;
  const slots: PlannedSlot[] = items.map((i) => {
    const slot = { startsAt: t, endsAt: t + i.timeboxMinutes * 60_000 };
    t = slot.endsAt;
    return slot;
  });
  const totalMinutes = items.reduce((n, i) => n + i.timeboxMinutes, 0);
  return { slots, totalMinutes, endsAt: t, overMinutes: Math.max(0, totalMinutes - durationMinutes) };
}

/** The server's clock as seen from here: what to add to Date.now() on this device. */
export function clockOffset(serverNow: number, receivedAt: number): number {
  return serverNow - receivedAt;
}

const DAY = 86_400_000;

/**
 * How many days early a meeting would start at `now` (0: on its day, or less than 12 hours
 * early). Starting days early is usually a slip (the wrong meeting opened), so the console
 * warns and asks again, and the minutes and the calendar then carry the day it was held.
 */
export function daysEarly(startsAt: number, now: number): number {
  const ahead = startsAt - now;
  return ahead <= DAY / 2 ? 0 : Math.max(1, Math.round(ahead / DAY));
}
