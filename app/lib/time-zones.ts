/**
 * Time zones. An assembly writes every date in its own zone (chosen at founding, the server's
 * by default), so "Closes 08:15" reads the same on the server, in every browser and in the
 * minutes, whatever zone a phone is set to (docs/decisions/015-meeting-night-follow-ups.md).
 * Pure: the zone database is the runtime's own (Intl), no clock is read.
 */

/** The zone the server runs in: the default for a new assembly and for pages outside one. */
export function serverTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

let zones: string[] | null = null;

/** Every IANA zone name the runtime knows (Intl.supportedValuesOf), with UTC and the server's. */
export function timeZones(): string[] {
  if (!zones) {
    const known = new Set(Intl.supportedValuesOf("timeZone"));
    known.add("UTC");
    known.add(serverTimeZone());
    zones = [...known].sort();
  }
  return zones;
}

export function isTimeZone(zone: string): boolean {
  return timeZones().includes(zone);
}

/** "America/Mexico_City" → "America/Mexico City", as people read it. */
export function zoneLabel(zone: string): string {
  return zone.replace(/_/g, " ");
}

type Parts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const partFormatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock reading of `ms` in `zone`. */
export function wallClock(ms: number, zone: string): Parts {
  let f = partFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    partFormatters.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { year: Number(p.year), month: Number(p.month), day: Number(p.day), hour: Number(p.hour) % 24, minute: Number(p.minute), second: Number(p.second) };
}

/** How far `zone`'s clock is ahead of UTC at `ms`, in ms. */
function offsetAt(ms: number, zone: string): number {
  const w = wallClock(ms, zone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * The instant a wall-clock time in `zone` names. In the hour a clock skips (spring forward)
 * it is the instant an hour later; in the hour it repeats, the first of the two.
 */
export function fromWallClock(year: number, month: number, day: number, hour: number, minute: number, zone: string): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const first = guess - offsetAt(guess, zone);
  const second = guess - offsetAt(first, zone);
  if (first === second) return first;
  // Two offsets around a change: the earlier instant that reads as asked, else the later one.
  const candidates = [Math.min(first, second), Math.max(first, second)];
  for (const c of candidates) {
    const w = wallClock(c, zone);
    if (w.hour === hour && w.minute === minute && w.day === day) return c;
  }
  return Math.max(first, second);
}

/**
 * The zone a page writes its dates in: the deepest route that names one (an assembly's
 * layout, a meeting's live panel), else the root's (the server's). `data`: each matched
 * route's loader data, outermost first.
 */
export function pageZoneOf(data: unknown[]): string | undefined {
  for (let i = data.length - 1; i >= 0; i--) {
    const z = (data[i] as { timeZone?: unknown } | null | undefined)?.timeZone;
    if (typeof z === "string") return z;
  }
  return undefined;
}
