import type { LoaderFunctionArgs } from "@remix-run/node";
import { localeFor } from "~/web/locale.server";
import { titleFor } from "~/i18n/system-title";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { notFound, requireMember } from "~/web/authz.server";
import { diffWords } from "~/lib/diff";
import { getProposal, getRevision, listRevisions, revisionCharter } from "~/models/proposal.server";
import { CharterChange, DiffView } from "~/components/decisions";
import { useLocale, useT } from "~/i18n/react";
import { formatDateTime } from "~/i18n";
import { GeneralErrorBoundary } from "~/components/error-boundary";

/** Every revision is kept and any two can be compared (docs/domain.md#proposals). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, assembly } = await requireMember(request, params.slug);
  const p = getProposal(assembly.id, params.id ?? "");
  if (!p) notFound();
  const url = new URL(request.url);
  const pick = (name: string, fallback: number) => {
    const n = Number(url.searchParams.get(name));
    return Number.isInteger(n) && n >= 1 && n <= p.currentRevision ? n : fallback;
  };
  const to = pick("to", p.currentRevision);
  const from = pick("from", Math.max(1, to - 1));
  const a = getRevision(p.id, from)!;
  const b = getRevision(p.id, to)!;
  const ca = revisionCharter(a);
  const cb = revisionCharter(b);
  return {
    slug: assembly.slug,
    proposal: { id: p.id, number: p.number, title: titleFor(localeFor(request, user), p) },
    revisions: listRevisions(p.id).map((r) => ({ number: r.number, title: r.title, authorName: r.authorName, createdAt: r.createdAt, fromAmendment: Boolean(r.amendmentId) })),
    from,
    to,
    title: a.title === b.title ? null : { before: a.title, after: b.title },
    body: diffWords(a.body, b.body),
    charter: ca && cb ? { before: ca, after: cb } : null,
  };
}

export default function Revisions() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const options = d.revisions.map((r) => (
    <option key={r.number} value={r.number}>
      {t("revisions.option", { n: r.number, date: formatDateTime(locale, r.createdAt) })}
    </option>
  ));
  return (
    <section>
      <p className="muted small">
        <Link to={`/a/${d.slug}/proposals/${d.proposal.id}`}>{t("proposal.backTo", { number: d.proposal.number })}</Link>
      </p>
      <h1>{t("revisions.title", { number: d.proposal.number, title: d.proposal.title })}</h1>
      <ol className="record-list">
        {d.revisions.map((r) => (
          <li key={r.number}>
            {t("revisions.item", { n: r.number, name: r.authorName ?? t("proposal.formerMember"), date: formatDateTime(locale, r.createdAt) })}
            {r.fromAmendment ? <span className="badge">{t("revisions.fromAmendment")}</span> : null}
          </li>
        ))}
      </ol>
      <Form method="get" className="inline-fields compare-form">
        <div className="field">
          <label htmlFor="rev-from">{t("revisions.from")}</label>
          <select id="rev-from" name="from" defaultValue={d.from}>
            {options}
          </select>
        </div>
        <div className="field">
          <label htmlFor="rev-to">{t("revisions.to")}</label>
          <select id="rev-to" name="to" defaultValue={d.to}>
            {options}
          </select>
        </div>
        <button type="submit">{t("revisions.compare")}</button>
      </Form>
      <h2>{t("revisions.comparing", { from: d.from, to: d.to })}</h2>
      {d.title ? (
        <p>
          {t("revisions.titleChanged")} <del>{d.title.before}</del> → <ins>{d.title.after}</ins>
        </p>
      ) : null}
      <DiffView parts={d.body} label={t("revisions.diffLabel", { from: d.from, to: d.to })} />
      {d.charter ? (
        <>
          <h2>{t("revisions.charter")}</h2>
          <CharterChange current={d.charter.before} proposed={d.charter.after} />
        </>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
