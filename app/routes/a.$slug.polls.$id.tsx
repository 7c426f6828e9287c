import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { forbidden, notFound, requireMember } from "~/web/authz.server";
import { parseForm } from "~/web/forms";
import { invalid } from "~/web/http.server";
import { refused } from "~/web/refusal.server";
import { refusal } from "~/lib/refusal";
import { answerFromForm, scheduleSchema } from "~/lib/poll-validation.server";
import { can } from "~/models/membership.server";
import { noticeFor } from "~/models/meeting.server";
import { answerPoll, closePoll, getPoll, isPollOpen, listPollOptions, mayAnswer, mayClosePoll, myAnswer, pollResults, scheduleFromPoll } from "~/models/poll.server";
import { namesOf } from "~/models/meeting.server";
import { ChoiceAnswerFields, ChoiceResults, TimeAnswerFields, TimeResults, type PollResultView } from "~/components/poll";
import { FormError } from "~/components/form";
import { useFormResult } from "~/components/form-result";
import { useLocale, useT } from "~/i18n/react";
import { formatDateTime } from "~/i18n";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.poll.title} · Plenary` : "Plenary" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, assembly, membership } = await requireMember(request, params.slug);
  const poll = getPoll(assembly.id, params.id ?? "");
  if (!poll) notFound();
  const now = Date.now();
  const options = listPollOptions(poll.id);
  const open = isPollOpen(poll, now);
  const { answers, result, hidden } = pollResults(poll);
  const mayFacilitate = can(membership, "facilitator");
  return {
    slug: assembly.slug,
    poll: {
      id: poll.id,
      number: poll.number,
      kind: poll.kind,
      title: poll.title,
      body: poll.body,
      method: poll.method,
      binding: poll.binding,
      hideResults: poll.hideResults,
      closesAt: poll.closesAt,
      closedAt: poll.closedAt,
      place: poll.place,
      durationMinutes: poll.durationMinutes,
      meetingId: poll.meetingId,
      author: namesOf([poll.authorId]).get(poll.authorId ?? "") ?? null,
    },
    options: options.map((o) => ({ id: o.id, label: o.label, startsAt: o.startsAt ?? 0, shortNotice: o.startsAt !== null && noticeFor(assembly.id, o.startsAt, now).short })),
    open,
    answers,
    hidden,
    result: result as PollResultView | null,
    mine: myAnswer(poll.id, user.id),
    canAnswer: open && mayAnswer(poll, membership),
    canClose: open && mayClosePoll(poll, user.id, membership),
    canSchedule: poll.kind === "time" && !poll.meetingId && mayFacilitate,
    noticeDays: noticeFor(assembly.id, now, now).days,
  };
}


export async function action({ request, params }: ActionFunctionArgs) {
  const { user, assembly, membership } = await requireMember(request, params.slug);
  const poll = getPoll(assembly.id, params.id ?? "");
  if (!poll) notFound();
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const now = Date.now();
  const here = `/a/${assembly.slug}/polls/${poll.id}`;
  switch (intent) {
    case "answer": {
      if (!mayAnswer(poll, membership)) forbidden(poll.kind === "time" ? "needs.any" : "needs.voter");
      const parsed = answerFromForm(poll.kind, poll.method, listPollOptions(poll.id).length, form);
      if (!parsed.ok) return invalid({ ok: false, errors: parsed.errors, values: {}, intent });
      const r = answerPoll({ pollId: poll.id, userId: user.id, answer: parsed.answer, now });
      return r.ok ? redirect(`${here}?done=answer`) : refused(r, form, { intent });
    }
    case "close": {
      if (!mayClosePoll(poll, user.id, membership)) forbidden("needs.facilitator");
      const r = closePoll({ pollId: poll.id, by: user.id, now });
      return r.ok ? redirect(`${here}?done=close`) : refused(r, form, { intent });
    }
    case "schedule": {
      if (!can(membership, "facilitator")) forbidden("needs.facilitator");
      const parsed = parseForm(scheduleSchema, form);
      if (!parsed.ok) return invalid({ ...parsed, intent });
      const r = scheduleFromPoll({ pollId: poll.id, optionId: parsed.data.optionId, by: user.id, shortNotice: parsed.data.shortNotice, now });
      return r.ok ? redirect(`/a/${assembly.slug}/meetings/${r.meeting.id}`) : refused(r, form, { intent });
    }
    default:
      return refused(refusal("invalid", "errors.unknownAction"), form, { intent });
  }
}

export default function PollPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const [search] = useSearchParams();
  const { busy, errorsFor } = useFormResult<typeof action>();
  const done = search.get("done");
  const p = d.poll;
  const answerErrors = errorsFor("answer");
  const scheduleErrors = errorsFor("schedule");
  const closed = p.closedAt !== null;
  const schedule = d.canSchedule
    ? (optionId: string) => {
        const o = d.options.find((x) => x.id === optionId)!;
        return (
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="schedule" />
            <input type="hidden" name="optionId" value={optionId} />
            {o.shortNotice ? <input type="hidden" name="shortNotice" value="on" /> : null}
            <button type="submit" className="primary" disabled={busy}>
              {t(o.shortNotice ? "polls.schedule.shortNotice" : "polls.schedule", { days: d.noticeDays })}
            </button>
          </Form>
        );
      }
    : undefined;
  return (
    <section className="poll-page">
      <p className="muted small">
        <Link to={`/a/${d.slug}/proposals`}>{t("polls.back")}</Link>
      </p>
      <h1>
        <span className="muted">{t("polls.number", { number: p.number })}</span> {p.title}
      </h1>
      <p className="badges">
        <span className="badge">{t(`polls.kind.${p.kind}`)}</span>
        {p.method ? <span className="badge">{t(`polls.method.${p.method}`)}</span> : null}
        {p.kind === "choice" ? <span className="badge">{t(p.binding ? "polls.binding" : "polls.advisory")}</span> : null}
        <span className={`badge ${closed ? "" : "ok"}`}>{closed ? t("polls.closedOn", { date: formatDateTime(locale, p.closedAt!) }) : t("polls.openUntil", { date: formatDateTime(locale, p.closesAt) })}</span>
      </p>
      {p.author ? <p className="muted small">{t("polls.startedBy", { name: p.author })}</p> : null}
      {p.body ? <p className="poll-body">{p.body}</p> : null}
      {p.kind === "time" ? (
        <p className="muted small">{t("polls.meetingDetails", { minutes: p.durationMinutes ?? 120, place: p.place || t("polls.noPlace") })}</p>
      ) : null}
      {done === "answer" ? <p className="notice" role="status">{t("polls.done.answer")}</p> : null}
      {done === "close" ? <p className="notice" role="status">{t("polls.done.close")}</p> : null}
      {p.meetingId ? (
        <p className="notice" role="status">
          {t("polls.scheduled")} <Link to={`/a/${d.slug}/meetings/${p.meetingId}`}>{t("polls.scheduled.link")}</Link>
        </p>
      ) : null}

      <h2>{t("polls.results")}</h2>
      <FormError message={scheduleErrors?.form ?? scheduleErrors?.shortNotice ?? scheduleErrors?.startsAt ?? scheduleErrors?.optionId} />
      {d.hidden || !d.result ? (
        <p>{t("polls.results.hidden", { n: d.answers })}</p>
      ) : d.result.kind === "choice" ? (
        <ChoiceResults result={d.result} closed={closed} />
      ) : (
        <TimeResults result={d.result} times={d.options} schedule={schedule} />
      )}
      {!closed && d.result ? <p className="muted small">{t("polls.results.running")}</p> : null}

      {d.canAnswer ? (
        <>
          <h2 id="answer">{t(d.mine ? "polls.answer.change" : "polls.answer.title")}</h2>
          <Form method="post" className="stack-form" noValidate>
            <input type="hidden" name="intent" value="answer" />
            <FormError message={answerErrors?.form ?? (answerErrors ? "errors.fixBelow" : undefined)} />
            {p.kind === "time" ? (
              <TimeAnswerFields times={d.options} mine={(d.mine as string[] | null) ?? null} errors={answerErrors} />
            ) : (
              <ChoiceAnswerFields method={p.method!} options={d.options.map((o) => o.label)} mine={(d.mine as never) ?? null} errors={answerErrors} />
            )}
            <div className="actions">
              <button type="submit" className="primary" disabled={busy}>
                {t(d.mine ? "polls.answer.submitChange" : "polls.answer.submit")}
              </button>
            </div>
          </Form>
        </>
      ) : d.open ? (
        <p className="muted">{t(p.kind === "time" ? "polls.answer.membersOnly" : "polls.answer.votersOnly")}</p>
      ) : null}

      {d.canClose ? (
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="close" />
          <button type="submit" disabled={busy}>
            {t("polls.close")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
