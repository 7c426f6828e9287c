/**
 * The events of a member's calendar feed (see app/lib/meeting-ics.ts), found by the secret
 * token in its address.
 */
import { eq } from "drizzle-orm";
import { db } from "~/db.server";
import { users } from "../../db/schema";
import { isLocale, translate, type Locale } from "~/i18n";
import type { IcsEvent } from "~/lib/meeting-ics";
import { listAgenda } from "./agenda.server";
import { meetingsForCalendar, type Meeting } from "./meeting.server";
import { shiftsForCalendar } from "./aid-shift.server";

const YEAR = 365 * 86_400_000;

/** One meeting as an event, in the reader's language: the same event (UID, SEQUENCE) in the feed and in the meeting's own file. */
export function meetingEvent(m: Meeting, body: { name: string; slug: string }, origin: string, locale: Locale): IcsEvent {
  const t = (k: string, p?: Record<string, string | number>) => translate(locale, k, p);
  const agenda = listAgenda(m.id).filter((i) => i.status === "open" || i.status === "done");
  const url = `${origin}/a/${body.slug}/meetings/${m.id}`;
  const description = [
    agenda.length ? `${t("meetings.agenda.title")}:` : "",
    ...agenda.map((i, n) => `${n + 1}. ${i.title} (${t("meetings.agenda.minutes", { minutes: i.timeboxMinutes })})`),
    m.link ? `\n${m.link}` : "",
    url,
  ]
    .filter(Boolean)
    .join("\n");
  return {
    uid: `${m.id}@plenary`,
    sequence: m.version,
    // What happened, once it has: a meeting started early or run long shows when it was held.
    start: m.startedAt ?? m.startsAt,
    end: m.closedAt ?? (m.startedAt ?? m.startsAt) + m.durationMinutes * 60_000,
    summary: `${body.name}: ${m.title}`,
    description,
    location: m.place || m.link,
    url,
    cancelled: m.status === "cancelled",
  };
}

export function meetingCalendarEvents(token: string, origin: string, now: number): { name: string; events: IcsEvent[] } | null {
  // Tokens are 32 url-safe characters; anything else is not worth a query.
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
  const user = db.select().from(users).where(eq(users.calendarToken, token)).get();
  if (!user) return null;
  const locale = isLocale(user.locale) ? user.locale : "en";
  const t = (k: string, p?: Record<string, string | number>) => translate(locale, k, p);
  const events = meetingsForCalendar(user.id, now - YEAR).map(({ meeting: m, assemblyName, slug }) => meetingEvent(m, { name: assemblyName, slug }, origin, locale));
  // The aid shifts the member signed up for (docs/domain.md#mutual-aid): one event per slot taken.
  const shifts = shiftsForCalendar(user.id, now - YEAR).map((s) => {
    const url = `${origin}/a/${s.slug}/aid/shifts`;
    return {
      uid: `${s.shiftId}.${s.slotId}@plenary`,
      sequence: 0,
      start: s.startsAt,
      end: s.endsAt,
      summary: `${s.assemblyName}: ${s.title} (${s.role})`,
      description: `${t("aid.shifts.calendarNote", { role: s.role })}\n${url}`,
      location: s.place,
      url,
      cancelled: false,
    };
  });
  return { name: `Plenary · ${user.displayName}`, events: [...events, ...shifts] };
}
