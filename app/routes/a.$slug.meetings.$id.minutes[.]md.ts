/**
 * The minutes as a Markdown file, in the reader's language (docs/domain.md#meetings).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMeeting } from "~/web/meeting-actions.server";
import { localeFor } from "~/web/locale.server";
import { buildMinutes, minutesMarkdown } from "~/models/minutes.server";
import { assemblyTimeZone } from "~/models/assembly.server";
import { toLocalInput } from "~/lib/meeting-fields";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, meeting, assembly } = await requireMeeting(request, params);
  const min = buildMinutes(meeting.id)!;
  const body = minutesMarkdown(min, localeFor(request, user));
  // The day it was held (a meeting started early is not filed under its planned day), in the
  // assembly's zone, as the minutes say it.
  const date = toLocalInput(meeting.startedAt ?? meeting.startsAt, assemblyTimeZone(assembly)).slice(0, 10);
  const name = `minutes-${date}-${meeting.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "meeting"}.md`;
  return new Response(body, {
    headers: {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": `inline; filename="${name}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
