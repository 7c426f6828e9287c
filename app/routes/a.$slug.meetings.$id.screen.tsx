/**
 * The projector screen (docs/domain.md#meetings): the meeting in large type for the room — the
 * current item and its countdown, the stack, quorum, the vote (its count hidden while a
 * secret ballot is open), the outcome, and how to join: the code and a QR code.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import QRCode from "qrcode";
import { requireMeeting } from "~/web/meeting-actions.server";
import { joinOrigin, joinUrl } from "~/web/meeting-join.server";
import { useMeetingStream, useServerNow } from "~/web/meeting-stream";
import { keepLastData } from "~/web/live-resilience";
import { meetingStateFor } from "~/models/meeting-live.server";
import { Countdown, LiveBadge, NoScriptRefresh, QuorumLine, SpeakerLine, VoteCounts } from "~/components/meeting/parts";
import { useT } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.live.state.meeting.title} · Plenary` : "Plenary" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { assembly, meeting } = await requireMeeting(request, params);
  const url = joinUrl(request, meeting.code);
  // Drawn here as inline SVG: nothing is fetched from anywhere, the room may have no internet.
  const qr = await QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { slug: assembly.slug, live: { serverNow: Date.now(), state: meetingStateFor(meeting.id, false)! }, joinUrl: url, joinHost: `${joinOrigin(request)}/m`, qr };
}

export const clientLoader = keepLastData();

/** Names on the stack the projector lists; more would push the join code off the screen. */
const STACK_SHOWN = 6;

export default function Screen() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const { state, offset, connected } = useMeetingStream(`/a/${data.slug}/meetings/${data.live.state.meeting.id}/events`, data.live);
  const now = useServerNow(offset, data.live.serverNow, 500);
  const m = state.meeting;
  const waiting = state.stack.waiting;
  const shown = waiting.slice(0, STACK_SHOWN);
  return (
    <section className="screen-view" aria-labelledby="screen-title" tabIndex={0}>
      <NoScriptRefresh seconds={5} />
      <div className="screen-top">
        <h1 id="screen-title">{m.title}</h1>
        <LiveBadge connected={connected} />
        <QuorumLine quorum={state.attendance.quorum} />
      </div>
      <div className="screen-grid">
        <div className="screen-main">
          {state.current ? (
            <>
              <p className="screen-kind">{t(`meetings.kind.${state.current.kind}`)}</p>
              <p className="screen-item">{state.current.title}</p>
              {state.current.presenterName ? <p className="screen-presenter">{t("meetings.agenda.by", { name: state.current.presenterName })}</p> : null}
              <Countdown current={state.current} now={now} large />
            </>
          ) : (
            <p className="screen-item muted">{m.status === "scheduled" ? t("meetings.console.notStarted") : m.status === "closed" ? t("meetings.console.closed") : t("meetings.console.noItem")}</p>
          )}
          <div aria-live="polite">{state.vote ? <VoteCounts vote={state.vote} large /> : null}</div>
        </div>
        <aside className="screen-side">
          <div className="screen-stack-box">
            <h2>{t("meetings.console.stack")}</h2>
            <SpeakerLine state={state} now={now} />
            <h3>{t("meetings.screen.waiting")}</h3>
            {waiting.length ? (
              <ol className="screen-stack">
                {shown.map((w) => (
                  <li key={w.entryId}>{w.name}</li>
                ))}
              </ol>
            ) : (
              <p className="muted">{t("meetings.console.emptyStack")}</p>
            )}
            {waiting.length > shown.length ? <p className="screen-more muted">{t("meetings.screen.more", { count: waiting.length - shown.length })}</p> : null}
          </div>
          <div className="screen-join">
            <h2>{t("meetings.screen.join")}</h2>
            <p className="screen-url">{data.joinHost}</p>
            <p>
              {t("meetings.screen.joinCode")}: <strong className="screen-code">{m.code}</strong>
            </p>
            <div className="qr" role="img" aria-label={t("meetings.screen.qr")} dangerouslySetInnerHTML={{ __html: data.qr }} />
          </div>
        </aside>
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
