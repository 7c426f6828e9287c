import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { durable } from "~/db.server";
import { notFound, requireMember } from "~/web/authz.server";
import { councilBallotSchema } from "~/lib/federation-validation.server";
import { parseForm } from "~/web/forms";
import { badForm, type FedFailure } from "~/web/federation-http.server";
import { refused } from "~/web/refusal.server";
import { refusal } from "~/lib/refusal";
import { localeFor } from "~/web/locale.server";
import { CHOICES } from "~/lib/rules";
import { isCouncil } from "~/models/council.server";
import { mandatePanel } from "~/models/mandate.server";
import { castBallot, getRound } from "~/models/round.server";
import { StanceBadge } from "~/components/federation";
import { StatusBadge } from "~/components/decisions";
import { FormError, TextArea } from "~/components/form";
import { useT } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { councilProposalPage } from "~/models/federation-view.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `#${data.proposal.number} ${data.proposal.title} · Plenary` : "Plenary" }];

function panelIn(assemblyId: string, id: string | undefined) {
  const panel = id ? mandatePanel(id) : null;
  if (!panel || panel.proposal.assemblyId !== assemblyId) notFound();
  return panel;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, assembly } = await requireMember(request, params.slug);
  if (!isCouncil(assembly)) notFound();
  const panel = panelIn(assembly.id, params.id);
  return { slug: assembly.slug, ...councilProposalPage(panel, assembly.id, user.id, localeFor(request, user)) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, assembly } = await requireMember(request, params.slug, "voter");
  if (!isCouncil(assembly)) notFound();
  const panel = panelIn(assembly.id, params.id);
  const form = await request.formData();
  const locale = localeFor(request, user);
  const parsed = parseForm(councilBallotSchema, form);
  if (!parsed.ok) return badForm(parsed, "vote");
  const round = getRound(parsed.data.roundId);
  if (!round || round.proposalId !== panel.proposal.id) return refused(refusal("not_found", "round.errors.notFound"), form, { intent: "vote", locale });
  const r = castBallot({ roundId: round.id, userId: user.id, choice: parsed.data.choice, reason: parsed.data.reason, text: parsed.data.text, now: Date.now() });
  // Here the reason box is on the page: the message goes beside it.
  if (!r.ok) return refused(r.error === "federation.errors.mandateReason" ? { ...r, error: "federation.errors.mandateReasonHere", field: "reason" } : r, form, { intent: "vote", locale });
  await durable();
  return redirect(`/a/${assembly.slug}/council/proposals/${panel.proposal.id}?done=${r.changed ? "changed" : "voted"}#ballots`);
}

export default function CouncilProposalMandates() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FedFailure | undefined;
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const errors = result?.errors;
  const values = result?.values;
  const current = values?.choice ?? d.mine?.ballot?.choice ?? "";
  return (
    <article>
      <p className="muted small">
        <Link to={`/a/${d.slug}/council`}>{t("federation.council.back")}</Link> · <Link to={`/a/${d.slug}/proposals/${d.proposal.id}`}>{t("federation.panel.fullProposal")}</Link>
      </p>
      <h1>
        <span className="muted">#{d.proposal.number}</span> {d.proposal.title}
      </h1>
      <p>
        <StatusBadge status={d.proposal.status} />
      </p>
      <div aria-live="polite">
        {params.get("done") ? (
          <p className="notice" role="status">
            {t(`proposal.done.${params.get("done")}`)}
          </p>
        ) : null}
      </div>
      <details>
        <summary>{t("federation.council.readText")}</summary>
        <p className="proposal-text">{d.proposal.body}</p>
      </details>

      {d.ratification ? (
        <section aria-labelledby="rat-title">
          <h2 id="rat-title">{t("federation.ratification.title")}</h2>
          <p className="explanation">{d.ratification.explanation}</p>
          <ul>
            {d.ratification.results.map((x) => (
              <li key={x.assemblyId}>
                {x.name}: <span className={`badge${x.result === "ratified" ? " ok" : x.result === "rejected" ? " bad" : ""}`}>{t(`federation.ratification.result.${x.result}`)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="ballots-title" id="ballots">
        <h2 id="ballots-title">{t("federation.panel.title")}</h2>
        <p className="hint">{t("federation.panel.hint")}</p>
        {d.round === null ? <p>{t("federation.panel.noRound")}</p> : null}
        {d.round?.closed && d.round.explanation ? <p className="explanation">{d.round.explanation}</p> : null}
        {d.round ? (
          <div className="table-wrap">
            <table className="mandate-panel">
              <caption className="visually-hidden">{t("federation.panel.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("federation.seats.delegate")}</th>
                  <th scope="col">{t("federation.seats.body")}</th>
                  <th scope="col">{t("federation.panel.mandate")}</th>
                  <th scope="col">{t("federation.panel.ballot")}</th>
                </tr>
              </thead>
              <tbody>
                {d.rows.map((r) => (
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
                      {d.round?.secret ? (
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
        ) : null}
      </section>

      {d.open && d.mine?.eligible ? (
        <section aria-labelledby="vote-title">
          <h2 id="vote-title">{t("federation.panel.voteTitle")}</h2>
          {d.myMandate ? (
            <p className="notice">
              {t("federation.panel.yourMandate")} <StanceBadge stance={d.myMandate.stance} imperative={d.myMandate.imperative} />
              {d.myMandate.instructions ? ` — ${d.myMandate.instructions}` : ""}
            </p>
          ) : null}
          <Form method="post" className="stack-form ballot-form">
            <input type="hidden" name="roundId" value={d.open.id} />
            <FormError message={errors?.form} />
            <fieldset>
              <legend>{t("federation.panel.choice")}</legend>
              {CHOICES[d.open.ballotKind].map((c) => (
                <div key={c} className="radio">
                  <input type="radio" id={`choice-${c}`} name="choice" value={c} defaultChecked={current === c} />
                  <label htmlFor={`choice-${c}`}>{t(`choice.${c}`)}</label>
                </div>
              ))}
              {errors?.choice ? <p className="field-error">{t(errors.choice)}</p> : null}
            </fieldset>
            <TextArea name="reason" label={t("federation.panel.reason")} hint={t("federation.panel.reasonHint")} errors={errors} values={values} maxLength={2000} rows={3} />
            {d.open.ballotKind === "consensus" ? <TextArea name="text" label={t("federation.panel.concern")} errors={errors} values={values} maxLength={2000} rows={2} /> : null}
            <div>
              <button type="submit" className="primary" disabled={busy}>
                {d.mine.participated ? t("federation.panel.change") : t("federation.panel.cast")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
