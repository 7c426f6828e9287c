import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { handleMeetingAction, INTENTS, requireMeeting } from "~/web/meeting-actions.server";
import { assemblyTimeZone } from "~/models/assembly.server";
import { AGENDA_KIND_OPTIONS, toLocalInput } from "~/lib/meeting-fields";
import { agendaPlan } from "~/lib/meeting-time";
import { listAgenda, membersForPicker, proposalsForAgenda } from "~/models/agenda.server";
import { namesOf } from "~/models/meeting.server";
import { Checkbox, Field, FormError, Select, TextArea } from "~/components/form";
import { useLocale, useT } from "~/i18n/react";
import { localeFor } from "~/web/locale.server";
import { formatDate, formatDateTime, formatTime } from "~/i18n";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useFormResult } from "~/components/form-result";
import { ProxyGiveForm } from "~/components/proxy";
import { proxyPanel } from "~/models/proxy.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.meeting.title} · Plenary` : "Plenary" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, assembly, meeting: m, roles } = await requireMeeting(request, params);
  const all = listAgenda(m.id);
  const agenda = all.filter((i) => i.status === "open" || i.status === "done" || i.status === "deferred");
  const plan = agendaPlan(m.startsAt, m.durationMinutes, agenda.filter((i) => i.status !== "deferred"));
  let slot = 0;
  const names = namesOf([m.facilitatorId, m.noteTakerId, m.timekeeperId]);
  return {
    slug: assembly.slug,
    roles,
    meeting: {
      id: m.id,
      title: m.title,
      status: m.status,
      startsAt: m.startsAt,
      startsAtInput: toLocalInput(m.startsAt, assemblyTimeZone(assembly)),
      durationMinutes: m.durationMinutes,
      place: m.place,
      link: m.link,
      shortNotice: m.shortNotice,
      code: m.code,
      facilitatorId: m.facilitatorId,
      noteTakerId: m.noteTakerId,
      timekeeperId: m.timekeeperId,
      facilitator: m.facilitatorId ? (names.get(m.facilitatorId) ?? null) : null,
      noteTaker: m.noteTakerId ? (names.get(m.noteTakerId) ?? null) : null,
      timekeeper: m.timekeeperId ? (names.get(m.timekeeperId) ?? null) : null,
      currentItemId: m.currentItemId,
    },
    agenda: agenda.map((i) => ({
      id: i.id,
      kind: i.kind,
      title: i.title,
      description: i.description,
      presenterName: i.presenterName,
      timeboxMinutes: i.timeboxMinutes,
      status: i.status,
      started: i.startedAt !== null,
      proposalId: i.proposalId,
      proposalNumber: i.proposalNumber,
      carried: Boolean(i.carriedFromItemId),
      plannedAt: i.status === "deferred" ? null : plan.slots[slot++]?.startsAt ?? null,
    })),
    plan: { totalMinutes: plan.totalMinutes, overMinutes: plan.overMinutes },
    suggestions: all.filter((i) => i.status === "suggested").map((i) => ({ id: i.id, kind: i.kind, title: i.title, description: i.description, timeboxMinutes: i.timeboxMinutes, suggestedByName: i.suggestedByName })),
    members: membersForPicker(assembly.id),
    proposals: proposalsForAgenda(assembly.id, localeFor(request, user)),
    // Proxies for this meeting, given and taken back until it starts (docs/domain.md#proxies).
    proxies: proxyPanel(assembly.id, user.id, { meetingId: m.id }, m.status === "scheduled"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return handleMeetingAction(request, params, INTENTS.plan);
}

function ItemFields({ errors, values, members, proposals }: { errors?: Record<string, string>; values?: Record<string, string>; members: Array<{ id: string; name: string }>; proposals: Array<{ id: string; number: number; title: string }> }) {
  const t = useT();
  return (
    <>
      <Select idPrefix="item-" name="kind" label={t("meetings.item.kind")} errors={errors} values={values} options={AGENDA_KIND_OPTIONS.map((k) => ({ value: k, label: t(`meetings.kind.${k}`) }))} defaultValue="discussion" />
      <Field idPrefix="item-" name="title" label={t("meetings.item.title")} errors={errors} values={values} maxLength={160} required />
      <TextArea idPrefix="item-" name="description" label={t("meetings.item.description")} errors={errors} values={values} rows={2} maxLength={2000} />
      <Select idPrefix="item-" name="presenterUserId" label={t("meetings.item.presenter")} errors={errors} values={values} options={[{ value: "", label: "—" }, ...members.map((m) => ({ value: m.id, label: m.name }))]} />
      <Field idPrefix="item-" name="timeboxMinutes" type="number" inputMode="numeric" min={1} max={600} label={t("meetings.item.timebox")} errors={errors} values={values} defaultValue={10} />
      <Select
        idPrefix="item-"
        name="proposalId"
        hint={t("meetings.item.proposal.hint")}
        label={t("meetings.item.proposal")}
        errors={errors}
        values={values}
        options={[{ value: "", label: t("meetings.item.noProposal") }, ...proposals.map((p) => ({ value: p.id, label: `#${p.number} ${p.title}` }))]}
      />
    </>
  );
}

export default function MeetingPlan() {
  const { slug, roles, meeting, agenda, plan, suggestions, members, proposals, proxies } = useLoaderData<typeof loader>();
  const { result, busy, failed, errorsFor, valuesFor } = useFormResult<typeof action>({ busyUntilIdle: true });
  const submit = useSubmit();
  const t = useT();
  const locale = useLocale();
  const editable = meeting.status === "scheduled" || meeting.status === "running";
  const canArrange = roles.facilitator && editable;
  const base = `/a/${slug}/meetings/${meeting.id}`;

  // Drag and drop: an enhancement over the up/down buttons, posting the whole new order.
  // The dragged id lives in a ref too: dragover can fire before React re-renders.
  const [order, setOrder] = useState(agenda.map((i) => i.id));
  const [dragging, setDragging] = useState<string | null>(null);
  const dragged = useRef<string | null>(null);
  useEffect(() => setOrder(agenda.map((i) => i.id)), [agenda]);
  const byId = new Map(agenda.map((i) => [i.id, i]));
  const shown = order.map((id) => byId.get(id)).filter((x): x is (typeof agenda)[number] => Boolean(x));
  const onDrop = (targetId: string) => {
    const from = dragged.current;
    dragged.current = null;
    setDragging(null);
    if (!from || from === targetId) return;
    const next = order.filter((id) => id !== from);
    const at = next.indexOf(targetId) + (order.indexOf(from) < order.indexOf(targetId) ? 1 : 0);
    next.splice(at, 0, from);
    setOrder(next);
    submit({ intent: "reorder", order: next.join(",") }, { method: "post" });
  };

  return (
    <section className="meeting-plan">
      <h1>{meeting.title}</h1>
      <p className="badges">
        <span className={`badge status-${meeting.status}`}>{t(`meetings.status.${meeting.status}`)}</span>
        {meeting.shortNotice ? <span className="badge bad">{t("meetings.shortNoticeBadge")}</span> : null}
      </p>
      <dl className="facts">
        <div>
          <dt>{t("meetings.field.startsAt")}</dt>
          <dd>{formatDateTime(locale, meeting.startsAt)}</dd>
        </div>
        {meeting.place ? (
          <div>
            <dt>{t("meetings.field.place")}</dt>
            <dd>{meeting.place}</dd>
          </div>
        ) : null}
        {meeting.link ? (
          <div>
            <dt>{t("meetings.field.link")}</dt>
            <dd>
              <a href={meeting.link} rel="noreferrer noopener">
                {meeting.link}
              </a>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t("meetings.roles.title")}</dt>
          <dd>
            {t("meetings.role.facilitator")}: {meeting.facilitator ?? t("meetings.role.none")}
            <br />
            {t("meetings.role.noteTaker")}: {meeting.noteTaker ?? t("meetings.role.none")}
            <br />
            {t("meetings.role.timekeeper")}: {meeting.timekeeper ?? t("meetings.role.none")}
          </dd>
        </div>
      </dl>

      <div className="actions meeting-links">
        {roles.facilitator || roles.noteTaker || roles.timekeeper ? (
          <Link to={`${base}/run`} className="button primary">
            {t("meetings.open.console")}
          </Link>
        ) : null}
        {/* A member's own way in comes first; the projector is the facilitator's business. */}
        <Link to={`${base}/phone`} className={roles.facilitator || roles.noteTaker || roles.timekeeper ? "button" : "button primary"}>
          {t("meetings.open.phone")}
        </Link>
        <Link to={`${base}/screen`} className="button">
          {t("meetings.open.screen")}
        </Link>
        <Link to={`${base}/minutes`} className="button">
          {t("meetings.open.minutes")}
        </Link>
      </div>

      {result?.ok ? (
        <p className="notice" role="status">
          {t(result.done === "added" ? "meetings.done.added" : result.done === "suggested" ? "meetings.done.suggested" : result.done === "reordered" ? "meetings.agenda.orderSaved" : result.done === "proxyGiven" ? "proxies.done.given" : result.done === "proxyRevoked" ? "proxies.done.revoked" : "meetings.done.saved")}
        </p>
      ) : null}
      <ProxyGiveForm panel={proxies} scope="meeting" errors={errorsFor("giveProxy") ?? errorsFor("revokeProxy")} busy={busy} />
      <FormError message={failed && (failed.intent === "move" || failed.intent === "reorder" || failed.intent === "defer" || failed.intent === "removeItem" || failed.intent === "accept" || failed.intent === "decline" || failed.intent === "cancel") ? failed.errors.form : undefined} />

      <h2 id="agenda-title">{t("meetings.agenda.title")}</h2>
      <p className={plan.overMinutes ? "notice warn" : "muted"}>
        {t("meetings.agenda.total", { minutes: plan.totalMinutes, duration: meeting.durationMinutes })}
        {plan.overMinutes ? ` ${t("meetings.agenda.over", { minutes: plan.overMinutes })}` : ""}
      </p>
      {canArrange && agenda.length > 1 ? <p className="hint">{t("meetings.agenda.dragHint")}</p> : null}
      {shown.length === 0 ? <p className="muted">{t("meetings.agenda.empty")}</p> : null}
      <ol className="agenda" aria-labelledby="agenda-title">
        {shown.map((i, n) => (
          <li
            key={i.id}
            className={`agenda-item status-${i.status}${i.id === meeting.currentItemId ? " current" : ""}${dragging === i.id ? " dragging" : ""}`}
            draggable={canArrange}
            onDragStart={(e) => {
              dragged.current = i.id;
              setDragging(i.id);
              e.dataTransfer.effectAllowed = "move";
              e.dataTransfer.setData("text/plain", i.id);
            }}
            onDragOver={(e) => {
              if (dragged.current) e.preventDefault();
            }}
            onDrop={(e) => {
              e.preventDefault();
              onDrop(i.id);
            }}
            onDragEnd={() => {
              dragged.current = null;
              setDragging(null);
            }}
          >
            <div className="agenda-main">
              <p className="agenda-title">
                <span className="agenda-num">{n + 1}.</span> <strong>{i.title}</strong>{" "}
                {i.proposalId ? (
                  <Link to={`/a/${slug}/proposals/${i.proposalId}`}>#{i.proposalNumber}</Link>
                ) : null}
              </p>
              <p className="muted small">
                {t(`meetings.kind.${i.kind}`)} · {t("meetings.agenda.minutes", { minutes: i.timeboxMinutes })}
                {i.presenterName ? ` · ${t("meetings.agenda.by", { name: i.presenterName })}` : ""}
                {i.plannedAt
                  ? ` · ${
                      // "at 8:15" on the meeting's day; an item planned past midnight says its date ("on 4 Dec 2026, 00:15").
                      formatDate(locale, i.plannedAt) === formatDate(locale, meeting.startsAt)
                        ? t("meetings.agenda.at", { time: formatTime(locale, i.plannedAt) })
                        : t("meetings.agenda.on", { when: formatDateTime(locale, i.plannedAt) })
                    }`
                  : ""}
                {i.carried ? ` · ${t("meetings.agenda.carried")}` : ""}
              </p>
              {i.description ? <p className="small">{i.description}</p> : null}
              <p className="badges">
                {i.id === meeting.currentItemId ? <span className="badge ok">{t("meetings.agenda.now")}</span> : null}
                {i.status === "done" ? <span className="badge">{t("meetings.agenda.done")}</span> : null}
                {i.status === "deferred" ? <span className="badge bad">{t("meetings.agenda.deferred")}</span> : null}
              </p>
            </div>
            {canArrange && i.status !== "deferred" ? (
              <div className="agenda-tools">
                <Form method="post" className="inline">
                  <input type="hidden" name="intent" value="move" />
                  <input type="hidden" name="itemId" value={i.id} />
                  <button type="submit" name="direction" value="up" className="small" disabled={n === 0 || busy} aria-label={t("meetings.agenda.up", { title: i.title })}>
                    ↑
                  </button>
                  <button type="submit" name="direction" value="down" className="small" disabled={n === shown.length - 1 || busy} aria-label={t("meetings.agenda.down", { title: i.title })}>
                    ↓
                  </button>
                </Form>
                {i.status === "open" ? (
                  <Form method="post" className="inline">
                    <input type="hidden" name="intent" value="defer" />
                    <input type="hidden" name="itemId" value={i.id} />
                    <button type="submit" className="small" aria-label={t("meetings.agenda.defer", { title: i.title })}>
                      {t("meetings.agenda.deferShort")}
                    </button>
                  </Form>
                ) : null}
                {!i.started ? (
                  <Form method="post" className="inline">
                    <input type="hidden" name="intent" value="removeItem" />
                    <input type="hidden" name="itemId" value={i.id} />
                    <button type="submit" className="small danger" aria-label={t("meetings.agenda.remove", { title: i.title })}>
                      ✕
                    </button>
                  </Form>
                ) : null}
              </div>
            ) : null}
          </li>
        ))}
      </ol>

      {roles.facilitator && suggestions.length ? (
        <>
          <h2>{t("meetings.agenda.suggestions")}</h2>
          <ul className="member-list">
            {suggestions.map((s) => (
              <li key={s.id}>
                <p>
                  <strong>{s.title}</strong> <span className="muted small">({t(`meetings.kind.${s.kind}`)}, {t("meetings.agenda.minutes", { minutes: s.timeboxMinutes })}, {t("meetings.agenda.suggestedBy", { name: s.suggestedByName ?? "?" })})</span>
                </p>
                {s.description ? <p className="small">{s.description}</p> : null}
                {editable ? (
                  <div className="actions">
                    <Form method="post" className="inline">
                      <input type="hidden" name="intent" value="accept" />
                      <input type="hidden" name="itemId" value={s.id} />
                      <button type="submit" className="small" aria-label={t("meetings.agenda.accept", { title: s.title })}>
                        ✓ {t("meetings.agenda.acceptShort")}
                      </button>
                    </Form>
                    <Form method="post" className="inline">
                      <input type="hidden" name="intent" value="decline" />
                      <input type="hidden" name="itemId" value={s.id} />
                      <button type="submit" className="small danger" aria-label={t("meetings.agenda.decline", { title: s.title })}>
                        ✕ {t("meetings.agenda.declineShort")}
                      </button>
                    </Form>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {editable ? (
        canArrange ? (
          <details open={Boolean(errorsFor("addItem"))}>
            <summary>{t("meetings.agenda.add")}</summary>
            {/* Keyed by the agenda's length: a fresh, empty form after each item added. */}
            <Form method="post" noValidate className="stack-form" key={agenda.length}>
              <input type="hidden" name="intent" value="addItem" />
              <FormError message={errorsFor("addItem")?.form} />
              <ItemFields errors={errorsFor("addItem")} values={valuesFor("addItem")} members={members} proposals={proposals} />
              <button type="submit" className="primary">
                {t("meetings.item.add")}
              </button>
            </Form>
          </details>
        ) : (
          <details open={Boolean(errorsFor("suggest"))}>
            <summary>{t("meetings.agenda.suggest")}</summary>
            <p className="hint">{t("meetings.agenda.suggest.hint")}</p>
            <Form method="post" noValidate className="stack-form" key={suggestions.length}>
              <input type="hidden" name="intent" value="suggest" />
              <FormError message={errorsFor("suggest")?.form} />
              <ItemFields errors={errorsFor("suggest")} values={valuesFor("suggest")} members={members} proposals={proposals} />
              <button type="submit">{t("meetings.item.suggest")}</button>
            </Form>
          </details>
        )
      ) : null}

      {canArrange ? (
        <>
          <details open={Boolean(errorsFor("roles"))}>
            <summary>{t("meetings.roles.title")}</summary>
            <Form method="post" className="stack-form">
              <input type="hidden" name="intent" value="roles" />
              <FormError message={errorsFor("roles")?.form} />
              {(["facilitatorId", "noteTakerId", "timekeeperId"] as const).map((r) => (
                <Select
                  key={r}
                  name={r}
                  label={t(`meetings.role.${r.replace(/Id$/, "")}`)}
                  defaultValue={meeting[r] ?? ""}
                  options={[{ value: "", label: t("meetings.role.none") }, ...members.map((m) => ({ value: m.id, label: m.name }))]}
                />
              ))}
              <button type="submit">{t("meetings.roles.save")}</button>
            </Form>
          </details>
          <details open={Boolean(errorsFor("details"))}>
            <summary>{t("meetings.edit")}</summary>
            <Form
              method="post"
              noValidate
              className="stack-form"
            >
              <input type="hidden" name="intent" value="details" />
              <FormError message={errorsFor("details")?.form} />
              <Field idPrefix="details-" name="title" label={t("meetings.field.title")} errors={errorsFor("details")} values={valuesFor("details")} defaultValue={meeting.title} maxLength={120} />
              <Field idPrefix="details-" name="startsAt" type="datetime-local" label={t("meetings.field.startsAt")} errors={errorsFor("details")} values={valuesFor("details")} defaultValue={meeting.startsAtInput} />
              <Field idPrefix="details-" name="durationMinutes" type="number" label={t("meetings.field.duration")} errors={errorsFor("details")} values={valuesFor("details")} defaultValue={meeting.durationMinutes} />
              <Field idPrefix="details-" name="place" label={t("meetings.field.place")} errors={errorsFor("details")} values={valuesFor("details")} defaultValue={meeting.place} maxLength={200} />
              <Field idPrefix="details-" name="link" type="url" label={t("meetings.field.link")} errors={errorsFor("details")} values={valuesFor("details")} defaultValue={meeting.link} maxLength={500} />
              <Checkbox name="shortNotice" label={t("meetings.field.shortNotice")} checked={meeting.shortNotice} />
              <button type="submit">{t("meetings.save")}</button>
            </Form>
          </details>
          {meeting.status === "scheduled" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="cancel" />
              <button type="submit" className="danger">
                {t("meetings.cancel")}
              </button>
            </Form>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
