/**
 * Search the member's bodies: a GET form (works without JavaScript) and ranked results with
 * the matching words marked. Only bodies the member belongs to are searched
 * (app/models/search.server.ts).
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/web/session.server";
import { localeFor } from "~/web/locale.server";
import { assembliesOf } from "~/models/assembly.server";
import { search, type Segment } from "~/models/search.server";
import { useLocale, useT } from "~/i18n/react";
import { formatDate } from "~/i18n";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Plenary" }];

const Q_MAX = 200;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const params = new URL(request.url).searchParams;
  // A long query is cut, not refused: the form's maxLength says the same.
  const q = (params.get("q") ?? "").slice(0, Q_MAX).trim();
  const bodies = assembliesOf(user.id).map((a) => ({ id: a.id, slug: a.slug, name: a.name }));
  const body = bodies.find((b) => b.slug === params.get("in")) ?? null;
  return {
    q,
    in: body?.slug ?? "",
    bodies: bodies.map((b) => ({ slug: b.slug, name: b.name })),
    results: q ? search(user.id, q, { assemblyId: body?.id, locale: localeFor(request, user) }) : [],
  };
}

function Marked({ parts }: { parts: Segment[] }) {
  return (
    <>
      {parts.map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  );
}

export default function Search() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <section>
      <h1>{t("search.title")}</h1>
      <Form method="get" className="search-form" role="search">
        <div className="field">
          <label htmlFor="q">{t("search.label")}</label>
          <input id="q" name="q" type="search" defaultValue={data.q} maxLength={Q_MAX} />
        </div>
        {data.bodies.length > 1 ? (
          <div className="field">
            <label htmlFor="in">{t("search.in")}</label>
            <select id="in" name="in" defaultValue={data.in}>
              <option value="">{t("search.in.all")}</option>
              {data.bodies.map((b) => (
                <option key={b.slug} value={b.slug}>
                  {b.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <button type="submit" className="primary">
          {t("search.submit")}
        </button>
      </Form>
      {data.q ? (
        <p role="status">{data.results.length ? t("search.count", { count: data.results.length, q: data.q }) : t("search.none", { q: data.q })}</p>
      ) : null}
      {data.results.length ? (
        <ol className="search-results">
          {data.results.map((r) => (
            <li key={r.href} className="search-hit">
              <p className="small">
                <span className="badge">{t(`search.kind.${r.kind}`)}</span> <span className="muted">{r.body} · {formatDate(locale, r.at)}</span>
              </p>
              <p className="search-title">
                <Link to={r.href}>{r.title.length ? <Marked parts={r.title} /> : t(`search.kind.${r.kind}`)}</Link>
              </p>
              {r.snippet.length ? (
                <p className="search-snippet">
                  <Marked parts={r.snippet} />
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
