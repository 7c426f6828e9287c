import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireMember } from "~/web/authz.server";
import { refused } from "~/web/refusal.server";
import { refusal } from "~/lib/refusal";
import { can } from "~/models/membership.server";
import { listMeetings } from "~/models/meeting.server";
import { getUserById, rotateCalendarToken } from "~/models/user.server";
import { useLocale, useT } from "~/i18n/react";
import { formatDateTime } from "~/i18n";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pager } from "~/components/pager";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, assembly, membership } = await requireMember(request, params.slug);
  const { upcoming, past, pastPage, pastPages } = listMeetings(assembly.id, { pastPage: Number(new URL(request.url).searchParams.get("past") ?? 1) });
  const pick = (m: (typeof upcoming)[number]) => ({ id: m.id, title: m.title, startsAt: m.startsAt, place: m.place, status: m.status, shortNotice: m.shortNotice, itemCount: m.itemCount, present: m.present });
  const origin = new URL(request.url).origin;
  return {
    upcoming: upcoming.map(pick),
    past: past.map(pick),
    pastPage,
    pastPages,
    canSchedule: can(membership, "facilitator"),
    calendarUrl: `${origin}/calendar/${getUserById(user.id)!.calendarToken}.ics`,
  };
}

/** A member resets their private calendar address (someone else may have seen it). */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, assembly } = await requireMember(request, params.slug);
  const form = await request.formData();
  if (form.get("intent") !== "reset-calendar") return refused(refusal("invalid", "errors.unknownAction"), form);
  rotateCalendarToken(user.id);
  return redirect(`/a/${assembly.slug}/meetings?calendar=reset#calendar`);
}

export default function Meetings() {
  const { upcoming, past, pastPage, pastPages, canSchedule, calendarUrl } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const [params] = useSearchParams();
  const row = (m: (typeof upcoming)[number]) => (
    <li key={m.id} className="card meeting-card">
      <h3>
        <Link to={m.id}>{m.title}</Link>
      </h3>
      <p>
        {formatDateTime(locale, m.startsAt)}
        {m.place ? ` · ${m.place}` : ""}
      </p>
      <p className="badges">
        <span className={`badge status-${m.status}`}>{t(`meetings.status.${m.status}`)}</span>
        {m.shortNotice ? <span className="badge bad">{t("meetings.shortNoticeBadge")}</span> : null}
        <span className="badge">{t("meetings.items", { count: m.itemCount })}</span>
        {m.status !== "scheduled" ? <span className="badge">{t("meetings.presentCount", { count: m.present })}</span> : null}
      </p>
    </li>
  );
  return (
    <section>
      <h1>{t("meetings.title")}</h1>
      <div className="actions">
        {canSchedule ? (
          <Link to="new" className="button primary">
            {t("meetings.schedule")}
          </Link>
        ) : null}
        <Link to="/m" className="button">
          {t("meetings.join.link")}
        </Link>
      </div>
      <h2>{t("meetings.upcoming")}</h2>
      {upcoming.length ? <ul className="cards">{upcoming.map(row)}</ul> : <p className="muted">{t("meetings.none.upcoming")}</p>}
      <h2>{t("meetings.past")}</h2>
      {past.length ? <ul className="cards">{past.map(row)}</ul> : <p className="muted">{t("meetings.none.past")}</p>}
      <Pager page={pastPage} pages={pastPages} href={(n) => `?past=${n}`} label="meetings.pastPages" prev="meetings.later" next="meetings.earlier" />
      <h2 id="calendar">{t("meetings.calendar.title")}</h2>
      <p>{t("meetings.calendar.body")}</p>
      <div className="field">
        <label htmlFor="calendar-url">{t("meetings.calendar.label")}</label>
        <input id="calendar-url" className="copy" readOnly value={calendarUrl} onFocus={(e) => e.currentTarget.select()} />
      </div>
      {params.get("calendar") === "reset" ? (
        <p className="notice" role="status">
          {t("meetings.calendar.resetDone")}
        </p>
      ) : null}
      <Form method="post">
        <input type="hidden" name="intent" value="reset-calendar" />
        <p className="hint">{t("meetings.calendar.resetHint")}</p>
        <button type="submit">{t("meetings.calendar.reset")}</button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
