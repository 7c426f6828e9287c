/**
 * The facilitator console (docs/domain.md#meetings): the laptop's view of the meeting. Every button is
 * a real form (it works without JavaScript, refreshing every few seconds); with JavaScript the
 * state streams in live and keyboard shortcuts submit the most frequent forms.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { forbidden } from "~/web/authz.server";
import { handleMeetingAction, INTENTS, requireMeeting } from "~/web/meeting-actions.server";
import { joinUrl } from "~/web/meeting-join.server";
import { useMeetingStream, useServerNow } from "~/web/meeting-stream";
import { keepLastData, reportOffline, skipNeedlessReload } from "~/web/live-resilience";
import { pageKey } from "~/lib/meeting-state";
import { daysEarly } from "~/lib/meeting-time";
import { membersForPicker, listAgenda } from "~/models/agenda.server";
import { meetingStateFor } from "~/models/meeting-live.server";
import { openRoundOf } from "~/models/round.server";
import { previousUnadopted } from "~/models/meeting.server";
import { listActionItems } from "~/models/minutes.server";
import { Countdown, LiveBadge, NoScriptLivePanel, QuorumLine, SpeakerLine, VoteCounts, ActionItemFields } from "~/components/meeting/parts";
import { FormError } from "~/components/form";
import { useLocale, useT } from "~/i18n/react";
import { formatDate } from "~/i18n";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.live.state.meeting.title} · Plenary` : "Plenary" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { assembly, meeting, roles } = await requireMeeting(request, params);
  if (!roles.facilitator && !roles.noteTaker && !roles.timekeeper) forbidden("needs.facilitator");
  const state = meetingStateFor(meeting.id, roles.facilitator)!;
  const agenda = listAgenda(meeting.id);
  const prev = previousUnadopted(meeting);
  return {
    slug: assembly.slug,
    roles,
    live: { serverNow: Date.now(), state },
    members: membersForPicker(assembly.id),
    notes: Object.fromEntries(agenda.map((i) => [i.id, i.notes])),
    minutesRev: meeting.minutesRev,
    actions: listActionItems(meeting.id),
    toAdopt: prev && meeting.status === "running" ? { id: prev.id, title: prev.title, startsAt: prev.startsAt } : null,
    joinUrl: joinUrl(request, meeting.code),
    onlineRound: onlineRoundOn(state.current?.proposalId ?? null),
  };
}

/** A round already open online on the current item's proposal: the console says so instead of offering a vote. */
function onlineRoundOn(proposalId: string | null) {
  const r = proposalId ? openRoundOf(proposalId) : undefined;
  return r && r.mode === "online" ? { number: r.number, proposalId: r.proposalId } : null;
}

export const clientLoader = keepLastData();
export const handle = { live: true };
export const shouldRevalidate = skipNeedlessReload;

export async function action({ request, params }: ActionFunctionArgs) {
  return handleMeetingAction(request, params, INTENTS.console);
}

export const clientAction = reportOffline<typeof action>();

const SHORTCUTS: Array<[string, string]> = [
  ["N", "meetings.console.shortcut.next"],
  ["P", "meetings.console.shortcut.previous"],
  ["E", "meetings.console.shortcut.extend"],
  ["S", "meetings.console.shortcut.speaker"],
  ["V", "meetings.console.shortcut.vote"],
  ["D", "meetings.console.shortcut.defer"],
];

/** Keys submit the form marked with data-shortcut, unless someone is typing. */
function useShortcuts() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
      const el = e.target as HTMLElement | null;
      if (el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName))) return;
      const form = document.querySelector<HTMLFormElement>(`form[data-shortcut="${e.key.toLowerCase()}"]`);
      if (!form) return;
      e.preventDefault();
      form.requestSubmit();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}

export default function Console() {
  const data = useLoaderData<typeof loader>();
  const { slug, roles, members, notes, minutesRev, actions, toAdopt } = data;
  const result = useActionData<typeof clientAction>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const base = `/a/${slug}/meetings/${data.live.state.meeting.id}`;
  const { state, offset, connected, reconnects } = useMeetingStream(`${base}/events?for=console`, data.live);
  const now = useServerNow(offset, data.live.serverNow);
  useShortcuts();

  // The notes of a newly taken-up item come from the loader: fetch them when the item changes
  // (and once after a drop). Not while a form's own reload runs: it fetches the same, and
  // revalidating then would abort it. Not while the stream is down; once per change.
  const revalidator = useRevalidator();
  const wanted = `${state.current?.id}-${reconnects}`;
  const asked = useRef(wanted);
  useEffect(() => {
    if (wanted === asked.current || !connected || navigation.state !== "idle" || revalidator.state !== "idle") return;
    asked.current = wanted;
    if (data.live.state.current?.id !== state.current?.id || reconnects > 0) revalidator.revalidate();
  }, [wanted, connected, navigation.state, revalidator, data.live.state.current?.id, state.current?.id, reconnects]);

  const m = state.meeting;
  const cur = state.current;
  const vote = state.vote;
  // A recorded hand count empties its fields (the count is in the vote's figures now).
  const [handForms, setHandForms] = useState(0);
  useEffect(() => {
    if (result?.ok && result.done === "handCounted") setHandForms((n) => n + 1);
  }, [result]);
  const failed = result && !result.ok ? result : null;
  const offline = failed && "offline" in failed;
  const presentIds = new Set(state.attendance.present.map((p) => p.userId));
  const waitingIds = new Set([...state.stack.waiting.map((w) => w.userId), state.stack.speaking?.userId]);
  const absent = members.filter((p) => !presentIds.has(p.id));
  const canRun = roles.facilitator;
  const early = m.status === "scheduled" ? daysEarly(m.startsAt, data.live.serverNow) : 0;
  const voteOpen = vote && !vote.closed ? vote : null;

  return (
    <section className="console" aria-labelledby="console-title">
      <header className="console-head">
        <h1 id="console-title">{t("meetings.console.title", { title: m.title })}</h1>
        <LiveBadge connected={connected} />
        <NoScriptLivePanel src={`${base}/panel?for=console`} seen={pageKey(data.live.state)} title={t("meetings.live.panelTitle")} />
        <p className="badges">
          <span className={`badge status-${m.status}`}>{t(`meetings.status.${m.status}`)}</span>
        </p>
        <QuorumLine quorum={state.attendance.quorum} />
        <p className="join-line">{t("meetings.console.joinAt", { url: data.joinUrl, code: m.code })}</p>
        <p className="actions small-links">
          <Link to={`${base}/screen`}>{t("meetings.open.screen")}</Link>
          <Link to={base}>{t("meetings.agenda.title")}</Link>
          <Link to={`${base}/minutes`}>{t("meetings.open.minutes")}</Link>
          <a href="">{t("meetings.console.refresh")}</a>
        </p>
      </header>

      <div aria-live="polite" className="console-messages">
        {failed ? <FormError message={offline ? "meetings.errors.offline" : (failed.errors.form ?? Object.values(failed.errors)[0])} /> : null}
        {result?.ok && (result.done === "notesSaved" || result.done === "handCounted") ? (
          <p className="notice" role="status">
            {t(`meetings.done.${result.done}`)}
          </p>
        ) : null}
      </div>

      {m.status === "scheduled" && canRun ? (
        <Form method="post">
          <input type="hidden" name="intent" value="start" />
          {early ? (
            <>
              <p className="notice warn" role="note">
                {t("meetings.console.startEarlyWarning", { date: formatDate(locale, m.startsAt) })}
              </p>
              <input type="hidden" name="early" value="1" />
            </>
          ) : null}
          <button type="submit" className="primary big">
            {early ? t("meetings.console.startEarly", { date: formatDate(locale, m.startsAt) }) : t("meetings.console.start")}
          </button>
        </Form>
      ) : null}
      {m.status === "closed" ? (
        <p className="notice">
          {t("meetings.console.closed")} <Link to={`${base}/minutes`}>{t("meetings.open.minutes")}</Link>
        </p>
      ) : null}

      <div className="console-grid">
        <section className="panel current-panel" aria-labelledby="current-title">
          <h2 id="current-title">{t("meetings.console.current")}</h2>
          {cur ? (
            <>
              <p className="current-kind muted">{t(`meetings.kind.${cur.kind}`)}</p>
              <p className="current-title">{cur.title}</p>
              {cur.presenterName ? <p className="muted">{t("meetings.agenda.by", { name: cur.presenterName })}</p> : null}
              {cur.description ? <p className="current-description">{cur.description}</p> : null}
              <Countdown current={cur} now={now} />
            </>
          ) : (
            <p className="muted">{m.status === "running" ? (state.agenda.some((i) => i.status === "open") ? t("meetings.console.noItem") : t("meetings.console.agendaDone")) : m.status === "scheduled" ? t("meetings.console.notStarted") : t("meetings.console.closed")}</p>
          )}
          {m.status === "running" ? (
            <div className="actions console-nav">
              {canRun ? (
                <>
                  <Form method="post" data-shortcut="p">
                    <input type="hidden" name="intent" value="previous" />
                    <input type="hidden" name="fromItemId" value={cur?.id ?? ""} />
                    <button type="submit" aria-keyshortcuts="P">
                      ← {t("meetings.console.previous")}
                    </button>
                  </Form>
                  <Form method="post" data-shortcut="n">
                    <input type="hidden" name="intent" value="next" />
                    <input type="hidden" name="fromItemId" value={cur?.id ?? ""} />
                    <button type="submit" className="primary" aria-keyshortcuts="N">
                      {t("meetings.console.next")} →
                    </button>
                  </Form>
                </>
              ) : null}
              {cur && roles.timekeeper ? (
                <Form method="post" data-shortcut="e">
                  <input type="hidden" name="intent" value="extend" />
                  <input type="hidden" name="itemId" value={cur.id} />
                  <input type="hidden" name="seconds" value="120" />
                  <input type="hidden" name="fromSeconds" value={cur.extendedSeconds} />
                  <button type="submit" aria-keyshortcuts="E">
                    {t("meetings.console.extend")}
                    <span className="visually-hidden"> {t("meetings.console.extendLabel")}</span>
                  </button>
                </Form>
              ) : null}
              {cur && canRun ? (
                <Form method="post" data-shortcut="d">
                  <input type="hidden" name="intent" value="defer" />
                  <input type="hidden" name="itemId" value={cur.id} />
                  <button type="submit" aria-keyshortcuts="D">
                    {t("meetings.console.defer")}
                  </button>
                </Form>
              ) : null}
            </div>
          ) : null}

          {cur && cur.kind === "proposal" && m.status === "running" ? (
            <section className="vote-panel" aria-labelledby="vote-title">
              <h3 id="vote-title">{t("meetings.console.vote")}</h3>
              {vote ? <VoteCounts vote={vote} /> : null}
              {canRun && !voteOpen && data.onlineRound && data.onlineRound.proposalId === cur.proposalId ? (
                <p className="notice online-open">
                  {t("meetings.console.onlineOpen", { number: data.onlineRound.number })}{" "}
                  <Link to={`/a/${slug}/proposals/${cur.proposalId}`}>{t("meetings.console.onlineOpenLink")}</Link>
                </p>
              ) : canRun && !voteOpen ? (
                <Form method="post" data-shortcut="v">
                  <input type="hidden" name="intent" value="openVote" />
                  <input type="hidden" name="itemId" value={cur.id} />
                  <button type="submit" className="primary" aria-keyshortcuts="V">
                    {t("meetings.console.openVote")}
                  </button>
                </Form>
              ) : null}
              {canRun && voteOpen ? (
                <>
                  <Form method="post" data-shortcut="v">
                    <input type="hidden" name="intent" value="closeVote" />
                    <input type="hidden" name="roundId" value={voteOpen.roundId} />
                    <button type="submit" className="primary" aria-keyshortcuts="V">
                      {t("meetings.console.closeVote")}
                    </button>
                  </Form>
                  {voteOpen.ballotKind !== "ranked" ? (
                    <Form method="post" className="hand-count" key={`${voteOpen.roundId}-${handForms}`}>
                      <input type="hidden" name="intent" value="handCount" />
                      <input type="hidden" name="roundId" value={voteOpen.roundId} />
                      <fieldset>
                        <legend>{t("meetings.console.handCount")}</legend>
                        <div className="hand-fields">
                          {voteOpen.choices.map((c) => (
                            <div className="field" key={c}>
                              <label htmlFor={`count-${c}`}>{t(`meetings.choice.${c}`)}</label>
                              <input id={`count-${c}`} name={`count.${c}`} type="number" inputMode="numeric" min={0} defaultValue="" />
                            </div>
                          ))}
                        </div>
                        {voteOpen.proxiesAccepted ? (
                          <div className="field">
                            <label htmlFor="count-proxies">{t("proxies.handCount")}</label>
                            <input id="count-proxies" name="proxies" type="number" inputMode="numeric" min={0} defaultValue="" />
                          </div>
                        ) : null}
                        <button type="submit">{t("meetings.console.recordHands")}</button>
                      </fieldset>
                    </Form>
                  ) : null}
                </>
              ) : null}
            </section>
          ) : null}

          {cur && roles.noteTaker && m.status === "running" ? (
            <>
              <Form method="post" className="stack-form compact" key={`${cur.id}-${minutesRev}`}>
                <input type="hidden" name="intent" value="notes" />
                <input type="hidden" name="itemId" value={cur.id} />
                <input type="hidden" name="rev" value={minutesRev} />
                <div className="field">
                  <label htmlFor="item-notes">{t("meetings.console.notes")}</label>
                  <textarea id="item-notes" name="notes" rows={4} defaultValue={failed?.intent === "notes" ? failed.values.notes : (notes[cur.id] ?? "")} />
                </div>
                <button type="submit">{t("meetings.console.saveNotes")}</button>
              </Form>
              <details>
                <summary>{t("meetings.console.addAction")}</summary>
                <Form method="post" className="stack-form compact">
                  <input type="hidden" name="intent" value="addAction" />
                  <input type="hidden" name="itemId" value={cur.id} />
                  <ActionItemFields idPrefix="action" members={members} />
                  <button type="submit">{t("meetings.console.addAction")}</button>
                </Form>
                {actions.filter((a) => a.itemId === cur.id).length ? (
                  <ul>
                    {actions
                      .filter((a) => a.itemId === cur.id)
                      .map((a) => (
                        <li key={a.id}>
                          {a.text} — {a.ownerName || t("meetings.minutes.noOwner")}
                        </li>
                      ))}
                  </ul>
                ) : null}
              </details>
            </>
          ) : null}
        </section>

        <section className="panel stack-panel" aria-labelledby="stack-title">
          <h2 id="stack-title">{t("meetings.console.stack")}</h2>
          <SpeakerLine state={state} now={now} />
          {m.status === "running" && canRun ? (
            <Form method="post" data-shortcut="s">
              <input type="hidden" name="intent" value="stackNext" />
              <input type="hidden" name="fromEntryId" value={state.stack.speaking?.entryId ?? ""} />
              <button type="submit" className="primary" aria-keyshortcuts="S">
                {t("meetings.console.nextSpeaker")}
              </button>
            </Form>
          ) : null}
          {state.stack.waiting.length === 0 ? <p className="muted">{t("meetings.console.emptyStack")}</p> : null}
          <ol className="stack-list">
            {state.stack.waiting.map((w, i) => (
              <li key={w.entryId}>
                <span className="stack-name">
                  {w.name}
                  {m.progressiveStack && w.firstTime ? <span className="badge ok">{t("meetings.console.firstTime")}</span> : null}
                </span>
                {canRun && m.status === "running" ? (
                  <span className="stack-tools">
                    <Form method="post" className="inline">
                      <input type="hidden" name="intent" value="stackMove" />
                      <input type="hidden" name="entryId" value={w.entryId} />
                      <button type="submit" name="direction" value="up" className="small" disabled={i === 0} aria-label={t("meetings.console.stackUp", { name: w.name })}>
                        ↑
                      </button>
                      <button type="submit" name="direction" value="down" className="small" disabled={i === state.stack.waiting.length - 1} aria-label={t("meetings.console.stackDown", { name: w.name })}>
                        ↓
                      </button>
                    </Form>
                    <Form method="post" className="inline">
                      <input type="hidden" name="intent" value="stackRemove" />
                      <input type="hidden" name="entryId" value={w.entryId} />
                      <button type="submit" className="small danger" aria-label={t("meetings.console.removeFromStack", { name: w.name })}>
                        ✕
                      </button>
                    </Form>
                  </span>
                ) : null}
              </li>
            ))}
          </ol>
          {canRun && m.status === "running" ? (
            <>
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="stackAdd" />
                <label htmlFor="stack-add">{t("meetings.console.addToStack")}</label>
                <select id="stack-add" name="userId" defaultValue="">
                  <option value="">—</option>
                  {state.attendance.present
                    .filter((p) => !waitingIds.has(p.userId))
                    .map((p) => (
                      <option key={p.userId} value={p.userId}>
                        {p.name}
                      </option>
                    ))}
                </select>
                <button type="submit">{t("meetings.console.addToStack")}</button>
              </Form>
              <details>
                <summary>{t("meetings.console.saveStack")}</summary>
                <Form method="post" className="stack-form compact" key={`${m.progressiveStack}-${m.speakingLimitSeconds}`}>
                  <input type="hidden" name="intent" value="stackOptions" />
                  <div className="checkbox">
                    <input type="checkbox" id="progressive" name="progressiveStack" defaultChecked={m.progressiveStack} />
                    <label htmlFor="progressive">{t("meetings.console.progressive")}</label>
                  </div>
                  <div className="field">
                    <label htmlFor="limit">{t("meetings.console.speakingLimit")}</label>
                    <input id="limit" name="speakingLimitSeconds" type="number" min={10} max={3600} defaultValue={m.speakingLimitSeconds ?? ""} />
                  </div>
                  <button type="submit">{t("meetings.console.saveStack")}</button>
                </Form>
                <Form method="post">
                  <input type="hidden" name="intent" value="stackClear" />
                  <button type="submit" className="danger small">
                    {t("meetings.console.clearStack")}
                  </button>
                </Form>
              </details>
            </>
          ) : null}
        </section>

        <section className="panel attendance-panel" aria-labelledby="attendance-title">
          <h2 id="attendance-title">{t("meetings.console.attendance")}</h2>
          <QuorumLine quorum={state.attendance.quorum} />
          {canRun && (m.status === "running" || m.status === "scheduled") ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="checkIn" />
              <label htmlFor="check-in">{t("meetings.console.checkInBy")}</label>
              <select id="check-in" name="userId" defaultValue="">
                <option value="">—</option>
                {absent.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
              <button type="submit">{t("meetings.console.checkIn")}</button>
            </Form>
          ) : null}
          <h3>
            {t("meetings.console.presentList")} ({state.attendance.present.length})
          </h3>
          <ul className="present-list">
            {state.attendance.present.map((p) => (
              <li key={p.userId}>
                {p.name}
                {p.voting ? "" : ` (${t("role.observer")})`}
                {canRun && (m.status === "running" || m.status === "scheduled") ? (
                  <Form method="post" className="inline">
                    <input type="hidden" name="intent" value="checkOut" />
                    <input type="hidden" name="userId" value={p.userId} />
                    <button type="submit" className="link-button small" aria-label={t("meetings.console.checkOut", { name: p.name })}>
                      ✕
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>

        <section className="panel agenda-panel" aria-labelledby="console-agenda-title">
          <h2 id="console-agenda-title">{t("meetings.agenda.title")}</h2>
          <ol className="agenda compact">
            {state.agenda.map((i) => (
              <li key={i.id} className={`status-${i.status}${i.id === cur?.id ? " current" : ""}`}>
                <span>
                  {i.title} <span className="muted small">({t("meetings.agenda.minutes", { minutes: i.timeboxMinutes })})</span>
                  {i.status === "done" ? <span className="badge">{t("meetings.agenda.done")}</span> : null}
                  {i.status === "deferred" ? <span className="badge bad">{t("meetings.agenda.deferred")}</span> : null}
                </span>
                {canRun && m.status === "running" && i.id !== cur?.id && i.status !== "deferred" ? (
                  <Form method="post" className="inline">
                    <input type="hidden" name="intent" value="takeUp" />
                    <input type="hidden" name="itemId" value={i.id} />
                    <input type="hidden" name="fromItemId" value={cur?.id ?? ""} />
                    <button type="submit" className="small" aria-label={t("meetings.console.takeUp", { title: i.title })}>
                      ▶
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ol>
          {toAdopt && canRun ? (
            <>
              <h3>{t("meetings.console.adoptTitle")}</h3>
              <Form method="post">
                <input type="hidden" name="intent" value="adopt" />
                <input type="hidden" name="meetingId" value={toAdopt.id} />
                <button type="submit">{t("meetings.console.adopt", { title: toAdopt.title, date: formatDate(locale, toAdopt.startsAt) })}</button>
              </Form>
            </>
          ) : null}
          {m.status === "running" && canRun ? (
            <Form
              method="post"
              className="close-form"
              onSubmit={(e) => {
                if (!window.confirm(t("meetings.console.closeConfirm"))) e.preventDefault();
              }}
            >
              <input type="hidden" name="intent" value="close" />
              <button type="submit" className="danger">
                {t("meetings.console.close")}
              </button>
            </Form>
          ) : null}
        </section>
      </div>

      <section className="shortcuts" aria-labelledby="shortcuts-title">
        <h2 id="shortcuts-title">{t("meetings.console.shortcuts")}</h2>
        <dl>
          {SHORTCUTS.map(([key, label]) => (
            <div key={key}>
              <dt>
                <kbd>{key}</kbd>
              </dt>
              <dd>{t(label)}</dd>
            </div>
          ))}
        </dl>
        <p className="hint">{t("meetings.console.shortcut.help")}</p>
      </section>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
