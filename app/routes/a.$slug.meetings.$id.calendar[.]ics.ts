/**
 * One meeting as an iCalendar file (RFC 5545), for "Add to calendar": the same event (UID,
 * SEQUENCE) as in the member's feed (app/models/meeting-calendar.server.ts), so a calendar
 * that has both keeps one. Members of the meeting's body only; a meeting of another body is
 * not found under this one.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMeeting } from "~/web/meeting-actions.server";
import { localeFor } from "~/web/locale.server";
import { calendar } from "~/lib/meeting-ics";
import { meetingEvent } from "~/models/meeting-calendar.server";
import { assemblyTimeZone } from "~/models/assembly.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, meeting, assembly } = await requireMeeting(request, params);
  const event = meetingEvent(meeting, assembly, new URL(request.url).origin, localeFor(request, user));
  const now = Date.now();
  return new Response(calendar(`${assembly.name}: ${meeting.title}`, [event], now, { timeZone: assemblyTimeZone(assembly) }), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="meeting-${meeting.id}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
