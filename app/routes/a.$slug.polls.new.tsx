import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData, useSubmit } from "@remix-run/react";
import { requireMember } from "~/web/authz.server";
import { parseForm } from "~/web/forms";
import { invalid } from "~/web/http.server";
import { refused } from "~/web/refusal.server";
import { newPollSchema, optionLines, timesOf } from "~/lib/poll-validation.server";
import { DEFAULT_POLL_DAYS, POLL_KINDS, POLL_METHODS, TIME_SLOTS } from "~/lib/poll-fields";
import { parseLocalDateTime } from "~/lib/meeting-fields";
import { pollRulesOf } from "~/lib/rules";
import { assemblyTimeZone, currentCharter } from "~/models/assembly.server";
import { startPoll } from "~/models/poll.server";
import { Checkbox, Field, FormError, Select, TextArea } from "~/components/form";
import { useFormResult } from "~/components/form-result";
import { useT } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";

const DAY = 86_400_000;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { assembly } = await requireMember(request, params.slug, "voter");
  const raw = new URL(request.url).searchParams.get("kind");
  const kind = (POLL_KINDS as readonly string[]).includes(raw ?? "") ? raw! : "choice";
  const rules = pollRulesOf(currentCharter(assembly.id).charter);
  return { kind, charterMethod: rules.method, binding: rules.binding };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, assembly } = await requireMember(request, params.slug, "voter");
  const form = await request.formData();
  const parsed = parseForm(newPollSchema, form);
  if (!parsed.ok) return invalid(parsed);
  const v = parsed.data;
  const now = Date.now();
  const r = startPoll({
    assemblyId: assembly.id,
    authorId: user.id,
    kind: v.kind,
    title: v.title,
    body: v.body,
    method: v.method ?? null,
    hideResults: v.kind === "choice" && v.hideResults,
    options: v.kind === "choice" ? optionLines(v.options) : undefined,
    times: v.kind === "time" ? timesOf(v as Record<string, unknown>).map((s) => parseLocalDateTime(s, assemblyTimeZone(assembly))) : undefined,
    durationMinutes: v.durationMinutes,
    place: v.place,
    closesAt: now + v.days * DAY,
    now,
  });
  if (!r.ok) return refused(r, form);
  return redirect(`/a/${assembly.slug}/polls/${r.poll.id}`);
}

export default function NewPoll() {
  const { kind, charterMethod, binding } = useLoaderData<typeof loader>();
  const { busy, errors, values } = useFormResult<typeof action>();
  const submit = useSubmit();
  const t = useT();
  const chosen = values?.kind ?? kind;
  return (
    <section className="narrow-wide">
      <h1>{t("polls.new")}</h1>
      <p className="lead">{t(binding ? "polls.new.binding" : "polls.new.advisory")}</p>
      <Form method="get" className="stack-form compact kind-form" onChange={(e) => submit(e.currentTarget)}>
        <Select name="kind" label={t("polls.kind")} defaultValue={chosen} options={POLL_KINDS.map((k) => ({ value: k, label: t(`polls.kind.${k}`) }))} />
        <noscript>
          <button type="submit">{t("proposal.kind.choose")}</button>
        </noscript>
      </Form>
      <Form method="post" className="stack-form" noValidate>
        <input type="hidden" name="kind" value={chosen} />
        <FormError message={errors?.form ?? (errors ? "errors.fixBelow" : undefined)} />
        <Field name="title" label={t(chosen === "time" ? "polls.field.titleTime" : "polls.field.title")} errors={errors} values={values} required maxLength={160} />
        <TextArea name="body" label={t("polls.field.body")} errors={errors} values={values} rows={3} maxLength={4000} />
        {chosen === "choice" ? (
          <>
            <TextArea name="options" label={t("polls.field.options")} hint={t("polls.field.options.hint")} errors={errors} values={values} rows={5} />
            <Select
              name="method"
              label={t("polls.field.method")}
              errors={errors}
              values={values}
              defaultValue={charterMethod}
              options={POLL_METHODS.map((m) => ({ value: m, label: t(`polls.method.${m}`) + (m === charterMethod ? ` ${t("polls.field.method.charter")}` : "") }))}
            />
            <Checkbox name="hideResults" label={t("polls.field.hideResults")} hint={t("polls.field.hideResults.hint")} checked={values?.hideResults === "on"} />
          </>
        ) : (
          <fieldset>
            <legend>{t("polls.field.times")}</legend>
            <p className="hint">{t("polls.field.times.hint")}</p>
            {Array.from({ length: TIME_SLOTS }, (_, i) => (
              <Field key={i} name={`time${i}`} type="datetime-local" label={t("polls.field.time", { n: i + 1 })} errors={errors} values={values} />
            ))}
            <Field name="durationMinutes" type="number" inputMode="numeric" min={5} max={720} label={t("meetings.field.duration")} errors={errors} values={values} defaultValue={120} />
            <Field name="place" label={t("meetings.field.place")} errors={errors} values={values} maxLength={200} />
          </fieldset>
        )}
        <Field name="days" type="number" inputMode="numeric" min={1} max={60} label={t("polls.field.days")} errors={errors} values={values} defaultValue={DEFAULT_POLL_DAYS} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t("polls.create")}
          </button>
        </div>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
