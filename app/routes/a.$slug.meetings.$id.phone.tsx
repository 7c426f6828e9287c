/**
 * A member's phone in the room (docs/meetings.md): check in with the code on the screen,
 * vote while a vote is open (the first thing on the phone then), raise or lower a hand and
 * see one's place on the stack. Built for a small, cheap phone on a room's Wi-Fi that drops:
 * a tap that gets no answer leaves the page as it was and says so (app/web/live-resilience.ts);
 * a ballot that could not be sent is sent again once the live stream is back.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { handleMeetingAction, INTENTS, phoneBallot, requireMeeting } from "~/web/meeting-actions.server";
import { useMeetingStream, useServerNow } from "~/web/meeting-stream";
import { keepLastData, reportOffline, skipNeedlessReload } from "~/web/live-resilience";
import { isCheckedIn, pageKey, placeOnStack } from "~/lib/meeting-state";
import { meetingStateFor } from "~/models/meeting-live.server";
import { heldInRound } from "~/models/proxy.server";
import { ProxyBallotForm } from "~/components/proxy";
import { Countdown, LiveBadge, NoScriptLivePanel, QuorumLine, VoteCounts } from "~/components/meeting/parts";
import { BallotForm } from "~/components/decisions";
import { MeetingCodeField } from "~/components/meeting/code-field";
import { FormError } from "~/components/form";
import { useLocale, useT } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.live.state.meeting.title} · Plenary` : "Plenary" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, assembly, meeting, roles } = await requireMeeting(request, params);
  const state = meetingStateFor(meeting.id, false)!;
  const ballot = state.vote ? phoneBallot(state.vote.roundId, user.id) : null;
  return {
    slug: assembly.slug,
    me: { id: user.id, voter: roles.voter },
    live: { serverNow: Date.now(), state },
    ballot,
    // The members whose proxies this holder carries in the open vote (docs/domain.md#proxies).
    held: state.vote && !state.vote.closed && ballot?.eligible ? heldInRound(state.vote.roundId, user.id, meeting.id) : [],
  };
}

export const clientLoader = keepLastData();
export const handle = { live: true };
export const shouldRevalidate = skipNeedlessReload;

export async function action({ request, params }: ActionFunctionArgs) {
  return handleMeetingAction(request, params, INTENTS.phone);
}

export const clientAction = reportOffline<typeof action>();

export default function Phone() {
  const data = useLoaderData<typeof loader>();
  const { me, held } = data;
  const result = useActionData<typeof clientAction>();
  // A vote answered in place (no reload after it): this member's ballot from the answer.
  const answered = result?.ok && result.intent === "vote" && "ballot" in result ? result : null;
  const ballot = answered?.ballot && (!data.ballot || answered.ballot.roundId === data.ballot.roundId) ? answered.ballot : data.ballot;
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const t = useT();
  const locale = useLocale();
  const base = `/a/${data.slug}/meetings/${data.live.state.meeting.id}`;
  const { state, offset, connected, reconnects } = useMeetingStream(`${base}/events`, data.live);
  const now = useServerNow(offset, data.live.serverNow, 1000);
  const m = state.meeting;
  const checkedIn = isCheckedIn(state, me.id);
  // Until the live stream brings the state with this ballot in it, the answer's turnout shows.
  const turnout = answered?.turnout && state.vote?.roundId === answered.turnout.roundId && answered.turnout.participants > state.vote.participants ? answered.turnout : null;
  const vote = turnout && state.vote ? { ...state.vote, participants: turnout.participants, handCounted: turnout.handCounted, eligible: turnout.eligible } : state.vote;

  // This member's own ballot state comes from the loader: fetch it when a vote opens or closes,
  // when they are checked in, and once more after a drop. Never while a form's own reload is
  // running (it fetches the same, and a second reload would cut it short), never while the
  // stream is down (it would fail too), and once per change (a failed fetch is not retried in a loop).
  const revalidator = useRevalidator();
  const wanted = `${vote?.roundId}-${vote?.closed}-${checkedIn}-${reconnects}`;
  const asked = useRef(wanted);
  useEffect(() => {
    if (wanted === asked.current || !connected || navigation.state !== "idle" || revalidator.state !== "idle") return;
    asked.current = wanted;
    revalidator.revalidate();
  }, [wanted, connected, navigation.state, revalidator]);

  // A reload that got no answer kept the old data (`offline`): try again shortly while the
  // stream is up (it may have been only that one request that failed).
  const kept = "offline" in data && data.offline === true;
  const latestRevalidator = useRef(revalidator);
  latestRevalidator.current = revalidator;
  useEffect(() => {
    if (!kept || !connected) return;
    const timer = setInterval(() => {
      if (latestRevalidator.current.state === "idle") latestRevalidator.current.revalidate();
    }, 3000);
    return () => clearInterval(timer);
  }, [kept, connected]);

  // A ballot that got no answer is not cast: it is sent again once the stream is back.
  const submit = useSubmit();
  const offline = result && !result.ok && "offline" in result ? result : null;
  const [unsent, setUnsent] = useState<Record<string, string> | null>(null);
  useEffect(() => {
    if (offline?.intent === "vote") setUnsent(offline.values);
  }, [offline]);
  useEffect(() => {
    if (!unsent || !connected || navigation.state !== "idle") return;
    setUnsent(null);
    if (vote && !vote.closed && vote.roundId === unsent.roundId) submit(unsent, { method: "post" });
  }, [unsent, connected, navigation.state, vote, submit]);

  const place = placeOnStack(state, me.id);
  const failed = result && !result.ok ? result : null;
  const errs: Record<string, string> = failed?.errors ?? {};
  const myRound = ballot && vote && ballot.roundId === vote.roundId ? ballot : null;
  const receipt = result?.ok && result.intent === "vote" ? result.receipt : null;
  const open = m.status === "running" || m.status === "scheduled";
  const voteOpen = vote && !vote.closed ? vote : null;
  const formError = failed ? (offline ? (offline.intent === "vote" ? "meetings.errors.ballotNotSent" : "meetings.errors.offline") : (failed.errors.form ?? null)) : null;

  const ballotShown = Boolean(voteOpen && myRound?.eligible && vote?.ballotKind !== "ranked");
  const voteCard = vote ? (
    <section className="phone-card vote-card" aria-labelledby={ballotShown ? "ballot-title" : "phone-vote"}>
      {ballotShown ? null : <h2 id="phone-vote">{t("meetings.phone.vote", { title: vote.proposalTitles?.[locale] ?? vote.proposalTitle })}</h2>}
      {receipt ? (
        <p className="notice receipt" role="status">
          {t("meetings.phone.receipt", { receipt })}
        </p>
      ) : null}
      {voteOpen && me.voter && myRound && !myRound.eligible ? <p className="muted">{t("meetings.phone.notEligible")}</p> : null}
      {voteOpen && !me.voter ? <p className="muted">{t("meetings.phone.observer")}</p> : null}
      {voteOpen && myRound?.participated ? <p className="notice">{vote.secret ? t("meetings.phone.votedSecret") : t("meetings.phone.voted")}</p> : null}
      {ballotShown && myRound ? (
        <div key={vote.roundId}>
          <BallotForm
            roundId={vote.roundId}
            ballotKind={vote.ballotKind}
            method=""
            secret={vote.secret}
            participated={myRound.participated}
            ballot={myRound.choice ? { choice: myRound.choice, reason: myRound.reason, text: myRound.text, ranking: null } : null}
            options={[]}
            errors={failed?.intent === "vote" && !offline && !failed.values.onBehalfOf ? failed.errors : undefined}
            values={failed?.intent === "vote" && !failed.values.onBehalfOf ? failed.values : undefined}
            busy={busy}
            title={t("meetings.phone.vote", { title: vote.proposalTitles?.[locale] ?? vote.proposalTitle })}
            headingLevel={2}
          />
        </div>
      ) : null}
      {voteOpen && vote.ballotKind !== "ranked" && checkedIn
        ? held.map((h) =>
            h.giverPresent ? (
              <p key={h.giverId} className="muted">
                {t("proxies.ballotFor", { name: h.name })}: {t("proxies.errors.giverPresent")}
              </p>
            ) : (
              <ProxyBallotForm
                key={`${vote.roundId}-${h.giverId}`}
                roundId={vote.roundId}
                ballotKind={vote.ballotKind}
                giver={{ id: h.giverId, name: h.name }}
                cast={h.cast}
                choice={h.choice}
                secret={vote.secret}
                errors={failed?.intent === "vote" && failed.values.onBehalfOf === h.giverId ? failed.errors : undefined}
                busy={busy}
              />
            ),
          )
        : null}
      <VoteCounts vote={vote} />
    </section>
  ) : null;

  return (
    <section className="phone-view" aria-labelledby="phone-title">
      <h1 id="phone-title">{t("meetings.phone.title", { title: m.title })}</h1>
      <LiveBadge connected={connected} />
      <NoScriptLivePanel src={`${base}/panel?for=phone`} seen={pageKey(data.live.state, me.id, data.live.state.attendance.present)} title={t("meetings.live.panelTitle")} />
      <div aria-live="polite">
        {formError ? (
          <div className="form-error offline-error" role="alert">
            <p>{t(formError)}</p>
          </div>
        ) : null}
        {unsent ? <p className="notice">{t("meetings.phone.willSend")}</p> : null}
        {result?.ok && result.intent === "code" ? <p className="notice">{t(result.done === "alreadyIn" ? "meetings.done.alreadyIn" : "meetings.done.checkedIn")}</p> : null}
      </div>

      {/* When a vote is open it comes first: the member's phone is for voting now. */}
      {voteOpen ? voteCard : null}

      {!checkedIn && open ? (
        <Form method="post" className="stack-form" noValidate>
          <h2>{t("meetings.phone.checkInTitle")}</h2>
          <input type="hidden" name="intent" value="code" />
          <MeetingCodeField hint={t("meetings.phone.checkInBody")} error={errs.code} value={failed?.values.code} />
          <button type="submit" className="primary big" disabled={busy}>
            {t("meetings.phone.checkIn")}
          </button>
        </Form>
      ) : null}
      {checkedIn ? <p className="badge ok">{t("meetings.phone.checkedIn")}</p> : null}

      <section className="phone-card" aria-labelledby="phone-current">
        <h2 id="phone-current">{t("meetings.console.current")}</h2>
        {state.current ? (
          <>
            <h3 className="current-title">{state.current.title}</h3>
            <Countdown current={state.current} now={now} />
          </>
        ) : m.status === "closed" ? (
          <p>
            {t("meetings.console.closed")} <Link to={`${base}/minutes`}>{t("meetings.open.minutes")}</Link>
          </p>
        ) : (
          <p className="muted">{m.status === "scheduled" ? t("meetings.console.notStarted") : m.status === "running" ? t("meetings.console.noItem") : t("meetings.console.closed")}</p>
        )}
        <QuorumLine quorum={state.attendance.quorum} />
      </section>

      {checkedIn && m.status === "running" ? (
        <section className="phone-card" aria-labelledby="phone-stack">
          <h2 id="phone-stack">{t("meetings.console.stack")}</h2>
          <p className="phone-place" aria-live="polite">
            {place === 0 ? <strong>{t("meetings.phone.yourTurn")}</strong> : place ? t("meetings.phone.place", { place }) : t("meetings.phone.notOnStack")}
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value={place === null ? "raise" : "lower"} />
            <button type="submit" className={`big ${place === null ? "primary" : ""}`} disabled={busy}>
              {place === null ? t("meetings.phone.raise") : t("meetings.phone.lower")}
            </button>
          </Form>
        </section>
      ) : null}

      {voteOpen ? null : voteCard ?? (m.status === "running" ? <p className="muted">{t("meetings.phone.noVote")}</p> : null)}

      {checkedIn && open ? (
        <Form method="post">
          <input type="hidden" name="intent" value="leave" />
          <button type="submit" className="link-button">
            {t("meetings.phone.leave")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
