/**
 * A shift series' repeat rule: the first occurrence, then every `everyWeeks` weeks at the same
 * wall-clock time in the server's zone (the room's, as for meetings: app/lib/meeting-fields.ts),
 * so "Saturday 10:00" stays 10:00 across a daylight-saving change.
 */
export function nextOccurrences(firstStartsAt: number, everyWeeks: number, from: number, until: number): number[] {
  const out: number[] = [];
  const step = Math.max(1, everyWeeks) * 7;
  // Start a week before `from` (a daylight-saving hour cannot move an occurrence further).
  const skip = Math.max(0, Math.floor((from - firstStartsAt) / (step * 86_400_000)) - 1);
  for (let k = skip; k < skip + 1000; k++) {
    const d = new Date(firstStartsAt);
    d.setDate(d.getDate() + k * step);
    const t = d.getTime();
    if (t > until) break;
    if (t > from) out.push(t);
  }
  return out;
}
