import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireMember } from "~/web/authz.server";
import { can } from "~/models/membership.server";
import { joinSchema } from "~/lib/federation-validation.server";
import { parseForm } from "~/web/forms";
import { badForm, type FedFailure } from "~/web/federation-http.server";
import { refused } from "~/web/refusal.server";
import { localeFor } from "~/web/locale.server";
import { councilsOf, isCouncil, listedCouncils, proposeJoin } from "~/models/council.server";
import { activeTerms, vacancies } from "~/models/delegate.server";
import { Field, FormError } from "~/components/form";
import { useLocale, useT } from "~/i18n/react";
import { formatDate } from "~/i18n";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { assembly, membership } = await requireMember(request, params.slug);
  const councils = councilsOf(assembly.id).map((c) => ({
    ...c,
    delegates: activeTerms({ councilId: c.councilId, assemblyId: assembly.id }).length,
    vacant: vacancies(assembly.id, c.councilId),
  }));
  return {
    slug: assembly.slug,
    name: assembly.name,
    isCouncil: isCouncil(assembly),
    councils,
    directory: listedCouncils(assembly.id),
    canPropose: can(membership, "voter"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, assembly } = await requireMember(request, params.slug, "voter");
  const form = await request.formData();
  const parsed = parseForm(joinSchema, form);
  if (!parsed.ok) return badForm(parsed, "join");
  const r = proposeJoin({ assemblyId: assembly.id, council: parsed.data.council, authorId: user.id, locale: localeFor(request, user), now: Date.now() });
  if (!r.ok) return refused(r, form, { intent: "join", locale: localeFor(request, user) });
  return redirect(`/a/${assembly.slug}/proposals/${r.proposal.id}`);
}

export default function Councils() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FedFailure | undefined;
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const locale = useLocale();
  return (
    <section>
      <h1>{t("federation.councils.title")}</h1>
      <p className="lead">{t("federation.councils.intro")}</p>
      {d.isCouncil ? (
        <p>
          <Link className="button" to={`/a/${d.slug}/council`}>
            {t("federation.councils.ownSeats")}
          </Link>
        </p>
      ) : null}
      {d.councils.length === 0 ? (
        <p>{t("federation.councils.none")}</p>
      ) : (
        <ul className="cards" aria-label={t("federation.councils.title")}>
          {d.councils.map((c) => (
            <li key={c.id} className="card">
              <h2>
                <Link to={`/a/${d.slug}/councils/${c.councilId}`}>{c.name}</Link>
              </h2>
              <p>
                {c.status === "pending" ? (
                  <span className="badge warn">{t("federation.councils.pending", { date: formatDate(locale, c.requestedAt) })}</span>
                ) : (
                  <span className="badge ok">{t("federation.councils.memberSince", { date: formatDate(locale, c.joinedAt ?? c.requestedAt) })}</span>
                )}
              </p>
              {c.status === "active" ? <p className="small">{t("federation.councils.seatsSummary", { delegates: c.delegates, vacant: c.vacant })}</p> : null}
            </li>
          ))}
        </ul>
      )}
      {d.directory.length > 0 ? (
        <section aria-labelledby="directory-title">
          <h2 id="directory-title">{t("federation.directory.title")}</h2>
          <p className="hint">{t("federation.join.hint")}</p>
          <ul className="cards">
            {d.directory.map((c) => (
              <li key={c.id} className="card">
                <h3>{c.name}</h3>
                {c.description ? <p>{c.description}</p> : null}
                <p className="small muted">{t("federation.directory.members", { n: c.members })}</p>
                {d.canPropose ? (
                  <Form method="post">
                    <input type="hidden" name="council" value={c.slug} />
                    <button type="submit" className="primary small" disabled={busy} aria-label={t("federation.directory.joinLabel", { council: c.name })}>
                      {t("federation.join.submit")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {d.canPropose ? (
        <section aria-labelledby="join-title">
          <h2 id="join-title">{t("federation.join.title")}</h2>
          <p className="hint">{t("federation.join.hint")}</p>
          <Form method="post" className="stack-form compact">
            <FormError message={result?.errors.form} />
            <Field name="council" label={t("federation.join.council")} hint={t("federation.join.council.hint")} errors={result?.errors} values={result?.values} required maxLength={300} />
            <div>
              <button type="submit" className="primary" disabled={busy}>
                {t("federation.join.submit")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
      <p>
        <Link to="/councils/new">{t("federation.found.link")}</Link> · <Link to={`/a/${d.slug}/report-backs`}>{t("federation.overview.reportsLink")}</Link> ·{" "}
        <Link to={`/a/${d.slug}/recalls`}>{t("federation.overview.recallsLink")}</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
