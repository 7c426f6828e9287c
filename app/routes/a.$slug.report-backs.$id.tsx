import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { notFound, requireMember } from "~/web/authz.server";
import { reportCommentSchema } from "~/lib/federation-validation.server";
import { parseForm } from "~/web/forms";
import { badForm, type FedFailure } from "~/web/federation-http.server";
import { refused } from "~/web/refusal.server";
import { localeFor } from "~/web/locale.server";
import { addReportComment, reportView } from "~/models/report-back.server";
import { FormError, TextArea } from "~/components/form";
import { useLocale, useT } from "~/i18n/react";
import { formatDate, formatDateTime } from "~/i18n";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.report.title} · Plenary` : "Plenary" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { assembly } = await requireMember(request, params.slug);
  const report = params.id ? reportView(assembly.id, params.id, Date.now()) : null;
  // Owed but not yet written: nothing to read.
  if (!report || report.submittedAt === null) notFound();
  return { slug: assembly.slug, report };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, assembly } = await requireMember(request, params.slug);
  const report = params.id ? reportView(assembly.id, params.id, Date.now()) : null;
  if (!report) notFound();
  const form = await request.formData();
  const parsed = parseForm(reportCommentSchema, form);
  if (!parsed.ok) return badForm(parsed, "comment");
  const r = addReportComment({ reportId: report.id, authorId: user.id, body: parsed.data.body, now: Date.now() });
  if (!r.ok) return refused(r, form, { intent: "comment", locale: localeFor(request, user) });
  return redirect(`/a/${assembly.slug}/report-backs/${report.id}?done=comment#c-${r.id}`);
}

export default function ReportBackPage() {
  const { slug, report } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FedFailure | undefined;
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const locale = useLocale();
  const done = params.get("done");
  return (
    <article>
      <p className="muted small">
        <Link to={`/a/${slug}/report-backs`}>{t("federation.reports.back")}</Link>
      </p>
      <h1>{report.title}</h1>
      <p className="small">
        {t("federation.reports.byline", { delegate: report.delegate, council: report.councilName, date: report.submittedAt ? formatDate(locale, report.submittedAt) : "" })}{" "}
        {report.late ? <span className="badge warn">{t("federation.reports.late")}</span> : null}
      </p>
      <div aria-live="polite">
        {done ? (
          <p className="notice" role="status">
            {t(`federation.reports.done.${done}`)}
          </p>
        ) : null}
      </div>
      {report.meeting ? (
        <p className="notice">
          {t("federation.reports.onAgenda", { title: report.meeting.title, date: formatDateTime(locale, report.meeting.startsAt) })}{" "}
          <Link to={`/a/${slug}/meetings/${report.meeting.id}`}>{t("federation.reports.toMeeting")}</Link>
        </p>
      ) : (
        <p className="muted">{t("federation.reports.waitingAgenda")}</p>
      )}
      <div className="proposal-body">
        <p className="proposal-text">{report.body}</p>
      </div>
      <section aria-labelledby="comments-title">
        <h2 id="comments-title">{t("federation.reports.commentsTitle", { n: report.comments.length })}</h2>
        <ul className="comment-list">
          {report.comments.map((c) => (
            <li key={c.id} id={`c-${c.id}`} className="comment">
              <p className="small muted">
                {c.authorName ?? t("proposal.formerMember")} · {formatDateTime(locale, c.createdAt)}
              </p>
              <p className="proposal-text">{c.body}</p>
            </li>
          ))}
        </ul>
        <Form method="post" className="stack-form compact">
          <FormError message={result?.errors.form} />
          <TextArea name="body" label={t("federation.reports.comment")} errors={result?.errors} values={result?.values} rows={3} maxLength={5000} />
          <div>
            <button type="submit" disabled={busy}>
              {t("federation.reports.commentSubmit")}
            </button>
          </div>
        </Form>
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
