/**
 * The council's part of a council proposal's page (docs/domain.md#mandates, #ratification):
 * what the council's charter does with it, the ratification by the member assemblies, the
 * delegate's own mandate, and every delegate's mandate beside their vote.
 */
import { Link } from "@remix-run/react";
import { useLocale, useT } from "~/i18n/react";
import { formatDate } from "~/i18n";
import { Form } from "@remix-run/react";
import { InvitationLink, StanceBadge } from "./federation";

type Mandate = { stance: string; imperative: boolean; instructions: string };
type View = {
  councilName: string;
  path: "council" | "after" | "instead";
  rule: { threshold: string; strict: boolean };
  delegates: Array<{ userId: string; name: string; body: string; seated: boolean; termStatus: string; mandate: Mandate | null; choice: string | null; flag: { reason: string } | null }>;
  panelRound: { number: number; secret: boolean; closed: boolean } | null;
};
type Ratification = {
  outcome: string | null;
  explanation: string;
  needed: number;
  members: number;
  rule: { threshold: string; strict: boolean };
  results: Array<{ assemblyId: string; name: string; result: string; decidedAt: number | null; how: string | null; href: string | null }>;
};

function ruleText(t: ReturnType<typeof useT>, rule: { threshold: string; strict: boolean }) {
  return t(rule.strict ? "federation.rules.ratification.moreThan" : "federation.rules.ratification.atLeast", { fraction: rule.threshold });
}

/** What the council's charter does with this proposal: the council decides, votes first, or does not vote. */
export function CouncilVotePath({ view, status, ratifying }: { view: View; status: string; ratifying: boolean }) {
  const t = useT();
  if (view.path === "council") return null;
  return (
    <p className="notice council-path" role="note">
      {/* Once sent, the ratification panel states the rule; said once is enough. */}
      {t(view.path === "after" ? "federation.path.after" : "federation.path.instead", { council: view.councilName, rule: ratifying ? "" : ruleText(t, view.rule) }).trim()}
      {view.path === "after" && status === "voting" ? ` ${t("federation.path.afterPassed")}` : ""}
    </p>
  );
}

/** Which member assemblies have decided, how, and the council's rule and result so far. */
export function RatificationPanel({ ratification: r }: { view: View; ratification: Ratification }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="ratification">
      <p>
        <strong>{t("federation.ratification.ruleLabel")}</strong> {ruleText(t, r.rule)} {t("federation.ratification.neededOf", { needed: r.needed, members: r.members })}
      </p>
      <p className={r.outcome ? "explanation" : "notice"} aria-live="polite">
        {r.explanation}
      </p>
      <div className="table-wrap">
        <table className="ratification-results">
          <caption className="visually-hidden">{t("federation.ratification.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("federation.seats.body")}</th>
              <th scope="col">{t("federation.ratification.resultCol")}</th>
              <th scope="col">{t("federation.ratification.howCol")}</th>
            </tr>
          </thead>
          <tbody>
            {r.results.map((x) => (
              <tr key={x.assemblyId}>
                <th scope="row">{x.href ? <Link to={x.href}>{x.name}</Link> : x.name}</th>
                <td data-label={t("federation.ratification.resultCol")}>
                  <span className={`badge${x.result === "ratified" ? " ok" : x.result === "rejected" ? " bad" : ""}`}>{t(`federation.ratification.result.${x.result}`)}</span>
                  {x.decidedAt ? <span className="muted small"> {formatDate(locale, x.decidedAt)}</span> : null}
                </td>
                <td data-label={t("federation.ratification.howCol")}>{x.how ?? <span className="muted">{t("federation.ratification.notYet")}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** The delegate's own mandate from home, above their ballot. */
export function MandateNotice({ mandate }: { mandate: Mandate & { body: string; departing: readonly string[] } }) {
  const t = useT();
  return (
    <p className="notice mandate-notice">
      {t("federation.panel.yourMandateFrom", { body: mandate.body })} <StanceBadge stance={mandate.stance} imperative={mandate.imperative} />
      {mandate.instructions ? ` — ${mandate.instructions}` : ""}
    </p>
  );
}

/** Every delegate with their home assembly, its mandate and their ballot (council rounds on policy are open). */
export function CouncilDelegates({ view }: { view: View }) {
  const t = useT();
  return (
    <div className="table-wrap" id="ballots">
      <table className="mandate-panel">
        <caption>{view.panelRound ? t("federation.panel.captionRound", { n: view.panelRound.number }) : t("federation.panel.captionNoRound")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("federation.seats.delegate")}</th>
            <th scope="col">{t("federation.seats.body")}</th>
            <th scope="col">{t("federation.panel.mandate")}</th>
            <th scope="col">{t("federation.panel.ballot")}</th>
          </tr>
        </thead>
        <tbody>
          {view.delegates.map((r) => (
            <tr key={r.userId} className={r.flag ? "flagged" : undefined}>
              <th scope="row">
                {r.name}
                {!r.seated ? <span className="badge bad"> {t(`federation.term.${r.termStatus}`)}</span> : null}
              </th>
              <td data-label={t("federation.seats.body")}>{r.body}</td>
              <td data-label={t("federation.panel.mandate")}>
                {r.mandate ? (
                  <>
                    <StanceBadge stance={r.mandate.stance} imperative={r.mandate.imperative} />
                    {r.mandate.instructions ? <div className="small muted">{r.mandate.instructions}</div> : null}
                  </>
                ) : (
                  <span className="muted">{t("federation.panel.noMandate")}</span>
                )}
              </td>
              <td data-label={t("federation.panel.ballot")}>
                {!view.panelRound ? (
                  <span className="muted">—</span>
                ) : view.panelRound.secret ? (
                  <span className="muted">{t("federation.panel.secret")}</span>
                ) : r.choice ? (
                  <strong>{t(`choice.${r.choice}`)}</strong>
                ) : (
                  <span className="muted">{t("federation.panel.notVoted")}</span>
                )}
                {r.flag ? (
                  <div className="flag">
                    <span className="badge bad">{t("federation.panel.against")}</span> <span className="flag-reason">{t("federation.flag.reason", { reason: r.flag.reason })}</span>
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type Desk = {
  steward: boolean;
  requests: Array<{ id: string; name: string; requestedAt: number }>;
  sendable: Array<{ id: string; number: number; title: string }>;
  ratifying: Array<{ id: string; number: number; title: string; ratified: number; members: number }>;
  invitation: string | null;
};

/** On a council's overview: requests to answer, proposals to send to the assemblies, ratifications under way, the invitation. */
export function CouncilDesk({ desk, slug }: { desk: Desk; slug: string }) {
  const t = useT();
  const locale = useLocale();
  const base = `/a/${slug}`;
  if (desk.requests.length + desk.sendable.length + desk.ratifying.length === 0 && !desk.invitation) return null;
  return (
    <section aria-labelledby="desk-title" className="council-desk">
      <h2 id="desk-title">{t("federation.desk.title")}</h2>
      {desk.requests.length > 0 ? (
        <>
          <h3>{t("federation.council.requests")}</h3>
          <ul className="member-list">
            {desk.requests.map((r) => (
              <li key={r.id}>
                <strong>{r.name}</strong> <span className="muted small">{t("federation.council.requestedOn", { date: formatDate(locale, r.requestedAt) })}</span>
                {desk.steward ? (
                  <span className="actions">
                    <Form method="post" action={`${base}/council`} className="inline">
                      <input type="hidden" name="intent" value="accept" />
                      <input type="hidden" name="requestId" value={r.id} />
                      <button type="submit" className="primary small" aria-label={t("federation.council.acceptLabel", { name: r.name })}>
                        {t("federation.council.accept")}
                      </button>
                    </Form>
                    <Form method="post" action={`${base}/council`} className="inline">
                      <input type="hidden" name="intent" value="decline" />
                      <input type="hidden" name="requestId" value={r.id} />
                      <button type="submit" className="small" aria-label={t("federation.council.declineLabel", { name: r.name })}>
                        {t("federation.council.decline")}
                      </button>
                    </Form>
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {desk.sendable.length > 0 ? (
        <>
          <h3>{t("federation.desk.sendable")}</h3>
          <ul>
            {desk.sendable.map((p) => (
              <li key={p.id}>
                <Link to={`${base}/proposals/${p.id}#round`}>
                  <span className="muted">#{p.number}</span> {p.title}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {desk.ratifying.length > 0 ? (
        <>
          <h3>{t("federation.desk.ratifying")}</h3>
          <ul>
            {desk.ratifying.map((p) => (
              <li key={p.id}>
                <Link to={`${base}/proposals/${p.id}#round`}>
                  <span className="muted">#{p.number}</span> {p.title}
                </Link>{" "}
                <span className="muted small">{t("federation.desk.ratifiedSoFar", { n: p.ratified, of: p.members })}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {desk.invitation ? <InvitationLink url={desk.invitation} /> : null}
    </section>
  );
}
