import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { forbidden, notFound, requireMember } from "~/web/authz.server";
import { can } from "~/models/membership.server";
import { ratifySchema, requestAnswerSchema } from "~/lib/federation-validation.server";
import { parseForm } from "~/web/forms";
import { badForm, type FedFailure } from "~/web/federation-http.server";
import { refused } from "~/web/refusal.server";
import { refusal } from "~/lib/refusal";
import { localeFor } from "~/web/locale.server";
import { answerJoinRequest, councilProposalsFor, isCouncil } from "~/models/council.server";
import { sendForRatification } from "~/models/ratification.server";
import { InvitationLink, SeatsTable } from "~/components/federation";
import { seatRuleLines } from "~/lib/seat-rules";
import { StatusBadge } from "~/components/decisions";
import { FormError, Select } from "~/components/form";
import { useLocale, useT } from "~/i18n/react";
import { formatDate } from "~/i18n";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { councilPage } from "~/models/federation-view.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, assembly, membership } = await requireMember(request, params.slug);
  if (!isCouncil(assembly)) notFound();
  return {
    slug: assembly.slug,
    ...councilPage(assembly, membership, localeFor(request, user)),
    // An assembly joins by its own decision: the link opens that proposal for any of its voters.
    invitation: membership.steward ? `${new URL(request.url).origin}/councils/${assembly.slug}/join` : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, assembly, membership } = await requireMember(request, params.slug);
  if (!isCouncil(assembly)) notFound();
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const locale = localeFor(request, user);
  const now = Date.now();
  if (intent === "accept" || intent === "decline") {
    if (!membership.steward) forbidden("needs.steward");
    const parsed = parseForm(requestAnswerSchema, form);
    if (!parsed.ok) return badForm(parsed, intent);
    const r = answerJoinRequest({ councilId: assembly.id, requestId: parsed.data.requestId, accept: intent === "accept", by: user.id, now });
    return r.ok ? redirect(`/a/${assembly.slug}/council?done=${intent}`) : refused(r, form, { intent, locale });
  }
  if (intent === "ratify") {
    if (!can(membership, "facilitator")) forbidden("needs.facilitator");
    const parsed = parseForm(ratifySchema, form);
    if (!parsed.ok) return badForm(parsed, intent);
    const cp = councilProposalsFor(assembly.id, locale, { limit: 1000 }).find((p) => p.id === parsed.data.proposalId);
    if (!cp) return refused(refusal("not_found", "federation.errors.councilProposalNotFound", { field: "proposalId" }), form, { intent, locale });
    const r = sendForRatification({ councilProposalId: cp.id, by: user.id, locale, now });
    return r.ok ? redirect(`/a/${assembly.slug}/council?done=ratify#ratifications`) : refused(r, form, { intent, locale });
  }
  return refused(refusal("invalid", "errors.unknownAction"), form, { intent, locale });
}

export default function CouncilPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FedFailure | undefined;
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const locale = useLocale();
  const base = `/a/${d.slug}`;
  const done = params.get("done");
  return (
    <article>
      <h1>{t("federation.council.title", { name: d.name })}</h1>
      <div aria-live="polite">
        {params.get("founded") ? (
          <p className="notice" role="status">
            {t("federation.council.founded", { slug: d.slug })}
          </p>
        ) : null}
        {done ? (
          <p className="notice" role="status">
            {t(`federation.council.done.${done}`)}
          </p>
        ) : null}
      </div>
      <FormError message={result && result.intent !== "ratify" ? result.errors.form : undefined} />
      <dl className="facts">
        <div>
          <dt>{t("federation.rules.seatsPerAssembly")}</dt>
          <dd>{d.rules.seatsPerAssembly}</dd>
        </div>
        <div>
          <dt>{t("federation.rules.genderTitle")}</dt>
          <dd>
            {seatRuleLines(d.rules)
              .slice(1)
              .map((l) => t(l.key, l.params))
              .join(" ")}
          </dd>
        </div>
        <div>
          <dt>{t("federation.rules.ratificationTitle")}</dt>
          <dd>
            {t(`federation.rules.ratificationOrder.${d.rules.ratification.order}`)}.{" "}
            {t(d.rules.ratification.strict ? "federation.rules.ratification.moreThan" : "federation.rules.ratification.atLeast", { fraction: d.rules.ratification.threshold })}
          </dd>
        </div>
      </dl>

      {d.invitation ? <InvitationLink url={d.invitation} /> : null}

      <section aria-labelledby="seats-title">
        <h2 id="seats-title">{t("federation.seats.title")}</h2>
        <p className="hint">{t("federation.seats.summary", { filled: d.seats.filled, total: d.seats.total, perBody: d.rules.seatsPerAssembly })}</p>
        {d.composition ? <p className="notice">{d.composition}</p> : null}
        {d.seats.seats.length === 0 ? <p>{t("federation.council.noMembers", { slug: d.slug })}</p> : <SeatsTable seats={d.seats.seats} showGender={d.seats.showGender} caption={t("federation.seats.title")} />}
      </section>

      {d.requests.length > 0 ? (
        <section aria-labelledby="requests-title">
          <h2 id="requests-title">{t("federation.council.requests")}</h2>
          <ul className="member-list">
            {d.requests.map((r) => (
              <li key={r.id}>
                <strong>{r.name}</strong> <span className="muted small">{t("federation.council.requestedOn", { date: formatDate(locale, r.requestedAt) })}</span>
                {d.me.steward ? (
                  <span className="actions">
                    <Form method="post" className="inline">
                      <input type="hidden" name="intent" value="accept" />
                      <input type="hidden" name="requestId" value={r.id} />
                      <button type="submit" className="primary small" disabled={busy} aria-label={t("federation.council.acceptLabel", { name: r.name })}>
                        {t("federation.council.accept")}
                      </button>
                    </Form>
                    <Form method="post" className="inline">
                      <input type="hidden" name="intent" value="decline" />
                      <input type="hidden" name="requestId" value={r.id} />
                      <button type="submit" className="small" disabled={busy} aria-label={t("federation.council.declineLabel", { name: r.name })}>
                        {t("federation.council.decline")}
                      </button>
                    </Form>
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="members-title">
        <h2 id="members-title">{t("federation.council.members")}</h2>
        {d.members.length === 0 ? (
          <p>{t("federation.council.noMembers", { slug: d.slug })}</p>
        ) : (
          <ul>
            {d.members.map((m) => (
              <li key={m.id}>
                {m.name} <span className="muted small">({t(`kind.${m.kind}`)}, {t("federation.councils.memberSince", { date: formatDate(locale, m.joinedAt ?? m.requestedAt) })})</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="cproposals-title">
        <h2 id="cproposals-title">{t("federation.council.mandatesTitle")}</h2>
        <p className="hint">{t("federation.council.mandatesHint")}</p>
        {d.proposals.length === 0 ? (
          <p>{t("federation.council.noProposals")}</p>
        ) : (
          <ul className="proposal-list">
            {d.proposals.map((p) => (
              <li key={p.id}>
                <Link to={`${base}/council/proposals/${p.id}`}>
                  <span className="muted">#{p.number}</span> {p.title}
                </Link>{" "}
                <StatusBadge status={p.status} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="ratifications-title" id="ratifications">
        <h2 id="ratifications-title">{t("federation.ratification.title")}</h2>
        {d.ratifications.length === 0 ? <p>{t("federation.ratification.none")}</p> : null}
        {d.ratifications.map((r) => (
          <div key={r.councilProposalId} className="ratification">
            <h3>
              <Link to={`${base}/council/proposals/${r.councilProposalId}`}>
                <span className="muted">#{r.number}</span> {r.title}
              </Link>
            </h3>
            <p className={r.outcome ? "explanation" : ""} aria-live="polite">
              {r.explanation}
            </p>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("federation.seats.body")}</th>
                    <th scope="col">{t("federation.ratification.resultCol")}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.results.map((x) => (
                    <tr key={x.assemblyId}>
                      <th scope="row">{x.name}</th>
                      <td>
                        <span className={`badge${x.result === "ratified" ? " ok" : x.result === "rejected" ? " bad" : ""}`}>{t(`federation.ratification.result.${x.result}`)}</span>
                        {x.decidedAt ? <span className="muted small"> {formatDate(locale, x.decidedAt)}</span> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ))}
        {d.me.facilitator && d.sendable.length > 0 ? (
          <Form method="post" className="stack-form compact">
            <input type="hidden" name="intent" value="ratify" />
            <FormError message={result?.intent === "ratify" ? result.errors.form : undefined} />
            <Select
              name="proposalId"
              label={t("federation.ratification.send")}
              hint={t("federation.ratification.sendHint")}
              errors={result?.intent === "ratify" ? result.errors : undefined}
              options={d.sendable.map((p) => ({ value: p.id, label: `#${p.number} ${p.title}` }))}
            />
            <div>
              <button type="submit" className="primary" disabled={busy}>
                {t("federation.ratification.sendSubmit")}
              </button>
            </div>
          </Form>
        ) : null}
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
