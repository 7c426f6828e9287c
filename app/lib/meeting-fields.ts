/**
 * The meeting forms' option lists and date-field helpers, without zod, so the pages that use
 * them do not ship the validation library to phones. The schemas are in
 * ./meeting-validation.server.ts.
 */
export const AGENDA_KIND_OPTIONS = ["proposal", "report", "discussion", "report_back", "announcement", "break"] as const;

/**
 * A wall-clock time typed on a device → epoch ms. The page adds the device's UTC offset for
 * that date (`tzOffset`, minutes as Date#getTimezoneOffset gives them); without JavaScript
 * the server's own time zone is used, which is the room's when the laptop serves it.
 */
export function parseLocalDateTime(value: string, tzOffset?: number | null): number {
  const [date, time] = value.split("T");
  const [y, mo, d] = date.split("-").map(Number);
  const [h, mi] = time.split(":").map(Number);
  if (tzOffset !== undefined && tzOffset !== null && Number.isFinite(tzOffset)) return Date.UTC(y, mo - 1, d, h, mi) + tzOffset * 60_000;
  return new Date(y, mo - 1, d, h, mi).getTime();
}

/** Epoch ms → the value a datetime-local field shows, in the server's time zone. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}
