/**
 * The live panel of a meeting for browsers without JavaScript: a small page, framed inside
 * the phone view and the console, that reloads itself every few seconds (docs/meetings.md).
 * Only it refreshes; the page around it, with its forms, stays put. When the page's own
 * buttons are out of date (a vote opened, the item changed) it says so and offers to reload
 * the page: the person decides when, so nothing typed is lost.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireMeeting } from "~/web/meeting-actions.server";
import { assemblyTimeZone } from "~/models/assembly.server";
import { meetingStateFor } from "~/models/meeting-live.server";
import { pageKey, placeOnStack } from "~/lib/meeting-state";
import { formatClock, remainingMs } from "~/lib/meeting-time";
import { QuorumLine, SpeakerLine, VoteCounts } from "~/components/meeting/parts";
import { useT } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";

/** Seconds between reloads: often enough for a room, light enough for a hundred phones. */
const EVERY = 5;

export const meta: MetaFunction = () => [{ title: "Plenary" }];

/** Rendered without the site's header (root.tsx): it is a part of another page. */
export const handle = { bare: true };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, assembly, meeting, roles } = await requireMeeting(request, params);
  const url = new URL(request.url);
  const view = url.searchParams.get("for") === "console" ? ("console" as const) : ("phone" as const);
  // Running counts the charter keeps from the room reach only the facilitator's console.
  const state = meetingStateFor(meeting.id, view === "console" && roles.facilitator)!;
  const key = pageKey(state, view === "phone" ? user.id : undefined, view === "phone" ? state.attendance.present : undefined);
  return {
    view,
    me: user.id,
    page: `/a/${assembly.slug}/meetings/${meeting.id}/${view === "console" ? "run" : "phone"}`,
    minutes: `/a/${assembly.slug}/meetings/${meeting.id}/minutes`,
    state,
    serverNow: Date.now(),
    stale: url.searchParams.has("seen") && url.searchParams.get("seen") !== key,
    // Outside the assembly's layout: it names the zone its page writes dates in itself.
    timeZone: assemblyTimeZone(assembly),
  };
}

export default function LivePanel() {
  const { view, me, page, minutes, state, serverNow, stale } = useLoaderData<typeof loader>();
  const t = useT();
  const cur = state.current;
  const left = cur ? remainingMs(cur, serverNow) : null;
  const place = placeOnStack(state, me);
  return (
    <section className="live-panel" aria-label={t("meetings.live.panelTitle")}>
      <meta httpEquiv="refresh" content={String(EVERY)} />
      <p className="live-panel-status muted">{t("meetings.live.everyFewSeconds")}</p>
      {stale ? (
        <p className="notice live-panel-stale">
          {state.vote && !state.vote.closed ? t("meetings.live.voteOpenReload") : t("meetings.live.movedOnReload")}{" "}
          <a href={page} target="_top">
            {t("meetings.live.reload")}
          </a>
        </p>
      ) : null}
      {cur ? (
        <p>
          <strong>{cur.title}</strong>
          {left !== null ? ` · ${left < 0 ? t("meetings.console.overtime") : t("meetings.console.remaining")}: ${formatClock(left)}` : ""}
        </p>
      ) : state.meeting.status === "closed" ? (
        <p>
          {t("meetings.console.closed")}{" "}
          <a href={minutes} target="_top">
            {t("meetings.open.minutes")}
          </a>
        </p>
      ) : state.meeting.status === "scheduled" ? (
        <p>{t("meetings.console.notStarted")}</p>
      ) : null}
      {state.meeting.status === "running" ? <SpeakerLine state={state} now={serverNow} /> : null}
      {view === "phone" && place ? <p>{t("meetings.phone.place", { place })}</p> : null}
      {view === "console" ? <p>{t("meetings.live.waiting", { count: state.stack.waiting.length })}</p> : null}
      <QuorumLine quorum={state.attendance.quorum} />
      {state.vote ? <VoteCounts vote={state.vote} /> : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
