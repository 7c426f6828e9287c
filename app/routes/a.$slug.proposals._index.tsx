import type { LoaderFunctionArgs } from "@remix-run/node";
import { localeFor } from "~/web/locale.server";
import { titleFor } from "~/i18n/system-title";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/web/authz.server";
import { can } from "~/models/membership.server";
import { isProposalStatus, PROPOSAL_STATUSES } from "~/engine/lifecycle";
import { listProposals, statusCounts } from "~/models/proposal.server";
import { listPolls } from "~/models/poll.server";
import { PROPOSAL_SORTS, type ProposalSort } from "~/lib/proposal-fields";
import { StatusBadge } from "~/components/decisions";
import { useLocale, useT } from "~/i18n/react";
import { formatDateTime } from "~/i18n";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pager } from "~/components/pager";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, assembly, membership } = await requireMember(request, params.slug);
  const url = new URL(request.url);
  const search = url.searchParams;
  const raw = search.get("status");
  // Unknown values fall back to the defaults: a filter link is never an error.
  const locale = localeFor(request, user);
  const status = isProposalStatus(raw) ? raw : null;
  const sort: ProposalSort = (PROPOSAL_SORTS as readonly string[]).includes(search.get("sort") ?? "") ? (search.get("sort") as ProposalSort) : "updated";
  return {
    slug: assembly.slug,
    status,
    sort,
    counts: statusCounts(assembly.id),
    ...(() => {
      const list = listProposals(assembly.id, { status, sort, userId: user.id, page: Number(search.get("page") ?? 1) });
      return { ...list, proposals: list.proposals.map(({ systemTitle, ...p }) => ({ ...p, title: titleFor(locale, { title: p.title, systemTitle }) })) };
    })(),
    canPropose: can(membership, "voter"),
    isCouncil: assembly.kind === "council",
    // Polls are listed with proposals (docs/domain.md#polls): open ones first.
    polls: listPolls(assembly.id, { limit: 20 }),
    now: Date.now(),
  };
}

export default function Proposals() {
  const { slug, status, sort, counts, proposals, page, pages, canPropose, isCouncil, polls, now } = useLoaderData<typeof loader>();
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
            <Link to={sort === "updated" ? base : `${base}?sort=${sort}`} aria-current={status === null ? "page" : undefined}>
              {t("proposals.all", { n: total })}
            </Link>
          </li>
          {PROPOSAL_STATUSES.filter((s) => counts[s]).map((s) => (
            <li key={s}>
              <Link to={`${base}?status=${s}${sort === "updated" ? "" : `&sort=${sort}`}`} aria-current={status === s ? "page" : undefined}>
                {t(`proposal.status.${s}`)} ({counts[s]})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <section className="poll-list" aria-labelledby="polls-heading">
        <h2 id="polls-heading">{t("polls.title")}</h2>
        {canPropose ? (
          <p>
            <Link className="button" to={`/a/${slug}/polls/new`}>
              {t("polls.start")}
            </Link>
          </p>
        ) : null}
        {polls.length === 0 ? (
          <p className="muted">{t("polls.none")}</p>
        ) : (
          <ul className="proposal-list">
            {polls.map((p) => {
              const open = p.closedAt === null && p.closesAt > now;
              return (
                <li key={p.id}>
                  <h3>
                    <Link to={`/a/${slug}/polls/${p.id}`}>
                      <span className="muted">{t("polls.number", { number: p.number })}</span> {p.title}
                    </Link>
                  </h3>
                  <p className="small">
                    <span className={`badge ${open ? "ok" : ""}`}>{open ? t("polls.openUntil", { date: formatDateTime(locale, p.closesAt) }) : t("polls.closedOn", { date: formatDateTime(locale, p.closedAt ?? p.closesAt) })}</span>{" "}
                    <span className="badge">{t(`polls.kind.${p.kind}`)}</span> <span className="muted">{t("polls.answers", { n: p.answers })}</span>
                  </p>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <h2>{t("proposals.title")}</h2>
      <Form method="get" className="list-controls">
        {status ? <input type="hidden" name="status" value={status} /> : null}
        <div className="field">
          <label htmlFor="sort">{t("proposals.sort")}</label>
          <select id="sort" name="sort" defaultValue={sort}>
            {PROPOSAL_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`proposals.sort.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t("proposals.sort.apply")}</button>
      </Form>
      {proposals.length === 0 ? (
        <p>{status ? t("proposals.noneWithStatus") : t("proposals.none")}</p>
      ) : (
        <ul className="proposal-list">
          {proposals.map((p) => (
            <li key={p.id} className={p.status === "voting" ? "voting" : undefined}>
              <h2>
                <Link to={`${base}/${p.id}`}>
                  <span className="muted">#{p.number}</span> {p.title}
                </Link>
              </h2>
              <p className="small">
                <StatusBadge status={p.status} /> <span className="badge">{t(`proposalKind.${p.kind}`)}</span>{" "}
                <span className="muted">{t("proposals.updated", { name: p.authorName ?? t("proposal.formerMember"), date: formatDateTime(locale, p.updatedAt) })}</span>
              </p>
              {p.status === "voting" ? (
                <p className="small">
                  {p.deadline !== null ? <span className="deadline">{t("needs.due.closes", { date: formatDateTime(locale, p.deadline) })}</span> : <span className="deadline">{t("proposals.inMeeting")}</span>}
                  {p.eligible ? (
                    <>
                      {" · "}
                      {p.voted ? <span className="voted-yes">✓ {t("proposals.voted")}</span> : <Link to={`${base}/${p.id}#round`} className="voted-no">{t("proposals.notVoted")}</Link>}
                    </>
                  ) : null}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Pager page={page} pages={pages} href={(n) => `${base}?${status ? `status=${status}&` : ""}${sort !== "updated" ? `sort=${sort}&` : ""}page=${n}`} label="proposals.pages" prev="proposals.newer" next="proposals.older" />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
