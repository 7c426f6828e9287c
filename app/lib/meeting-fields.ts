/**
 * The meeting forms' option lists and date-field helpers, without zod, so the pages that use
 * them do not ship the validation library to phones. The schemas are in
 * ./meeting-validation.server.ts.
 */
import { fromWallClock, serverTimeZone, wallClock } from "./time-zones";

export const AGENDA_KIND_OPTIONS = ["proposal", "report", "discussion", "report_back", "announcement", "break"] as const;

/**
 * A wall-clock time typed in a meeting form → epoch ms, read in the assembly's zone (the zone
 * every page shows it in, app/lib/time-zones.ts), whatever zone the device is set to.
 */
export function parseLocalDateTime(value: string, zone: string = serverTimeZone()): number {
  const [date, time] = value.split("T");
  const [y, mo, d] = date.split("-").map(Number);
  const [h, mi] = time.split(":").map(Number);
  return fromWallClock(y, mo, d, h, mi, zone);
}

/** Epoch ms → the value a datetime-local field shows, in the assembly's zone. */
export function toLocalInput(ms: number, zone: string = serverTimeZone()): string {
  const w = wallClock(ms, zone);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${w.year}-${p(w.month)}-${p(w.day)}T${p(w.hour)}:${p(w.minute)}`;
}
