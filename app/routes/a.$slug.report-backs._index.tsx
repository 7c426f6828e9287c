import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireMember } from "~/web/authz.server";
import { reportSchema } from "~/lib/federation-validation.server";
import { parseForm } from "~/web/forms";
import { badForm, type FedFailure } from "~/web/federation-http.server";
import { refused } from "~/web/refusal.server";
import { localeFor } from "~/web/locale.server";
import { assemblyTimeZone } from "~/models/assembly.server";
import { getCouncil } from "~/models/council.server";
import { activeTerms } from "~/models/delegate.server";
import { fileReport, filedReports, overdueReports, owedReports } from "~/models/report-back.server";
import { Field, FormError, Select, TextArea } from "~/components/form";
import { useLocale, useT } from "~/i18n/react";
import { formatDate } from "~/i18n";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, assembly } = await requireMember(request, params.slug);
  const now = Date.now();
  const owed = owedReports(user.id, now, assembly.id);
  const terms = activeTerms({ assemblyId: assembly.id, userId: user.id });
  return {
    slug: assembly.slug,
    reports: filedReports(assembly.id, now),
    overdue: overdueReports({ assemblyId: assembly.id }, now),
    owed,
    // What this delegate can report on: each owed report, or council business between meetings.
    about: [
      ...owed.map((o) => ({ value: `report:${o.id}`, label: o.dueAt ? `${o.councilName} — ${formatDate(localeFor(request, user), o.dueAt, assemblyTimeZone(assembly))}` : o.councilName, kind: "owed" as const })),
      ...terms.map((t) => ({ value: `term:${t.id}`, label: getCouncil(t.councilId)?.name ?? "", kind: "term" as const })),
    ],
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, assembly } = await requireMember(request, params.slug);
  const form = await request.formData();
  const locale = localeFor(request, user);
  const parsed = parseForm(reportSchema, form);
  if (!parsed.ok) return badForm(parsed, "file");
  const [kind, id] = parsed.data.about.split(":");
  const r = fileReport({
    assemblyId: assembly.id,
    userId: user.id,
    reportId: kind === "report" ? id : null,
    termId: kind === "term" ? id : null,
    title: parsed.data.title,
    body: parsed.data.body,
    now: Date.now(),
  });
  if (!r.ok) return refused(r, form, { intent: "file", locale });
  // Only this assembly's reports are shown here.
  if (r.report.assemblyId !== assembly.id) return redirect(`/a/${assembly.slug}/report-backs`);
  return redirect(`/a/${assembly.slug}/report-backs/${r.report.id}?done=filed`);
}

export default function ReportBacks() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FedFailure | undefined;
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const locale = useLocale();
  const base = `/a/${d.slug}/report-backs`;
  return (
    <section>
      <h1>{t("federation.reports.title")}</h1>
      <p className="lead">{t("federation.reports.intro")}</p>
      {d.overdue.length > 0 ? (
        <div className="notice warn" role="note">
          <p>
            <strong>{t("federation.overview.lateTitle")}</strong>
          </p>
          <ul>
            {d.overdue.map((o) => (
              <li key={o.id}>{t("federation.overview.lateItem", { delegate: o.delegate, council: o.councilName, date: o.dueAt ? formatDate(locale, o.dueAt) : "" })}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {d.about.length > 0 ? (
        <section aria-labelledby="file-title">
          <h2 id="file-title">{t("federation.reports.file")}</h2>
          {d.owed.length > 0 ? (
            <ul>
              {d.owed.map((o) => (
                <li key={o.id}>
                  {o.councilName}: {o.dueAt ? t(o.late ? "federation.reports.overdueSince" : "federation.reports.dueBy", { date: formatDate(locale, o.dueAt) }) : null}
                  {o.late ? <span className="badge warn">{t("federation.reports.late")}</span> : null}
                </li>
              ))}
            </ul>
          ) : null}
          <p className="hint">{t("federation.reports.onceHint")}</p>
          <Form method="post" className="stack-form">
            <FormError message={result?.errors.form} />
            <Select name="about" label={t("federation.reports.about")} options={d.about.map((a) => ({ value: a.value, label: a.kind === "owed" ? t("federation.reports.aboutOwed", { label: a.label }) : t("federation.reports.aboutTerm", { label: a.label }) }))} errors={result?.errors} values={result?.values} />
            <Field name="title" label={t("federation.reports.reportTitle")} errors={result?.errors} values={result?.values} maxLength={200} required />
            <TextArea name="body" label={t("federation.reports.body")} errors={result?.errors} values={result?.values} rows={8} maxLength={20000} />
            <div>
              <button type="submit" className="primary" disabled={busy}>
                {t("federation.reports.submit")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
      <h2>{t("federation.reports.filed")}</h2>
      {d.reports.length === 0 ? (
        <p>{t("federation.reports.none")}</p>
      ) : (
        <ul className="proposal-list">
          {d.reports.map((r) => (
            <li key={r.id}>
              <h3>
                <Link to={`${base}/${r.id}`}>{r.title}</Link>
              </h3>
              <p className="small">
                {t("federation.reports.byline", { delegate: r.delegate, council: r.councilName, date: r.submittedAt ? formatDate(locale, r.submittedAt) : "" })}{" "}
                {r.late ? <span className="badge warn">{t("federation.reports.late")}</span> : null} · {t("federation.reports.comments", { n: r.comments })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
