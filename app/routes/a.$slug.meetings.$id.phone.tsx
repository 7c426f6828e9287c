/**
 * A member's phone in the room (docs/domain.md#meetings): check in with the code on the screen,
 * see the current item, raise or lower a hand and see one's place on the stack, and vote
 * while a vote is open. Built for a small, cheap phone: one column, big buttons.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { handleMeetingAction, INTENTS, requireMeeting } from "~/web/meeting-actions.server";
import { useMeetingStream, useServerNow } from "~/web/meeting-stream";
import { isCheckedIn, placeOnStack } from "~/lib/meeting-state";
import { meetingState } from "~/models/meeting-live.server";
import { myBallot } from "~/models/round.server";
import { Countdown, LiveBadge, NoScriptRefresh, QuorumLine, VoteCounts } from "~/components/meeting/parts";
import { FormError } from "~/components/form";
import { useT } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.live.state.meeting.title} · Plenary` : "Plenary" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, assembly, meeting, roles } = await requireMeeting(request, params);
  const state = meetingState(meeting.id)!;
  const mine = state.vote ? myBallot(state.vote.roundId, user.id) : null;
  return {
    slug: assembly.slug,
    me: { id: user.id, voter: roles.voter },
    live: { serverNow: Date.now(), state },
    ballot: mine && state.vote ? { roundId: state.vote.roundId, eligible: mine.eligible, participated: mine.participated, choice: mine.ballot?.choice ?? null } : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return handleMeetingAction(request, params, INTENTS.phone);
}

export default function Phone() {
  const data = useLoaderData<typeof loader>();
  const { me, ballot } = data;
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const t = useT();
  const base = `/a/${data.slug}/meetings/${data.live.state.meeting.id}`;
  const { state, offset, connected } = useMeetingStream(`${base}/events`, data.live);
  const now = useServerNow(offset, data.live.serverNow, 1000);

  // A new vote opened (or closed): fetch this member's own ballot state for it.
  const revalidator = useRevalidator();
  const seen = useRef(`${state.vote?.roundId}-${state.vote?.closed}`);
  useEffect(() => {
    const key = `${state.vote?.roundId}-${state.vote?.closed}`;
    if (key !== seen.current) {
      seen.current = key;
      if (revalidator.state === "idle") revalidator.revalidate();
    }
  }, [state.vote?.roundId, state.vote?.closed, revalidator]);

  const m = state.meeting;
  const checkedIn = isCheckedIn(state, me.id);
  const place = placeOnStack(state, me.id);
  const failed = result && !result.ok ? result : null;
  const vote = state.vote;
  const myRound = ballot && vote && ballot.roundId === vote.roundId ? ballot : null;
  const votingNow = Boolean(vote && !vote.closed && myRound?.eligible && !myRound.participated);
  const receipt = result?.ok && result.intent === "vote" ? result.receipt : null;
  const open = m.status === "running" || m.status === "scheduled";

  return (
    <section className="phone-view" aria-labelledby="phone-title">
      {/* Refreshing would wipe a ballot being filled in. */}
      {votingNow ? null : <NoScriptRefresh seconds={5} />}
      <h1 id="phone-title">{t("meetings.phone.title", { title: m.title })}</h1>
      <LiveBadge connected={connected} />
      <div aria-live="polite">
        {failed ? <FormError message={failed.errors.form} /> : null}
        {result?.ok && result.intent === "code" ? <p className="notice">{t(result.done === "alreadyIn" ? "meetings.done.alreadyIn" : "meetings.done.checkedIn")}</p> : null}
      </div>

      {!checkedIn && open ? (
        <Form method="post" className="stack-form" noValidate>
          <h2>{t("meetings.phone.checkInTitle")}</h2>
          <input type="hidden" name="intent" value="code" />
          <div className={`field${failed?.errors.code ? " has-error" : ""}`}>
            <label htmlFor="code">{t("meetings.phone.code")}</label>
            <p className="hint" id="code-hint">
              {t("meetings.phone.checkInBody")}
            </p>
            <input
              id="code"
              name="code"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={20}
              className="code-input"
              aria-describedby={failed?.errors.code ? "code-hint code-error" : "code-hint"}
              aria-invalid={failed?.errors.code ? true : undefined}
              defaultValue={failed?.values.code}
            />
            {failed?.errors.code ? (
              <p className="field-error" id="code-error" role="alert">
                {t(failed.errors.code)}
              </p>
            ) : null}
          </div>
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
            <p className="current-title">{state.current.title}</p>
            <Countdown current={state.current} now={now} />
          </>
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

      {vote ? (
        <section className="phone-card" aria-labelledby="phone-vote">
          <h2 id="phone-vote">{t("meetings.phone.vote", { title: vote.proposalTitle })}</h2>
          {receipt ? (
            <p className="notice receipt" role="status">
              {t("meetings.phone.receipt", { receipt })}
            </p>
          ) : null}
          {!vote.closed && me.voter && myRound && !myRound.eligible ? <p className="muted">{t("meetings.phone.notEligible")}</p> : null}
          {!vote.closed && !me.voter ? <p className="muted">{t("meetings.phone.observer")}</p> : null}
          {!vote.closed && myRound?.participated ? <p className="notice">{vote.secret ? t("meetings.phone.votedSecret") : t("meetings.phone.voted")}</p> : null}
          {!vote.closed && myRound?.eligible && vote.ballotKind !== "ranked" ? (
            <Form method="post" className="stack-form ballot-form" key={vote.roundId}>
              <input type="hidden" name="intent" value="vote" />
              <input type="hidden" name="roundId" value={vote.roundId} />
              <fieldset>
                <legend>{t("meetings.phone.vote", { title: vote.proposalTitle })}</legend>
                {vote.choices.map((c) => (
                  <div className="radio big-choice" key={c}>
                    <input type="radio" id={`choice-${c}`} name="choice" value={c} defaultChecked={(failed?.values.choice ?? myRound.choice) === c} required />
                    <label htmlFor={`choice-${c}`}>{t(`meetings.choice.${c}`)}</label>
                  </div>
                ))}
              </fieldset>
              {failed?.errors.choice ? <p className="field-error">{t(failed.errors.choice)}</p> : null}
              {vote.ballotKind === "consensus" || vote.ballotKind === "consent" ? (
                <div className={`field${failed?.errors.reason ? " has-error" : ""}`}>
                  <label htmlFor="reason">{t("meetings.phone.reason")}</label>
                  <textarea id="reason" name="reason" rows={2} maxLength={2000} defaultValue={failed?.values.reason} />
                  {failed?.errors.reason ? <p className="field-error">{t(failed.errors.reason)}</p> : null}
                </div>
              ) : null}
              {vote.ballotKind === "consensus" ? (
                <div className={`field${failed?.errors.text ? " has-error" : ""}`}>
                  <label htmlFor="concern">{t("meetings.phone.concernText")}</label>
                  <textarea id="concern" name="text" rows={2} maxLength={2000} defaultValue={failed?.values.text} />
                  {failed?.errors.text ? <p className="field-error">{t(failed.errors.text)}</p> : null}
                </div>
              ) : null}
              {vote.secret && myRound.participated ? (
                <div className={`field${failed?.errors.receipt ? " has-error" : ""}`}>
                  <label htmlFor="receipt">{t("meetings.phone.receiptField")}</label>
                  <input id="receipt" name="receipt" autoComplete="off" />
                  {failed?.errors.receipt ? <p className="field-error">{t(failed.errors.receipt)}</p> : null}
                </div>
              ) : null}
              <button type="submit" className="primary big" disabled={busy}>
                {myRound.participated ? t("meetings.phone.changeVote") : t("meetings.phone.castVote")}
              </button>
            </Form>
          ) : null}
          <VoteCounts vote={vote} />
        </section>
      ) : m.status === "running" ? (
        <p className="muted">{t("meetings.phone.noVote")}</p>
      ) : null}

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
