import type { LoaderFunctionArgs } from "@remix-run/node";
import { localeFor } from "~/web/locale.server";
import { titleFor } from "~/i18n/system-title";
import { Link, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/web/authz.server";
import { can } from "~/models/membership.server";
import { isProposalStatus, PROPOSAL_STATUSES } from "~/engine/lifecycle";
import { listProposals, statusCounts } from "~/models/proposal.server";
import { StatusBadge } from "~/components/decisions";
import { useLocale, useT } from "~/i18n/react";
import { formatDateTime } from "~/i18n";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, assembly, membership } = await requireMember(request, params.slug);
  const locale = localeFor(request, user);
  const raw = new URL(request.url).searchParams.get("status");
  const status = isProposalStatus(raw) ? raw : null;
  return {
    slug: assembly.slug,
    status,
    counts: statusCounts(assembly.id),
    proposals: listProposals(assembly.id, { status }).map(({ systemTitle, ...p }) => ({ ...p, title: titleFor(locale, { title: p.title, systemTitle }) })),
    canPropose: can(membership, "voter"),
    isCouncil: assembly.kind === "council",
  };
}

export default function Proposals() {
  const { slug, status, counts, proposals, canPropose, isCouncil } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const base = `/a/${slug}/proposals`;
  return (
    <section>
      <h1>{t("proposals.title")}</h1>
      {isCouncil ? <p className="hint">{t(canPropose ? "federation.proposals.whoMayYou" : "federation.proposals.whoMayNotYou")}</p> : null}
      {canPropose ? (
        <p>
          <Link className="button primary" to={`${base}/new`}>
            {t("proposals.new")}
          </Link>
        </p>
      ) : null}
      <nav aria-label={t("proposals.filter")} className="filter">
        <ul>
          <li>
            <Link to={base} aria-current={status === null ? "page" : undefined}>
              {t("proposals.all", { n: total })}
            </Link>
          </li>
          {PROPOSAL_STATUSES.filter((s) => counts[s]).map((s) => (
            <li key={s}>
              <Link to={`${base}?status=${s}`} aria-current={status === s ? "page" : undefined}>
                {t(`proposal.status.${s}`)} ({counts[s]})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {proposals.length === 0 ? (
        <p>{status ? t("proposals.noneWithStatus") : t("proposals.none")}</p>
      ) : (
        <ul className="proposal-list">
          {proposals.map((p) => (
            <li key={p.id}>
              <h2>
                <Link to={`${base}/${p.id}`}>
                  <span className="muted">#{p.number}</span> {p.title}
                </Link>
              </h2>
              <p className="small">
                <StatusBadge status={p.status} /> <span className="badge">{t(`proposalKind.${p.kind}`)}</span>{" "}
                <span className="muted">{t("proposals.updated", { name: p.authorName ?? t("proposal.formerMember"), date: formatDateTime(locale, p.updatedAt) })}</span>
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
