import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireAid } from "~/web/aid.server";
import { myMatches, visiblePosts } from "~/models/aid.server";
import { shortShifts, upcomingShifts } from "~/models/aid-shift.server";
import { PostList } from "~/components/aid";
import { useLocale, useT } from "~/i18n/react";
import { formatDateTime } from "~/i18n";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Plenary" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { assembly, viewer, ladder } = await requireAid(request, params.slug);
  const now = Date.now();
  return {
    slug: assembly.slug,
    ladder,
    coordinator: viewer.coordinator,
    requests: visiblePosts(assembly.id, viewer, { kind: "request", open: true }),
    offers: visiblePosts(assembly.id, viewer, { kind: "offer", open: true }),
    mine: visiblePosts(assembly.id, viewer, { mine: true }),
    matches: myMatches(assembly.id, viewer.userId),
    shifts: upcomingShifts(assembly.id, viewer.userId, now, now + 14 * 86_400_000).filter((s) => s.signedUp),
    short: shortShifts({ assemblyId: assembly.id }, now),
  };
}

export default function AidOverview() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const [params] = useSearchParams();
  const base = `/a/${d.slug}/aid`;
  const done = params.get("done");
  return (
    <section>
      <h1>{t("aid.title")}</h1>
      <p className="lead">{t(`aid.ladder.${d.ladder}.who`)}</p>
      {done ? (
        <p className="notice" role="status">
          {t(`aid.done.${done}`)}
        </p>
      ) : null}
      <p className="actions">
        <Link className="button primary" to={`${base}/ask`}>
          {t("aid.ask")}
        </Link>{" "}
        <Link className="button" to={`${base}/offer`}>
          {t("aid.offer")}
        </Link>{" "}
        <Link className="button" to={`${base}/shifts`}>
          {t("aid.shifts.title")}
        </Link>{" "}
        {d.coordinator ? (
          <Link className="button" to={`${base}/coordinate`}>
            {t("aid.coordinate.title")}
          </Link>
        ) : null}
      </p>
      {d.short.length > 0 ? (
        <div className="notice warn" role="note">
          <p>
            <strong>{t("aid.shifts.shortTitle")}</strong>
          </p>
          <ul>
            {d.short.map((s) => (
              <li key={s.id}>
                <Link to={`${base}/shifts#s-${s.id}`}>{t("aid.shifts.shortItem", { title: s.title, date: formatDateTime(locale, s.startsAt), n: s.open })}</Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {d.matches.length > 0 ? (
        <section aria-labelledby="matches-title">
          <h2 id="matches-title">{t("aid.myMatches")}</h2>
          <ul>
            {d.matches.map((m) => (
              <li key={m.id}>
                <Link to={`${base}/matches/${m.id}`}>{m.title}</Link> <span className="badge">{t(`aid.match.status.${m.status}`)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {d.shifts.length > 0 ? (
        <section aria-labelledby="myshifts-title">
          <h2 id="myshifts-title">{t("aid.shifts.mine")}</h2>
          <ul>
            {d.shifts.map((s) => (
              <li key={s.id}>
                {s.title} · {formatDateTime(locale, s.startsAt)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="requests-title">
        <h2 id="requests-title">{t("aid.requests")}</h2>
        {d.ladder === "coordinated" && !d.coordinator ? <p className="muted">{t("aid.ladder.coordinated.members")}</p> : <PostList posts={d.requests} base={base} empty={t("aid.requests.none")} />}
      </section>
      <section aria-labelledby="offers-title">
        <h2 id="offers-title">{t("aid.offers")}</h2>
        {d.ladder === "coordinated" && !d.coordinator ? <p className="muted">{t("aid.ladder.coordinated.members")}</p> : <PostList posts={d.offers} base={base} empty={t("aid.offers.none")} />}
      </section>
      <section aria-labelledby="mine-title">
        <h2 id="mine-title">{t("aid.mine")}</h2>
        <PostList posts={d.mine} base={base} empty={t("aid.mine.none")} />
      </section>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
