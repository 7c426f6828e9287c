import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { notFound, requireMember } from "~/web/authz.server";
import { STANCES } from "~/lib/federation-fields";
import { councilIdSchema, electionSchema, mandateSchema } from "~/lib/federation-validation.server";
import { parseForm } from "~/web/forms";
import { badForm, type FedFailure } from "~/web/federation-http.server";
import { refused } from "~/web/refusal.server";
import { refusal } from "~/lib/refusal";
import { localeFor } from "~/web/locale.server";
import { getCouncil, liveMembership, proposeLeave } from "~/models/council.server";
import { resignTerm, startElection } from "~/models/delegate.server";
import { proposeMandate } from "~/models/mandate.server";
import { getProposalById } from "~/models/proposal.server";
import { SeatsTable, StanceBadge } from "~/components/federation";
import { seatRuleLines } from "~/lib/seat-rules";
import { StatusBadge } from "~/components/decisions";
import { FormError, Select, TextArea } from "~/components/form";
import { useLocale, useT } from "~/i18n/react";
import { formatDate, formatDateTime } from "~/i18n";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { councilFromBodyPage } from "~/models/federation-view.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.council.name} · Plenary` : "Plenary" }];

function councilOf(assemblyId: string, councilId: string | undefined) {
  const council = councilId ? getCouncil(councilId) : undefined;
  const membership = council ? liveMembership(council.id, assemblyId) : undefined;
  if (!council || !membership) notFound();
  return { council, membership };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, assembly, membership: me } = await requireMember(request, params.slug);
  const { council, membership } = councilOf(assembly.id, params.councilId);
  return {
    slug: assembly.slug,
    ...councilFromBodyPage(assembly, council, membership, { userId: user.id, membership: me }, localeFor(request, user)),
    // One mandate form at a time (field ids stay unique): the one asked for by its link.
    mandateFor: new URL(request.url).searchParams.get("mandate"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, assembly } = await requireMember(request, params.slug, "voter");
  const { council } = councilOf(assembly.id, params.councilId);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const locale = localeFor(request, user);
  const now = Date.now();
  const base = `/a/${assembly.slug}`;
  if (intent === "election") {
    const parsed = parseForm(electionSchema, form);
    if (!parsed.ok) return badForm(parsed, intent);
    const r = startElection({ assemblyId: assembly.id, councilId: council.id, authorId: user.id, mandateText: parsed.data.mandateText, locale, now });
    return r.ok ? redirect(`${base}/delegates/elections/${r.proposal.id}`) : refused(r, form, { intent, locale });
  }
  if (intent === "resign") {
    const r = resignTerm({ assemblyId: assembly.id, councilId: council.id, termId: String(form.get("termId") ?? ""), userId: user.id, now });
    return r.ok ? redirect(`${base}/councils/${council.id}?done=resigned`) : refused(r, form, { intent, locale });
  }
  if (intent === "leave") {
    const parsed = parseForm(councilIdSchema, form);
    if (!parsed.ok) return badForm(parsed, intent);
    const r = proposeLeave({ assemblyId: assembly.id, councilId: council.id, authorId: user.id, locale, now });
    return r.ok ? redirect(`${base}/proposals/${r.proposal.id}`) : refused(r, form, { intent, locale });
  }
  if (intent === "mandate") {
    const parsed = parseForm(mandateSchema, form);
    if (!parsed.ok) return badForm(parsed, `mandate-${String(form.get("councilProposalId") ?? "")}`);
    const cp = getProposalById(parsed.data.councilProposalId);
    if (!cp || cp.assemblyId !== council.id) return refused(refusal("not_found", "federation.errors.councilProposalNotFound"), form, { intent, locale });
    const r = proposeMandate({ assemblyId: assembly.id, councilProposalId: cp.id, stance: parsed.data.stance, instructions: parsed.data.instructions, authorId: user.id, locale, now });
    return r.ok ? redirect(`${base}/proposals/${r.proposal.id}`) : refused(r, form, { intent: `mandate-${cp.id}`, locale });
  }
  return refused(refusal("invalid", "errors.unknownAction"), form, { intent, locale });
}

export default function CouncilFromBody() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FedFailure | undefined;
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const locale = useLocale();
  const base = `/a/${d.slug}`;
  const errorsFor = (intent: string) => (result && result.intent === intent ? result.errors : undefined);
  const valuesFor = (intent: string) => (result && result.intent === intent ? result.values : undefined);
  return (
    <article>
      <p className="muted small">
        <Link to={`${base}/councils`}>{t("federation.councils.back")}</Link>
      </p>
      <h1>{d.council.name}</h1>
      {d.council.description ? <p className="lead">{d.council.description}</p> : null}
      {d.status === "pending" ? <p className="notice warn">{t("federation.council.pendingNotice")}</p> : null}
      <div aria-live="polite">
        {new URLSearchParams(useLocation().search).get("done") === "resigned" ? (
          <p className="notice" role="status">
            {t("federation.term.resigned.done")}
          </p>
        ) : null}
      </div>
      <FormError message={result && ["election", "leave", "resign"].includes(result.intent) ? result.errors.form : undefined} />

      <section aria-labelledby="seats-title">
        <h2 id="seats-title">{t("federation.seats.title")}</h2>
        <p className="hint">{t("federation.seats.summary", { filled: d.seats.filled, total: d.seats.total, perBody: d.rules.seatsPerAssembly })}</p>
        <ul className="seat-rules small">
          {seatRuleLines(d.rules).map((l) => (
            <li key={l.key}>{t(l.key, l.params)}</li>
          ))}
        </ul>
        <SeatsTable seats={d.seats.seats} showGender={d.seats.showGender} caption={t("federation.seats.title")} />
      </section>

      {d.status === "active" ? (
        <section aria-labelledby="ours-title">
          <h2 id="ours-title">{t("federation.council.ourDelegates", { body: d.body.name })}</h2>
          {d.ourTerms.length === 0 ? (
            <p>{t("federation.council.noDelegates")}</p>
          ) : (
            <ul className="member-list">
              {d.ourTerms.map((term) => (
                <li key={term.id}>
                  <Link to={`${base}/delegates/terms/${term.id}`}>
                    <strong>{term.name}</strong>
                  </Link>{" "}
                  <span className={`badge term-${term.status}`}>{t(`federation.term.${term.status}`)}</span>{" "}
                  <span className="muted small">
                    {t("federation.term.dates", { since: formatDate(locale, term.startsAt), until: formatDate(locale, term.endedAt ?? term.endsAt) })}
                  </span>
                  {term.status === "active" ? (
                    <>
                      {" "}
                      <Link to={`${base}/recalls?term=${term.id}`} className="small">
                        {t("federation.recall.startLink")}
                      </Link>
                    </>
                  ) : null}
                  {term.status === "active" && term.userId === d.me ? (
                    <Form method="post" className="inline">
                      <input type="hidden" name="intent" value="resign" />
                      <input type="hidden" name="termId" value={term.id} />{" "}
                      <button type="submit" className="small danger" disabled={busy}>
                        {t("federation.term.resign")}
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <div className="actions">
            {d.election ? (
              <Link className="button primary" to={`${base}/delegates/elections/${d.election}`}>
                {t("federation.election.goTo")}
              </Link>
            ) : d.vacant > 0 && d.canPropose ? (
              <Form method="post">
                <input type="hidden" name="intent" value="election" />
                <input type="hidden" name="councilId" value={d.council.id} />
                <button type="submit" className="primary" disabled={busy}>
                  {t("federation.election.start", { n: d.vacant })}
                </button>
              </Form>
            ) : null}
            {d.leaving ? (
              <Link className="button" to={`${base}/proposals/${d.leaving}`}>
                {t("federation.leave.goTo")}
              </Link>
            ) : d.canPropose ? (
              <Form method="post">
                <input type="hidden" name="intent" value="leave" />
                <input type="hidden" name="councilId" value={d.council.id} />
                <button type="submit" disabled={busy}>
                  {t("federation.leave.propose")}
                </button>
              </Form>
            ) : null}
          </div>
        </section>
      ) : null}

      {d.flags.length > 0 ? (
        <section aria-labelledby="flags-title">
          <h2 id="flags-title">{t("federation.overview.flagsTitle")}</h2>
          <ul className="flags">
            {d.flags.map((f) => (
              <li key={f.id}>
                {t("federation.flag.line", { delegate: f.delegate, council: f.councilName, number: f.number, title: f.title, stance: t(`federation.stance.${f.stance}`), choice: t(`choice.${f.choice}`) })}{" "}
                <span className="muted small">{formatDateTime(locale, f.createdAt)}</span>
                <br />
                <span className="flag-reason">{t("federation.flag.reason", { reason: f.reason })}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="cp-title">
        <h2 id="cp-title">{t("federation.council.proposals")}</h2>
        <p className="hint">{t("federation.council.proposalsHint")}</p>
        {d.proposals.length === 0 ? (
          <p>{t("federation.council.noProposals")}</p>
        ) : (
          <ul className="proposal-list">
            {d.proposals.map((p) => {
              const intent = `mandate-${p.id}`;
              return (
                <li key={p.id} id={`cp-${p.id}`}>
                  <h3>
                    <span className="muted">#{p.number}</span> {p.title}
                  </h3>
                  <p className="small">
                    <StatusBadge status={p.status} /> <span className="badge">{t(`proposalKind.${p.kind}`)}</span>
                  </p>
                  <details>
                    <summary>{t("federation.council.readText")}</summary>
                    <p className="proposal-text">{p.body}</p>
                  </details>
                  {p.ratification ? (
                    <p>
                      {t("federation.ratification.ourResult", { result: t(`federation.ratification.result.${p.ratification.result}`) })}{" "}
                      <Link to={`${base}/proposals/${p.ratification.proposalId}`}>{t("federation.ratification.ourProposal", { number: p.ratification.number })}</Link>
                    </p>
                  ) : null}
                  {p.inForce ? (
                    <p>
                      {t("federation.mandate.inForce")} <StanceBadge stance={p.inForce.stance} imperative={p.inForce.imperative} />{" "}
                      {p.inForce.instructions ? <span className="muted">— {p.inForce.instructions}</span> : null}
                    </p>
                  ) : null}
                  {p.mandatesUnderWay.map((m) => (
                    <p key={m.proposalId}>
                      <Link to={`${base}/proposals/${m.proposalId}`}>{t("federation.mandate.underWay", { number: m.number, stance: t(`federation.stance.${m.stance ?? "free"}`) })}</Link>
                    </p>
                  ))}
                  {d.canPropose && d.status === "active" && !p.ratification ? (
                    d.mandateFor === p.id || errorsFor(intent) ? (
                      <Form method="post" className="stack-form compact mandate-form" aria-label={t("federation.mandate.propose")}>
                        <input type="hidden" name="intent" value="mandate" />
                        <input type="hidden" name="councilProposalId" value={p.id} />
                        <FormError message={errorsFor(intent)?.form} />
                        <Select
                          name="stance"
                          label={t("federation.mandate.stance")}
                          errors={errorsFor(intent)}
                          values={valuesFor(intent)}
                          options={STANCES.map((s) => ({ value: s, label: t(`federation.stance.${s}`) }))}
                        />
                        <TextArea name="instructions" label={t("federation.mandate.instructions")} hint={t("federation.mandate.instructions.hint")} errors={errorsFor(intent)} values={valuesFor(intent)} maxLength={2000} rows={3} />
                        <div>
                          <button type="submit" className="primary" disabled={busy}>
                            {t("federation.mandate.submit")}
                          </button>
                        </div>
                      </Form>
                    ) : (
                      <p>
                        <Link to={`?mandate=${p.id}#cp-${p.id}`}>{t("federation.mandate.propose")}</Link>
                      </p>
                    )
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
