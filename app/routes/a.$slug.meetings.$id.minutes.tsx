/**
 * The minutes (docs/domain.md#meetings): generated from the meeting as it runs, edited by the
 * note-taker, printable (print styles hide everything but the minutes), exported as
 * Markdown, and fixed once the next meeting adopts them.
 */
import { ActionItemFields } from "~/components/meeting/parts";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { handleMeetingAction, INTENTS, requireMeeting } from "~/web/meeting-actions.server";
import { membersForPicker } from "~/models/agenda.server";
import { buildMinutes } from "~/models/minutes.server";
import { FormError } from "~/components/form";
import { useLocale, useT } from "~/i18n/react";
import { formatDate, formatDateTime } from "~/i18n";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.minutes.meeting.title} · Plenary` : "Plenary" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { assembly, meeting, roles } = await requireMeeting(request, params);
  const minutes = buildMinutes(meeting.id)!;
  return {
    slug: assembly.slug,
    minutes,
    canEdit: roles.noteTaker && minutes.meeting.adoptedAt === null && minutes.meeting.status !== "cancelled",
    members: roles.noteTaker ? membersForPicker(assembly.id) : [],
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return handleMeetingAction(request, params, INTENTS.minutes);
}

export default function MinutesPage() {
  const { slug, minutes: min, canEdit, members } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const failed = result && !result.ok ? result : null;
  const base = `/a/${slug}/meetings/${min.meeting.id}`;
  return (
    <article className="minutes" aria-labelledby="minutes-title">
      <h1 id="minutes-title">{t("meetings.minutes.title", { title: min.meeting.title })}</h1>
      <p>
        {min.assembly.name} · {formatDateTime(locale, min.meeting.startedAt ?? min.meeting.startsAt)}
        {min.meeting.place ? ` · ${min.meeting.place}` : ""}
      </p>
      <p>
        {[
          min.roles.facilitator ? `${t("meetings.role.facilitator")}: ${min.roles.facilitator}` : null,
          min.roles.noteTaker ? `${t("meetings.role.noteTaker")}: ${min.roles.noteTaker}` : null,
          min.roles.timekeeper ? `${t("meetings.role.timekeeper")}: ${min.roles.timekeeper}` : null,
        ]
          .filter(Boolean)
          .join(" · ")}
      </p>
      <p className={min.meeting.adoptedAt ? "badge ok" : "badge"}>
        {min.meeting.adoptedAt ? t("meetings.minutes.adoptedOn", { date: formatDate(locale, min.meeting.adoptedAt), meeting: min.meeting.adoptedIn?.title ?? "" }) : t("meetings.minutes.draft")}
      </p>

      <div className="actions minutes-tools">
        <a href={`${base}/minutes.md`} className="button" download>
          {t("meetings.minutes.exportMd")}
        </a>
        <button type="button" onClick={() => window.print()}>
          {t("meetings.minutes.print")}
        </button>
        <Link to={base} className="button">
          {t("meetings.agenda.title")}
        </Link>
      </div>
      {result?.ok ? (
        <p className="notice no-print" role="status">
          {t("meetings.minutes.saved")}
        </p>
      ) : null}
      <div className="no-print" aria-live="polite">
        <FormError message={failed?.errors.form} />
      </div>

      <h2>{t("meetings.minutes.attendance")}</h2>
      <p>{t("meetings.minutes.attendanceCount", { count: min.attendance.people.length })}</p>
      <ul>
        {min.attendance.people.map((p, i) => (
          <li key={i}>
            {p.name}
            {p.voting ? "" : ` (${t("role.observer")})`}
            {p.left ? ` (${t("meetings.minutes.left")})` : ""}
          </li>
        ))}
      </ul>
      <p>{min.attendance.quorum.explanation[locale]}</p>

      {min.meeting.summary.trim() ? (
        <>
          <h2>{t("meetings.minutes.summary")}</h2>
          <p className="pre-wrap">{min.meeting.summary}</p>
        </>
      ) : null}

      <h2>{t("meetings.minutes.agenda")}</h2>
      {min.items.map((i) => (
        <section key={i.id} aria-labelledby={`item-${i.id}`}>
          <h3 id={`item-${i.id}`}>
            {i.number}. {i.title}
          </h3>
          <p className="muted small">
            {[t(`meetings.kind.${i.kind}`), i.presenterName, t("meetings.minutes.timebox", { minutes: i.timeboxMinutes }), i.taken ? t("meetings.minutes.took", { minutes: i.spentMinutes }) : null].filter(Boolean).join(" · ")}
          </p>
          {i.status === "deferred" ? <p>{t("meetings.minutes.deferred")}</p> : !i.taken ? <p>{t("meetings.minutes.notReached")}</p> : null}
          {i.notes.trim() ? <p className="pre-wrap">{i.notes}</p> : null}
          {i.decisions.map((d) => (
            <div className="decision" key={d.roundId}>
              <p>
                <strong>
                  {t("meetings.minutes.decision", { number: d.proposalNumber ?? "?", title: d.proposalTitles?.[locale] ?? d.proposalTitle, round: d.roundNumber })}: {d.outcome ? t(`meetings.minutes.outcome.${d.outcome}`) : t("meetings.minutes.outcome.open")}.
                </strong>{" "}
                {d.explanation ? d.explanation[locale] : null}
              </p>
              {d.counts ? (
                <p>
                  {Object.entries(d.counts)
                    .map(([c, n]) => `${t(`meetings.choice.${c}`)}: ${n}`)
                    .join(" · ")}
                  {d.handCounted ? ` (${t("meetings.minutes.handCounted", { count: d.handCounted })})` : ""}
                  {d.byProxy ? ` (${t("proxies.byProxy", { n: d.byProxy })})` : ""}
                </p>
              ) : null}
              {d.positions.length ? (
                <ul>
                  {d.positions.map((p, n) => (
                    <li key={n}>
                      {t(`meetings.choice.${p.choice}`)} — {p.name ?? t("meetings.minutes.anonymous")}
                      {p.reason || p.text ? `: ${p.reason ?? p.text}` : ""}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ))}
          {i.actions.length ? (
            <>
              <p>
                <strong>{t("meetings.minutes.actions")}</strong>
              </p>
              <ul>
                {i.actions.map((a) => (
                  <li key={a.id}>
                    {a.text} — {a.ownerName || t("meetings.minutes.noOwner")}
                    {a.dueAt ? ` (${t("meetings.minutes.due", { date: formatDate(locale, a.dueAt) })})` : ""}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ))}

      {min.actions.length ? (
        <>
          <h2>{t("meetings.minutes.allActions")}</h2>
          <ul>
            {min.actions.map((a) => (
              <li key={a.id}>
                {a.text} — {a.ownerName || t("meetings.minutes.noOwner")}
                {a.dueAt ? ` (${t("meetings.minutes.due", { date: formatDate(locale, a.dueAt) })})` : ""}
                {canEdit ? (
                  <Form method="post" className="inline no-print">
                    <input type="hidden" name="intent" value="removeAction" />
                    <input type="hidden" name="actionId" value={a.id} />
                    <button type="submit" className="link-button small" aria-label={t("meetings.minutes.removeAction", { text: a.text })}>
                      ✕
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {min.meeting.adoptedAt ? <p className="muted no-print">{t("meetings.minutes.locked")}</p> : null}
      {canEdit ? (
        <section className="minutes-edit" aria-labelledby="edit-title">
          <h2 id="edit-title">{t("meetings.minutes.edit")}</h2>
          <Form method="post" className="stack-form" key={min.meeting.rev}>
            <input type="hidden" name="intent" value="saveMinutes" />
            <input type="hidden" name="rev" value={min.meeting.rev} />
            <div className="field">
              <label htmlFor="summary">{t("meetings.minutes.summary")}</label>
              <textarea id="summary" name="summary" rows={4} defaultValue={failed?.intent === "saveMinutes" ? failed.values.summary : min.meeting.summary} />
            </div>
            {min.items.map((i) => (
              <div className="field" key={i.id}>
                <label htmlFor={`notes-${i.id}`}>{t("meetings.minutes.notesFor", { title: i.title })}</label>
                <textarea id={`notes-${i.id}`} name={`notes.${i.id}`} rows={3} defaultValue={failed?.intent === "saveMinutes" ? failed.values[`notes.${i.id}`] : i.notes} />
              </div>
            ))}
            <button type="submit" className="primary">
              {t("meetings.minutes.save")}
            </button>
          </Form>
          <h3>{t("meetings.console.addAction")}</h3>
          <Form method="post" className="stack-form compact">
            <input type="hidden" name="intent" value="addAction" />
            <div className="field">
              <label htmlFor="m-action-item">{t("meetings.minutes.agenda")}</label>
              <select id="m-action-item" name="itemId" defaultValue="">
                <option value="">—</option>
                {min.items.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.number}. {i.title}
                  </option>
                ))}
              </select>
            </div>
            <ActionItemFields idPrefix="m-action" members={members} />
            <button type="submit">{t("meetings.console.addAction")}</button>
          </Form>
        </section>
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
