import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { forbidden } from "~/web/authz.server";
import { requireAid } from "~/web/aid.server";
import { badRequest } from "~/web/http.server";
import { refused } from "~/web/refusal.server";
import { localeFor } from "~/web/locale.server";
import type { FormFailure } from "~/web/forms";
import { can } from "~/models/membership.server";
import { metByMonth, openRequestsBy, placeAidReport } from "~/models/aid-report.server";
import { coverageByWeek } from "~/models/aid-shift.server";
import { helpingShares } from "~/models/aid-council.server";
import { BarChart, MetChart } from "~/components/aid-charts";
import { categoryLabel } from "~/components/aid";
import { formatDate } from "~/i18n";
import { FormError } from "~/components/form";
import { myMatches, visiblePosts } from "~/models/aid.server";
import { shortShifts, upcomingShifts } from "~/models/aid-shift.server";
import { PostList } from "~/components/aid";
import { useLocale, useT } from "~/i18n/react";
import { formatDateTime } from "~/i18n";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Plenary" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { assembly, viewer, ladder, membership } = await requireAid(request, params.slug);
  const now = Date.now();
  return {
    slug: assembly.slug,
    ladder,
    coordinator: viewer.coordinator,
    mayReport: viewer.coordinator || can(membership, "facilitator"),
    requests: visiblePosts(assembly.id, viewer, { kind: "request", open: true }),
    offers: visiblePosts(assembly.id, viewer, { kind: "offer", open: true }),
    mine: visiblePosts(assembly.id, viewer, { mine: true }),
    matches: myMatches(assembly.id, viewer.userId),
    shifts: upcomingShifts(assembly.id, viewer.userId, now, now + 14 * 86_400_000).filter((s) => s.signedUp),
    short: shortShifts({ assemblyId: assembly.id }, now),
    // The helper in another assembly's need, once both coordinators connected them.
    council: viewer.coordinator ? [] : helpingShares(assembly.id, viewer),
    charts: { open: openRequestsBy(assembly.id), months: metByMonth(assembly.id, now), coverage: coverageByWeek(assembly.id, now) },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, assembly, viewer, membership } = await requireAid(request, params.slug);
  const form = await request.formData();
  if (form.get("intent") !== "report") badRequest("aid.errors.intent");
  // The coordinators know the figures; the facilitators make the agenda (docs/domain.md#meetings).
  if (!viewer.coordinator && !can(membership, "facilitator")) forbidden("needs.aidCoordinator");
  const locale = localeFor(request, user);
  const r = placeAidReport(assembly.id, locale, Date.now());
  if (!r.ok) return refused(r, form, { locale });
  return redirect(`/a/${assembly.slug}/meetings/${r.meetingId}`);
}

export default function AidOverview() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormFailure | undefined;
  const busy = useNavigation().state === "submitting";
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
        <Link className="button" to={`${base}/programmes`}>
          {t("aid.programmes.title")}
        </Link>{" "}
        <Link className="button" to={`${base}/council`}>
          {t("aid.council.link")}
        </Link>{" "}
        {d.coordinator ? (
          <Link className="button" to={`${base}/coordinate`}>
            {t("aid.coordinate.title")}
          </Link>
        ) : null}
      </p>
      {d.mayReport ? (
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="report" />
          <FormError message={result?.errors.form} />
          <button type="submit" disabled={busy}>
            {t("aid.report.place")}
          </button>
        </Form>
      ) : null}
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
      {d.council.length > 0 ? (
        <section aria-labelledby="council-title">
          <h2 id="council-title">{t("aid.council.helping")}</h2>
          <ul>
            {d.council.map((h) => (
              <li key={h.id}>
                {h.title} · {t("aid.council.from", { assembly: h.fromAssemblyName })} · {t("aid.council.personContact")} <strong>{h.fromPersonContact || t("aid.contact.none")}</strong>
              </li>
            ))}
          </ul>
        </section>
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
      <section aria-labelledby="charts-title" className="aid-charts">
        <h2 id="charts-title">{t("aid.charts.title")}</h2>
        <BarChart id="by-category" title={t("aid.charts.byCategory")} unit={t("aid.charts.requests")} bars={d.charts.open.byCategory.map((c) => ({ label: categoryLabel(t, c), value: c.n }))} />
        <BarChart id="by-zone" title={t("aid.charts.byZone")} unit={t("aid.charts.requests")} bars={d.charts.open.byZone.map((z) => ({ label: z.name ?? t("aid.form.noZone"), value: z.n }))} />
        <MetChart id="met" title={t("aid.charts.metByMonth")} months={d.charts.months.map((m) => ({ label: m.month.slice(5), met: m.met, unmet: m.unmet }))} />
        <BarChart id="coverage" title={t("aid.charts.coverage")} unit={t("aid.charts.placesTaken")} bars={d.charts.coverage.map((w) => ({ label: t("aid.charts.weekOf", { date: formatDate(locale, w.weekStart), places: w.places }), value: w.taken }))} />
        <p>
          <a href={`${base}/export.csv`} download>
            {t("aid.export")}
          </a>
        </p>
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
