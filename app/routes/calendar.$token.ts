/**
 * A member's calendar feed: /calendar/<secret>.ics, every meeting of every body they belong
 * to. No login (calendar apps cannot log in), so the address itself is the secret
 * (users.calendarToken); it reveals nothing for a wrong token.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendar } from "~/lib/meeting-ics";
import { meetingCalendarEvents } from "~/models/meeting-calendar.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = (params.token ?? "").replace(/\.ics$/, "");
  const feed = meetingCalendarEvents(token, new URL(request.url).origin, Date.now());
  if (!feed) throw new Response("Not Found", { status: 404 });
  return new Response(calendar(feed.name, feed.events, Date.now()), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="plenary.ics"',
      "Cache-Control": "private, max-age=300",
    },
  });
}
