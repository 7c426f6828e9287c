import { fromWallClock, wallClock } from "./time-zones";

/**
 * A shift series' repeat rule: the first occurrence, then every `everyWeeks` weeks at the same
 * wall-clock time in the assembly's zone (as its meetings are: app/lib/time-zones.ts), so
 * "Saturday 10:00" stays 10:00 across a daylight-saving change wherever the server runs.
 */
export function nextOccurrences(firstStartsAt: number, everyWeeks: number, from: number, until: number, zone: string): number[] {
  const out: number[] = [];
  const step = Math.max(1, everyWeeks) * 7;
  const first = wallClock(firstStartsAt, zone);
  // Seconds and milliseconds past the minute ride along (zones differ by whole minutes).
  const rest = ((firstStartsAt % 60_000) + 60_000) % 60_000;
  // Start a week before `from` (a daylight-saving hour cannot move an occurrence further).
  const skip = Math.max(0, Math.floor((from - firstStartsAt) / (step * 86_400_000)) - 1);
  for (let k = skip; k < skip + 1000; k++) {
    // Date.UTC carries a day past the month's end into the next month, as a calendar does.
    const day = new Date(Date.UTC(first.year, first.month - 1, first.day + k * step));
    const t = fromWallClock(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), first.hour, first.minute, zone) + rest;
    if (t > until) break;
    if (t > from) out.push(t);
  }
  return out;
}
