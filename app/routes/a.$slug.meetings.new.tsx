import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { requireMember } from "~/web/authz.server";
import { parseForm } from "~/web/forms";
import { refused } from "~/web/refusal.server";
import { invalid } from "~/web/http.server";
import { parseLocalDateTime, toLocalInput } from "~/lib/meeting-fields";
import { meetingSchema } from "~/lib/meeting-validation.server";
import { assemblyTimeZone, currentCharter } from "~/models/assembly.server";
import { zoneLabel } from "~/lib/time-zones";
import { scheduleMeeting } from "~/models/meeting.server";
import { Checkbox, Field, FormError } from "~/components/form";
import { useT } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useFormResult } from "~/components/form-result";

const DAY = 86_400_000;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { assembly } = await requireMember(request, params.slug, "facilitator");
  const days = currentCharter(assembly.id).charter.notice.days;
  // Suggest the earliest day the charter allows, at 19:00 in the assembly's zone.
  const zone = assemblyTimeZone(assembly);
  const day = toLocalInput(Date.now() + days * DAY + DAY, zone).slice(0, 10);
  return { noticeDays: days, suggested: `${day}T19:00`, zone: zoneLabel(zone) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, assembly } = await requireMember(request, params.slug, "facilitator");
  const form = await request.formData();
  const parsed = parseForm(meetingSchema, form);
  if (!parsed.ok) return invalid(parsed);
  const now = Date.now();
  const r = scheduleMeeting({ ...parsed.data, startsAt: parseLocalDateTime(parsed.data.startsAt, assemblyTimeZone(assembly)), assemblyId: assembly.id, createdBy: user.id, now });
  if (!r.ok) return refused(r, form);
  return redirect(`/a/${assembly.slug}/meetings/${r.meeting.id}`);
}

export default function NewMeeting() {
  const { noticeDays, suggested, zone } = useLoaderData<typeof loader>();
  // Said as soon as the date is picked (with JavaScript); the server checks it either way.
  const [tooSoon, setTooSoon] = useState(false);
  const { busy, errors, values } = useFormResult<typeof action>();
  const t = useT();
  return (
    <section className="narrow">
      <h1>{t("meetings.new.title")}</h1>
      <p className="notice">{t("meetings.new.notice", { days: noticeDays })}</p>
      <Form
        method="post"
        noValidate
        className="stack-form"
        onChange={(e) => {
          const when = (e.currentTarget.elements.namedItem("startsAt") as HTMLInputElement | null)?.value;
          setTooSoon(Boolean(when) && new Date(when!).getTime() - Date.now() < noticeDays * DAY);
        }}
      >
        <FormError message={errors?.form} />
        <Field name="title" label={t("meetings.field.title")} errors={errors} values={values} defaultValue={t("meetings.default.title")} required maxLength={120} />
        <Field name="startsAt" type="datetime-local" label={t("meetings.field.startsAt")} hint={t("meetings.field.startsAt.hint", { zone })} errors={errors} values={values} defaultValue={suggested} required />
        <Field name="durationMinutes" type="number" inputMode="numeric" min={5} max={720} label={t("meetings.field.duration")} errors={errors} values={values} defaultValue={120} />
        <Field name="place" label={t("meetings.field.place")} hint={t("meetings.field.place.hint")} errors={errors} values={values} maxLength={200} />
        <Field name="link" type="url" label={t("meetings.field.link")} hint={t("meetings.field.link.hint")} errors={errors} values={values} maxLength={500} />
        <p className={tooSoon ? "notice warn" : "visually-hidden"} role="status">
          {tooSoon ? t("meetings.new.tooSoon", { days: noticeDays }) : ""}
        </p>
        <div className={errors?.shortNotice ? "field has-error" : undefined}>
          {errors?.shortNotice ? (
            <p className="field-error" role="alert" id="short-notice-error">
              {t(errors.shortNotice)}
            </p>
          ) : null}
          <Checkbox name="shortNotice" label={t("meetings.field.shortNotice")} hint={t("meetings.field.shortNotice.hint", { days: noticeDays })} checked={values?.shortNotice === "on"} />
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {t("meetings.new.submit")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
