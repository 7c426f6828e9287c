/**
 * Pieces shared by the console, the projector screen and the phone: the countdown, the
 * quorum line, the stack, the vote and the live-connection badge. They only display the
 * live state; forms stay in the pages.
 */
import { useLocale, useT } from "~/i18n/react";
import { formatClock, remainingMs, turnRemainingMs } from "~/lib/meeting-time";
import type { LiveVote, MeetingState } from "~/lib/meeting-state";

/**
 * Without JavaScript, a page with nothing to type in (the projector) refreshes itself.
 * Pages with forms use `NoScriptLivePanel` instead, so nothing typed is lost.
 */
export function NoScriptRefresh({ seconds = 5 }: { seconds?: number }) {
  return (
    <noscript>
      <meta httpEquiv="refresh" content={String(seconds)} />
    </noscript>
  );
}

/**
 * Without JavaScript, only what changes refreshes: a small frame of the meeting's live panel
 * (`…/panel`, which reloads itself every few seconds) inside a page whose forms stay put. A
 * screen reader keeps its place on the page, and what someone is typing is never wiped.
 * `seen`: the page's `pageKey` when it was rendered, so the panel can say when the page's own
 * buttons are out of date (a vote opened) and offer to reload it.
 */
export function NoScriptLivePanel({ src, seen, title }: { src: string; seen: string; title: string }) {
  return (
    <noscript>
      <iframe className="live-panel-frame" src={`${src}${src.includes("?") ? "&" : "?"}seen=${encodeURIComponent(seen)}`} title={title} />
    </noscript>
  );
}

/**
 * `connected` is null until this browser has started its live stream (and always without
 * JavaScript, where the page is rendered by the server only): then the badge says what is
 * true there, that the page updates every few seconds.
 */
export function LiveBadge({ connected }: { connected: boolean | null }) {
  const t = useT();
  if (connected === null)
    return (
      <noscript>
        <span className="live-badge pending">{t("meetings.live.everyFewSeconds")}</span>
      </noscript>
    );
  return (
    <span className={`live-badge ${connected ? "on" : "off"}`} role="status">
      {connected ? t("meetings.console.live") : t("meetings.console.offline")}
    </span>
  );
}

export function Countdown({ current, now, large = false }: { current: MeetingState["current"]; now: number; large?: boolean }) {
  const t = useT();
  if (!current) return null;
  const left = remainingMs(current, now);
  if (left === null) return null;
  const over = left < 0;
  return (
    <div className={`countdown${over ? " over" : ""}${large ? " large" : ""}`}>
      <span className="countdown-label">{over ? t("meetings.console.overtime") : t("meetings.console.remaining")}</span>
      {/* Read on demand, not every second: a live region here would talk non-stop. */}
      <span className="countdown-time" aria-label={`${over ? t("meetings.console.overtime") : t("meetings.console.remaining")}: ${formatClock(left)}`}>
        {formatClock(left)}
      </span>
      <span className="countdown-box muted">
        {t("meetings.console.timebox")}: {t("meetings.agenda.minutes", { minutes: current.timeboxMinutes })}
        {current.extendedSeconds ? ` (${t("meetings.console.extended", { minutes: Math.round(current.extendedSeconds / 60) })})` : ""}
      </span>
    </div>
  );
}

export function QuorumLine({ quorum }: { quorum: MeetingState["attendance"]["quorum"] }) {
  const t = useT();
  return (
    <p className={`quorum ${quorum.met ? "met" : "not-met"}`}>
      <strong>{quorum.met ? t("meetings.console.quorumMet") : t("meetings.console.quorumNotMet")}</strong>{" "}
      <span>{t("meetings.console.quorumDetail", { present: quorum.present, members: quorum.members, required: quorum.required })}</span>
    </p>
  );
}

export function SpeakerLine({ state, now }: { state: MeetingState; now: number }) {
  const t = useT();
  const s = state.stack.speaking;
  if (!s) return <p className="muted">{t("meetings.console.nobodySpeaking")}</p>;
  const left = turnRemainingMs(s.startedAt, state.meeting.speakingLimitSeconds, now);
  return (
    <p className="speaker">
      <span className="muted">{t("meetings.console.speaking")}:</span> <strong>{s.name}</strong>
      {left !== null ? (
        <span className={`turn-clock${left < 0 ? " over" : ""}`}>
          {" "}
          · {t("meetings.console.turnLeft")}: {formatClock(left)}
        </span>
      ) : null}
    </p>
  );
}

/**
 * The vote as the room sees it. Turnout counts everyone counted once: phone ballots and hands
 * together ("5 of 5 have voted · 1 counted by hand"). `countsHeld`: the charter keeps running
 * counts off the screen and the phones until the vote closes, and the server did not send
 * them (forRoom in app/lib/meeting-state.ts); the facilitator's console gets them.
 */
export function VoteCounts({ vote, large = false }: { vote: LiveVote; large?: boolean }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className={`vote-view${large ? " large" : ""}`}>
      <p>
        <strong>{vote.closed ? t("meetings.console.voteClosed") : t("meetings.console.voteOpen")}</strong>: #{vote.proposalNumber} {vote.proposalTitles?.[locale] ?? vote.proposalTitle}
      </p>
      <p>
        {t("meetings.screen.count", { participants: vote.participants + vote.handCounted, eligible: Math.max(vote.eligible, vote.participants + vote.handCounted) })}
        {vote.handCounted ? ` · ${t("meetings.screen.handCount", { count: vote.handCounted })}` : ""}
        {vote.byProxy ? ` · ${t("proxies.byProxy", { n: vote.byProxy })}` : ""}
      </p>
      {vote.countsHeld && !vote.closed ? (
        <p className="muted running-hidden">{t("meetings.screen.runningHidden")}</p>
      ) : vote.counts ? (
        <ul className="vote-counts">
          {vote.choices.map((c) => (
            <li key={c}>
              <span>{t(`meetings.choice.${c}`)}</span> <strong>{vote.counts?.[c] ?? 0}</strong>
            </li>
          ))}
        </ul>
      ) : vote.secret && !vote.closed ? (
        <p className="muted">{t("meetings.screen.secretHidden")}</p>
      ) : null}
      {vote.closed && vote.explanation ? (
        <div className={`outcome outcome-${vote.outcome}`} role="status">
          <strong>{t("meetings.screen.outcome")}:</strong> {vote.explanation[locale]}
        </div>
      ) : null}
    </div>
  );
}

/** The fields of a new action item (what, who, by when): the console and the minutes share them. */
export function ActionItemFields({ idPrefix, members }: { idPrefix: string; members: Array<{ id: string; name: string }> }) {
  const t = useT();
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-text`}>{t("meetings.console.action")}</label>
        <input id={`${idPrefix}-text`} name="text" maxLength={500} required />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-owner`}>{t("meetings.console.actionOwner")}</label>
        <select id={`${idPrefix}-owner`} name="ownerUserId" defaultValue="">
          <option value="">—</option>
          {members.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-owner-name`}>{t("meetings.console.actionOwnerName")}</label>
        <input id={`${idPrefix}-owner-name`} name="ownerName" maxLength={100} />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-due`}>{t("meetings.console.actionDue")}</label>
        <input id={`${idPrefix}-due`} name="dueDate" type="date" />
      </div>
    </>
  );
}
