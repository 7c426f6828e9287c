/**
 * Pieces of the federation pages (docs/domain.md#federation): the seats of a council, mandates, and the
 * federation section of an assembly's overview (report-backs, late reports, flags).
 */
import { Form, Link } from "@remix-run/react";
import { useLocale, useT } from "~/i18n/react";
import { formatDate, formatDateTime } from "~/i18n";

type Seat = {
  body: { id: string; name: string; slug: string; kind: string };
  held: Array<{ termId: string; userId: string; name: string; since: number; until: number; gender: string | null }>;
  vacant: number;
};

/** Every seat of a council: who holds it, since when, until when; and the vacant ones. */
export function SeatsTable({ seats, showGender, caption }: { seats: Seat[]; showGender: boolean; caption: string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="table-wrap">
      <table className="seats">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("federation.seats.body")}</th>
            <th scope="col">{t("federation.seats.delegate")}</th>
            {showGender ? <th scope="col">{t("federation.seats.gender")}</th> : null}
            <th scope="col">{t("federation.seats.since")}</th>
            <th scope="col">{t("federation.seats.until")}</th>
          </tr>
        </thead>
        <tbody>
          {seats.flatMap((s) => [
            ...s.held.map((h) => (
              <tr key={h.termId}>
                <th scope="row">{s.body.name}</th>
                <td data-label={t("federation.seats.delegate")}>{h.name}</td>
                {showGender ? <td data-label={t("federation.seats.gender")}>{h.gender ? t(`gender.${h.gender}`) : <span className="muted">{t("gender.notStated")}</span>}</td> : null}
                <td data-label={t("federation.seats.since")}>{formatDate(locale, h.since)}</td>
                <td data-label={t("federation.seats.until")}>{formatDate(locale, h.until)}</td>
              </tr>
            )),
            ...Array.from({ length: s.vacant }, (_, i) => (
              <tr key={`${s.body.id}-v${i}`} className="vacant">
                <th scope="row">{s.body.name}</th>
                <td colSpan={showGender ? 4 : 3}>
                  <span className="badge warn">{t("federation.seats.vacant")}</span>
                </td>
              </tr>
            )),
          ])}
        </tbody>
      </table>
    </div>
  );
}

export function StanceBadge({ stance, imperative }: { stance: string; imperative?: boolean }) {
  const t = useT();
  return (
    <span className={`badge stance-${stance}`}>
      {t(`federation.stance.${stance}`)}
      {imperative === undefined ? null : ` · ${t(imperative ? "federation.mandate.imperative" : "federation.mandate.free")}`}
    </span>
  );
}

export type FederationOverviewData = {
  slug: string;
  flags: Array<{ id: string; delegate: string; councilName: string; number: number; title: string; stance: string; choice: string; reason: string; createdAt: number }>;
  overdue: Array<{ id: string; delegate: string; councilName: string; dueAt: number | null }>;
  reports: Array<{ id: string; delegate: string; councilName: string; title: string | null; submittedAt: number | null; late: boolean; comments: number }>;
  owed: Array<{ id: string; councilName: string; dueAt: number | null; late: boolean }>;
  petitions: Array<{ id: string; delegate: string; signatures: number; needed: number; status: string }>;
  councils: number;
  nominations: Array<{ proposalId: string; councilName: string; by: string | null }>;
  seats: Array<{ termId: string; councilName: string; councilSlug: string; endsAt: number }>;
  mandates: Array<{ councilProposalId: string; councilName: string; councilSlug: string; number: number; title: string; stance: string; imperative: boolean; instructions: string }>;
};

/** What this member is told as a nominee or a delegate: nominations to answer, seats, mandates from home. */
function ForYou({ data }: { data: FederationOverviewData }) {
  const t = useT();
  const locale = useLocale();
  const base = `/a/${data.slug}`;
  if (data.nominations.length + data.seats.length + data.mandates.length === 0) return null;
  return (
    <div className="notice for-you" role="status">
      {data.nominations.map((n) => (
        <div key={n.proposalId} className="nomination">
          <p>{n.by ? t("federation.told.nominatedBy", { council: n.councilName, name: n.by }) : t("federation.told.nominated", { council: n.councilName })}</p>
          <div className="actions">
            <Form method="post" action={`${base}/delegates/elections/${n.proposalId}`}>
              <input type="hidden" name="intent" value="accept" />
              <button type="submit" className="primary small">
                {t("federation.told.accept")}
              </button>
            </Form>
            <Form method="post" action={`${base}/delegates/elections/${n.proposalId}`}>
              <input type="hidden" name="intent" value="decline" />
              <button type="submit" className="small">
                {t("federation.told.decline")}
              </button>
            </Form>
            <Link to={`${base}/delegates/elections/${n.proposalId}`}>{t("federation.told.election")}</Link>
          </div>
        </div>
      ))}
      {data.seats.map((s) => (
        <p key={s.termId}>
          {t("federation.told.seat", { council: s.councilName, date: formatDate(locale, s.endsAt) })} <Link to={`/a/${s.councilSlug}`}>{t("federation.told.openCouncil", { council: s.councilName })}</Link> ·{" "}
          <Link to={`${base}/delegates/terms/${s.termId}`}>{t("federation.told.term")}</Link>
        </p>
      ))}
      {data.mandates.map((m) => (
        <p key={m.councilProposalId}>
          {t("federation.told.mandate", { council: m.councilName, number: m.number, title: m.title })} <StanceBadge stance={m.stance} imperative={m.imperative} />
          {m.instructions ? ` — ${m.instructions}` : ""} <Link to={`/a/${m.councilSlug}/proposals/${m.councilProposalId}`}>{t("federation.told.voteThere")}</Link>
        </p>
      ))}
    </div>
  );
}

/** The federation's part of an assembly's overview: what came back from the councils. */
export function FederationOverview({ data }: { data: FederationOverviewData }) {
  const t = useT();
  const locale = useLocale();
  const base = `/a/${data.slug}`;
  const empty = data.councils === 0 && data.reports.length === 0 && data.flags.length === 0 && data.nominations.length === 0;
  if (empty) return null;
  return (
    <section aria-labelledby="federation-overview" className="federation-overview">
      <h2 id="federation-overview">{t("federation.overview.title")}</h2>
      <ForYou data={data} />
      {data.owed.length > 0 ? (
        <div className={`notice${data.owed.some((o) => o.late) ? " warn" : ""}`} role="status">
          <p>{t("federation.overview.youOwe", { n: data.owed.length })}</p>
          <ul>
            {data.owed.map((o) => (
              <li key={o.id}>
                {o.councilName} — {o.dueAt ? t(o.late ? "federation.reports.overdueSince" : "federation.reports.dueBy", { date: formatDate(locale, o.dueAt) }) : null}
              </li>
            ))}
          </ul>
          <p>
            <Link to={`${base}/report-backs`}>{t("federation.overview.fileReport")}</Link>
          </p>
        </div>
      ) : null}
      {data.overdue.length > 0 ? (
        <div className="notice warn" role="note">
          <p>
            <strong>{t("federation.overview.lateTitle")}</strong>
          </p>
          <ul>
            {data.overdue.map((o) => (
              <li key={o.id}>{t("federation.overview.lateItem", { delegate: o.delegate, council: o.councilName, date: o.dueAt ? formatDate(locale, o.dueAt) : "" })}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {data.flags.length > 0 ? (
        <div className="notice warn flags" role="note">
          <p>
            <strong>{t("federation.overview.flagsTitle")}</strong>
          </p>
          <ul>
            {data.flags.map((f) => (
              <li key={f.id}>
                {t("federation.flag.line", { delegate: f.delegate, council: f.councilName, number: f.number, title: f.title, stance: t(`federation.stance.${f.stance}`), choice: t(`choice.${f.choice}`) })}{" "}
                <span className="muted small">{formatDateTime(locale, f.createdAt)}</span>
                <br />
                <span className="flag-reason">{t("federation.flag.reason", { reason: f.reason })}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {data.petitions.filter((p) => p.status === "collecting" || p.status === "voting").length > 0 ? (
        <p>
          <Link to={`${base}/recalls`}>{t("federation.overview.petitions", { n: data.petitions.filter((p) => p.status === "collecting" || p.status === "voting").length })}</Link>
        </p>
      ) : null}
      <h3>{t("federation.overview.reports")}</h3>
      {data.reports.length === 0 ? (
        <p className="muted">{t("federation.reports.none")}</p>
      ) : (
        <ul className="report-list">
          {data.reports.map((r) => (
            <li key={r.id}>
              <Link to={`${base}/report-backs/${r.id}`}>{r.title}</Link> —{" "}
              <span className="muted small">
                {t("federation.reports.byline", { delegate: r.delegate, council: r.councilName, date: r.submittedAt ? formatDate(locale, r.submittedAt) : "" })}
              </span>
              {r.late ? <span className="badge warn">{t("federation.reports.late")}</span> : null}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to={`${base}/councils`}>{t("federation.overview.councilsLink")}</Link> · <Link to={`${base}/report-backs`}>{t("federation.overview.reportsLink")}</Link> ·{" "}
        <Link to={`${base}/recalls`}>{t("federation.overview.recallsLink")}</Link>
      </p>
    </section>
  );
}

/** A council steward's invitation link: an assembly's voter opens it to propose joining. */
export function InvitationLink({ url }: { url: string }) {
  const t = useT();
  return (
    <div className="notice invitation" role="note">
      <label htmlFor="council-invitation">{t("federation.invite.label")}</label>
      <input id="council-invitation" type="text" readOnly value={url} aria-describedby="council-invitation-hint" onFocus={(e) => e.currentTarget.select()} />
      <p className="hint" id="council-invitation-hint">
        {t("federation.invite.hint")}
      </p>
    </div>
  );
}
