import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { aidAction, aidIntent, requireAid, type AidContext } from "~/web/aid.server";
import type { FedFailure } from "~/web/federation-http.server";
import { parseLocalDateTime } from "~/lib/meeting-fields";
import { assemblyTimeZone } from "~/models/assembly.server";
import { seriesIdSchema, seriesSchema, slotSchema } from "~/lib/aid-validation.server";
import { createSeries, dropOut, endSeries, seriesOf, signUp, upcomingShifts } from "~/models/aid-shift.server";
import { Field, FormError, TextArea } from "~/components/form";
import { useLocale, useT } from "~/i18n/react";
import { formatDateTime } from "~/i18n";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Plenary" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { assembly, viewer } = await requireAid(request, params.slug);
  const now = Date.now();
  return { slug: assembly.slug, coordinator: viewer.coordinator, shifts: upcomingShifts(assembly.id, viewer.userId, now), series: viewer.coordinator ? seriesOf(assembly.id).map((s) => ({ id: s.id, title: s.title })) : [] };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const here = (c: AidContext) => `/a/${c.assembly.slug}/aid/shifts`;
  return aidAction(request, params.slug, {
    signup: aidIntent({ schema: slotSchema, run: (d, c) => signUp(c.assembly.id, d.slotId, c.user.id, c.now), done: (_, __, c) => `${here(c)}?done=signup` }),
    dropout: aidIntent({ schema: slotSchema, run: (d, c) => dropOut(c.assembly.id, d.slotId, c.user.id, c.now), done: (_, __, c) => `${here(c)}?done=dropout` }),
    series: aidIntent({
      schema: seriesSchema,
      need: "coordinator",
      run: (d, c) =>
        createSeries(
          c.assembly.id,
          c.viewer,
          // Typed as the assembly's wall-clock time (app/lib/time-zones.ts).
          { title: d.title, place: d.place, firstStartsAt: parseLocalDateTime(`${d.firstDate}T${d.startTime}`, assemblyTimeZone(c.assembly)), durationMinutes: d.durationMinutes, everyWeeks: d.everyWeeks, weeksAhead: d.weeksAhead, slots: d.slots },
          c.now,
        ),
      done: (_, __, c) => `${here(c)}?done=series`,
    }),
    end: aidIntent({ schema: seriesIdSchema, run: (d, c) => endSeries(c.assembly.id, d.seriesId, c.viewer, c.now), done: (_, __, c) => `${here(c)}?done=ended` }),
  });
}

export default function Shifts() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FedFailure | undefined;
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const locale = useLocale();
  const [params] = useSearchParams();
  const done = params.get("done");
  const errorsFor = (intent: string) => (result?.intent === intent ? result.errors : undefined);
  const valuesFor = (intent: string) => (result?.intent === intent ? result.values : undefined);
  const slotError = errorsFor("signup")?.form ?? errorsFor("dropout")?.form;
  return (
    <section>
      <p className="muted small">
        <Link to={`/a/${d.slug}/aid`}>{t("aid.back")}</Link>
      </p>
      <h1>{t("aid.shifts.title")}</h1>
      <p className="lead">{t("aid.shifts.intro")}</p>
      {done ? (
        <p className="notice" role="status">
          {t(`aid.done.${done}`)}
        </p>
      ) : null}
      <FormError message={slotError} />
      {d.shifts.length === 0 ? <p className="muted">{t("aid.shifts.none")}</p> : null}
      <ul className="cards aid-shifts">
        {d.shifts.map((s) => (
          <li key={s.id} id={`s-${s.id}`} className="card">
            <h2>
              {s.title} {s.short ? <span className="badge warn">{t("aid.shifts.short")}</span> : null}
            </h2>
            <p className="small">
              {formatDateTime(locale, s.startsAt)}
              {s.place ? ` · ${s.place}` : ""}
            </p>
            <ul>
              {s.slots.map((sl) => (
                <li key={sl.id}>
                  <strong>{sl.role}</strong> · {t("aid.shifts.taken", { taken: sl.taken, max: sl.max })}
                  {sl.names.length ? <span className="muted small"> ({sl.names.join(", ")})</span> : null}{" "}
                  {sl.mine ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="dropout" />
                      <input type="hidden" name="slotId" value={sl.id} />
                      <button type="submit" disabled={busy}>
                        {t("aid.shifts.dropOut")}
                      </button>
                    </Form>
                  ) : !s.signedUp && sl.taken < sl.max ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="signup" />
                      <input type="hidden" name="slotId" value={sl.id} />
                      <button type="submit" disabled={busy} aria-label={t("aid.shifts.signUpAs", { role: sl.role, title: s.title })}>
                        {t("aid.shifts.signUp")}
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {d.coordinator ? (
        <section aria-labelledby="series-title">
          <h2 id="series-title">{t("aid.shifts.newSeries")}</h2>
          <Form method="post" className="stack-form">
            <input type="hidden" name="intent" value="series" />
            <FormError message={errorsFor("series")?.form} />
            <Field name="title" label={t("aid.shifts.field.title")} errors={errorsFor("series")} values={valuesFor("series")} maxLength={120} required />
            <Field name="place" label={t("aid.shifts.field.place")} errors={errorsFor("series")} values={valuesFor("series")} maxLength={200} />
            <div className="inline-fields">
              <Field name="firstDate" type="date" label={t("aid.shifts.field.firstDate")} errors={errorsFor("series")} values={valuesFor("series")} required />
              <Field name="startTime" type="time" label={t("aid.shifts.field.startTime")} errors={errorsFor("series")} values={valuesFor("series")} defaultValue="10:00" required />
            </div>
            <div className="inline-fields">
              <Field name="durationMinutes" type="number" label={t("aid.shifts.field.duration")} errors={errorsFor("series")} values={valuesFor("series")} defaultValue={120} min={15} max={720} />
              <Field name="everyWeeks" type="number" label={t("aid.shifts.field.everyWeeks")} errors={errorsFor("series")} values={valuesFor("series")} defaultValue={1} min={1} max={8} />
              <Field name="weeksAhead" type="number" label={t("aid.shifts.field.weeksAhead")} errors={errorsFor("series")} values={valuesFor("series")} defaultValue={4} min={1} max={12} />
            </div>
            <TextArea name="slots" label={t("aid.shifts.field.slots")} hint={t("aid.shifts.field.slots.hint")} errors={errorsFor("series")} values={valuesFor("series")} rows={3} maxLength={1000} />
            <div>
              <button type="submit" className="primary" disabled={busy}>
                {t("aid.shifts.create")}
              </button>
            </div>
          </Form>
          {d.series.length > 0 ? (
            <>
              <h3>{t("aid.shifts.series")}</h3>
              <FormError message={errorsFor("end")?.form} />
              <ul>
                {d.series.map((s) => (
                  <li key={s.id}>
                    {s.title}{" "}
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="end" />
                      <input type="hidden" name="seriesId" value={s.id} />
                      <button type="submit" disabled={busy}>
                        {t("aid.shifts.end")}
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
