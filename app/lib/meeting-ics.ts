/**
 * Meetings as an iCalendar feed (RFC 5545), so a phone calendar can subscribe: CRLF line
 * ends, text escaped (§3.3.11), lines folded at 75 octets (§3.1), times in UTC, one stable
 * UID per meeting, and SEQUENCE rising with each change so calendars take the update.
 */

export type IcsEvent = {
  uid: string;
  sequence: number;
  start: number;
  end: number;
  summary: string;
  description: string;
  location: string;
  url: string;
  cancelled: boolean;
};

/** §3.3.11: backslash, semicolon, comma and newlines are escaped in TEXT values. */
export function escapeText(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r\n|\r|\n/g, "\\n");
}

/** §3.3.5: a UTC date-time, e.g. 20261120T183000Z. */
export function utc(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

const encoder = new TextEncoder();

/** §3.1: lines longer than 75 octets continue on the next line after CRLF and a space. */
export function fold(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = "";
  let size = 0;
  const limit = () => (parts.length === 0 ? 75 : 74);
  for (const ch of line) {
    const n = encoder.encode(ch).length;
    if (size + n > limit()) {
      parts.push(current);
      current = "";
      size = 0;
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/**
 * Times are written in UTC (§3.3.5 form 2), which every calendar places right in its own zone;
 * `timeZone` (the assembly's, an IANA name) only tells calendars that show a calendar's zone
 * which one it is (X-WR-TIMEZONE, a widely read extension).
 */
export function calendar(name: string, events: IcsEvent[], now: number, opts: { timeZone?: string } = {}): string {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Plenary//Meetings//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", `X-WR-CALNAME:${escapeText(name)}`];
  if (opts.timeZone) lines.push(`X-WR-TIMEZONE:${escapeText(opts.timeZone)}`);
  for (const e of events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${e.uid}`,
      `SEQUENCE:${e.sequence}`,
      `DTSTAMP:${utc(now)}`,
      `DTSTART:${utc(e.start)}`,
      `DTEND:${utc(e.end)}`,
      `SUMMARY:${escapeText(e.summary)}`,
    );
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.url) lines.push(`URL:${e.url}`);
    lines.push(`STATUS:${e.cancelled ? "CANCELLED" : "CONFIRMED"}`, "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(fold).join("\r\n") + "\r\n";
}
