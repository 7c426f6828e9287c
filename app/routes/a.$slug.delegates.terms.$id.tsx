import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { notFound, requireMember } from "~/web/authz.server";
import { termView } from "~/models/delegate.server";
import { useLocale, useT } from "~/i18n/react";
import { formatDate } from "~/i18n";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.term.name} · ${data.term.councilName} · Plenary` : "Plenary" }];

/**
 * A delegate's term, on their home assembly's pages: which council, since when, until when,
 * and, once it ended, how and by what (docs/domain.md#recall). A delegate whose seat was
 * taken away lands here from the council's pages, which are no longer theirs.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, assembly } = await requireMember(request, params.slug);
  // The term must belong to the assembly in the address.
  const term = termView(assembly.id, params.id ?? "", user.id);
  if (!term) notFound();
  return { slug: assembly.slug, body: assembly.name, term, mine: term.userId === user.id };
}

export default function TermPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const [params] = useSearchParams();
  const base = `/a/${d.slug}`;
  const term = d.term;
  return (
    <article>
      <p className="muted small">
        <Link to={`${base}/councils/${term.councilId}`}>{t("federation.election.backToCouncil", { council: term.councilName })}</Link>
      </p>
      <h1>{t("federation.termPage.title", { name: term.name, council: term.councilName })}</h1>
      {params.get("from") === "council" && term.status !== "active" ? (
        <p className="notice warn" role="status">
          {t(d.mine ? "federation.termPage.noLongerYours" : "federation.termPage.noLonger", { council: term.councilName })}
        </p>
      ) : null}
      <dl className="facts">
        <div>
          <dt>{t("federation.termPage.status")}</dt>
          <dd>
            <span className={`badge term-${term.status}`}>{t(`federation.term.${term.status}`)}</span>
          </dd>
        </div>
        <div>
          <dt>{t("federation.termPage.dates")}</dt>
          <dd>{t("federation.term.dates", { since: formatDate(locale, term.startsAt), until: formatDate(locale, term.endedAt ?? term.endsAt) })}</dd>
        </div>
      </dl>
      {term.status === "recalled" && term.endedAt ? (
        <p className="explanation">
          {t("federation.termPage.recalledOn", { date: formatDate(locale, term.endedAt), body: d.body })}{" "}
          {term.recall ? (
            <>
              <Link to={`${base}/proposals/${term.recall.proposalId}`}>{t("federation.termPage.recallProposal", { number: term.recall.number })}</Link>
              {term.recall.reason ? ` — ${t("federation.termPage.petitionReason", { reason: term.recall.reason })}` : ""}{" "}
            </>
          ) : null}
          <Link to={`${base}/record`}>{t("federation.termPage.inRecord")}</Link>
        </p>
      ) : term.status !== "active" && term.endedAt ? (
        <p className="explanation">
          {t(`federation.termPage.ended.${term.status}`, { date: formatDate(locale, term.endedAt), body: d.body })} <Link to={`${base}/record`}>{t("federation.termPage.inRecord")}</Link>
        </p>
      ) : (
        <p>
          {term.canOpenCouncil ? <Link to={`/a/${term.councilSlug}`}>{t("federation.termPage.openCouncil", { council: term.councilName })}</Link> : null}
        </p>
      )}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
