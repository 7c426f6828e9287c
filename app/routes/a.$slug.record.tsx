import type { LoaderFunctionArgs } from "@remix-run/node";
import { titleFor } from "~/i18n/system-title";
import { Link, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/web/authz.server";
import { localeFor } from "~/web/locale.server";
import { recordForDisplay, verifyRecord } from "~/models/record.server";
import { proposalTitles } from "~/models/proposal.server";
import { useLocale, useT } from "~/i18n/react";
import { formatDateTime } from "~/i18n";
import { GeneralErrorBoundary } from "~/components/error-boundary";

const PAGE = 20;

/** The decision record: newest first, each entry with its explanation and its place in the hash chain. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, assembly } = await requireMember(request, params.slug);
  const locale = localeFor(request, user);
  const page = Math.max(1, Math.min(100_000, Number(new URL(request.url).searchParams.get("page")) || 1));
  const rows = recordForDisplay(assembly.id, { limit: PAGE + 1, offset: (page - 1) * PAGE });
  const entries = rows.slice(0, PAGE);
  // Rounds name their proposal in the payload; a charter version names the amendment that made it.
  const proposalOf = (e: (typeof entries)[number]) => (typeof e.payload.proposalId === "string" ? e.payload.proposalId : e.kind === "charter" ? e.subjectId : null);
  const ids = entries.map(proposalOf).filter((x): x is string => Boolean(x));
  const proposals = proposalTitles(assembly.id, ids);
  const chain = verifyRecord(assembly.id);
  return {
    slug: assembly.slug,
    isCouncil: assembly.kind === "council",
    page,
    hasNext: rows.length > PAGE,
    chain: { checked: chain.checked, broken: chain.broken ? { seq: chain.broken.seq, reason: chain.broken.reason } : null },
    entries: entries.map((e) => {
      const pid = proposalOf(e);
      const explanation = e.payload.explanation as { en?: string; es?: string } | undefined;
      return {
        seq: e.seq,
        kind: e.kind,
        summary: e.summary,
        // A title the system wrote reads in the reader's language here too (the stored words are the triggering member's).
        params: pid && proposals.get(pid)?.systemTitle && typeof e.params?.title === "string" ? { ...e.params, title: titleFor(locale, proposals.get(pid)!) } : e.params,
        createdAt: e.createdAt,
        hash: e.hash,
        explanation: explanation ? (explanation[locale] ?? explanation.en ?? null) : null,
        charterVersion: typeof e.payload.charterVersion === "number" ? e.payload.charterVersion : null,
        proposal: pid && proposals.has(pid) ? { id: pid, number: proposals.get(pid)!.number, title: titleFor(locale, proposals.get(pid)!) } : null,
      };
    }),
  };
}

export default function DecisionRecord() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const base = `/a/${d.slug}/record`;
  return (
    <section>
      <h1>{t("record.title")}</h1>
      <p className="lead">{t(d.isCouncil ? "record.introCouncil" : "record.intro")}</p>
      {d.chain.broken ? (
        <p className="form-error" role="alert">
          {t("record.chain.broken", { seq: d.chain.broken.seq, reason: d.chain.broken.reason })}
        </p>
      ) : (
        <p className="notice" role="status">
          {t("record.chain.intact", { n: d.chain.checked })}{" "}
          <a href={`${base}.json`}>{t("record.export")}</a>
        </p>
      )}
      {d.entries.length === 0 ? <p>{t("overview.noRecent")}</p> : null}
      <ol className="record-entries">
        {d.entries.map((e) => (
          <li key={e.seq} id={`entry-${e.seq}`} className="record-entry">
            <h2>
              <span className="muted">{t("record.entry", { seq: e.seq })}</span> {t(e.summary, e.params)}
            </h2>
            <p className="muted small">
              {formatDateTime(locale, e.createdAt)}
              {e.charterVersion ? ` · ${t("record.underCharter", { version: e.charterVersion })}` : null}
            </p>
            {e.explanation ? <p className="explanation">{e.explanation}</p> : null}
            {e.proposal ? (
              <p>
                <Link to={`/a/${d.slug}/proposals/${e.proposal.id}`}>{t("record.toProposal", { number: e.proposal.number, title: e.proposal.title })}</Link>
              </p>
            ) : null}
            <p className="muted small hash">
              {t("record.hash")} <code>{e.hash.slice(0, 16)}…</code>
            </p>
          </li>
        ))}
      </ol>
      <nav aria-label={t("record.pages")} className="pager">
        {d.page > 1 ? <Link to={`${base}?page=${d.page - 1}`}>{t("record.newer")}</Link> : null}
        {d.hasNext ? <Link to={`${base}?page=${d.page + 1}`}>{t("record.older")}</Link> : null}
      </nav>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
