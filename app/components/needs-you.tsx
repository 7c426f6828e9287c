/**
 * The "Needs you" list: what waits for the member, soonest deadline first, each with one
 * link that does it (app/models/needs-you.server.ts says what each kind means).
 */
import { Link } from "@remix-run/react";
import { useLocale, useT } from "~/i18n/react";
import { formatDateTime } from "~/i18n";
import type { NeedItem } from "~/models/needs-you.server";

type Item = Pick<NeedItem, "kind" | "key" | "slug" | "body" | "title" | "number" | "due" | "late" | "href" | "count" | "running" | "secret" | "meetingId" | "pollKind">;

export function NeedsYou({ items, showBody, level = 2 }: { items: Item[]; showBody: boolean; level?: 1 | 2 }) {
  const t = useT();
  const H = level === 1 ? "h1" : "h2";
  return (
    <section className="needs-you" aria-labelledby="needs-title">
      <H id="needs-title">
        {t("needs.title")} {items.length ? <span className="count-badge">{items.length}</span> : null}
      </H>
      {items.length === 0 ? (
        <p className="muted">{t("needs.none")}</p>
      ) : (
        <ul className="needs-list">
          {items.map((i) => (
            <NeedRow key={i.key} item={i} showBody={showBody} />
          ))}
        </ul>
      )}
    </section>
  );
}

function NeedRow({ item: i, showBody }: { item: Item; showBody: boolean }) {
  const t = useT();
  const locale = useLocale();
  const date = i.due !== null ? formatDateTime(locale, i.due) : null;
  const due =
    date === null
      ? null
      : i.late
        ? t("needs.due.late", { date })
        : i.kind === "vote" || i.kind === "change" || i.kind === "poll" || i.kind === "pollChange" || i.kind === "mandate"
          ? t("needs.due.closes", { date })
          : i.kind === "meeting" || i.kind === "shift"
            ? t("needs.due.starts", { date })
            : i.kind === "minutes"
              ? t("needs.due.nextMeeting", { date })
              : t("needs.due.due", { date });
  const note: Partial<Record<NeedItem["kind"], string>> = {
    change: t("needs.change.note"),
    poll: t(i.pollKind === "time" ? "needs.poll.timeNote" : "needs.poll.note"),
    pollChange: t("needs.pollChange.note"),
    nomination: t("needs.nomination.note"),
    mandate: t("needs.mandate.note"),
    report: t("needs.report.note"),
    petition: t("needs.petition.note"),
    minutes: t("needs.minutes.note"),
    shift: t("needs.shift.note", { count: i.count ?? 1 }),
  };
  const action =
    i.kind === "vote"
      ? t(i.href.endsWith("/phone") ? "needs.vote.meeting" : "needs.vote.action")
      : i.kind === "meeting"
        ? t(i.running ? "needs.meeting.running" : "needs.meeting.action")
        : i.kind === "poll"
          ? t(i.pollKind === "time" ? "needs.poll.timeAction" : "needs.poll.action")
          : i.kind === "amendment"
          ? t("needs.amendment.action", { count: i.count ?? 1 })
          : t(`needs.${i.kind}.action`);
  return (
    <li className={`need need-${i.kind}${i.late ? " late" : ""}`}>
      <p className="need-head">
        <span className={`badge need-kind${i.kind === "vote" ? " voting" : i.late ? " bad" : ""}`}>{t(i.kind === "poll" && i.pollKind === "time" ? "needs.kind.pollTime" : `needs.kind.${i.kind}`)}</span>
        {showBody ? <span className="muted"> {i.body}</span> : null}
      </p>
      <p className="need-title">
        {i.number !== null ? <span className="muted">#{i.number} </span> : null}
        {i.title}
        {i.secret ? <span className="muted"> · {t("needs.vote.secret")}</span> : null}
      </p>
      {due || note[i.kind] ? (
        <p className="small">
          {due ? <strong className={i.late ? "late-text" : undefined}>{due}</strong> : null}
          {due && note[i.kind] ? " · " : null}
          {note[i.kind] ?? null}
        </p>
      ) : null}
      <p className="need-actions">
        <Link className={`button${i.kind === "vote" || i.kind === "poll" || i.late ? " primary" : ""}`} to={i.href}>
          {action}
        </Link>
        {i.kind === "meeting" && i.meetingId ? (
          <>
            {" "}
            <a className="button" href={`/a/${i.slug}/meetings/${i.meetingId}/calendar.ics`} download>
              {t("needs.meeting.calendar")}
            </a>
          </>
        ) : null}
      </p>
    </li>
  );
}
