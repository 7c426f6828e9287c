import { RoundResult } from "~/components/round-result";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { forbidden, notFound, requireMember } from "~/web/authz.server";
import { BLT_MAX } from "~/lib/federation-fields";
import { nominateSchema } from "~/lib/federation-validation.server";
import { seatRuleLines } from "~/lib/seat-rules";
import { parseForm } from "~/web/forms";
import { badForm, type FedFailure } from "~/web/federation-http.server";
import { refused } from "~/web/refusal.server";
import { refusal } from "~/lib/refusal";
import { localeFor } from "~/web/locale.server";
import { can } from "~/models/membership.server";
import { getProposal } from "~/models/proposal.server";
import { answerNomination, importPaperBallots, nominate } from "~/models/delegate.server";
import { councilRules } from "~/models/council.server";
import { StatusBadge } from "~/components/decisions";
import { Field, FormError, Select, TextArea } from "~/components/form";
import { useLocale, useT } from "~/i18n/react";
import { formatDateTime } from "~/i18n";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { electionPage } from "~/models/federation-view.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.proposal.title} · Plenary` : "Plenary" }];

function electionIn(assemblyId: string, id: string | undefined) {
  const p = id ? getProposal(assemblyId, id) : undefined;
  if (!p || p.kind !== "election") notFound();
  return p;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, assembly, membership } = await requireMember(request, params.slug);
  const p = electionIn(assembly.id, params.id);
  const view = electionPage(p, assembly.id, { userId: user.id, membership }, localeFor(request, user));
  // The council's seat rules in the same words as every page (app/lib/seat-rules.ts).
  return { slug: assembly.slug, ...view, seatRules: view.council ? seatRuleLines(councilRules(view.council.id)) : [] };
}

async function bltText(form: FormData): Promise<string> {
  const file = form.get("file");
  if (file && typeof file === "object" && "text" in file && (file as File).size > 0) {
    if ((file as File).size > BLT_MAX) return "";
    return (file as File).text();
  }
  const pasted = form.get("blt");
  return typeof pasted === "string" ? pasted.slice(0, BLT_MAX) : "";
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, assembly, membership } = await requireMember(request, params.slug, "voter");
  const p = electionIn(assembly.id, params.id);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const locale = localeFor(request, user);
  const now = Date.now();
  const here = `/a/${assembly.slug}/delegates/elections/${p.id}`;
  switch (intent) {
    case "nominate": {
      const parsed = parseForm(nominateSchema, form);
      if (!parsed.ok) return badForm(parsed, intent);
      const r = nominate({ proposalId: p.id, nomineeId: parsed.data.nominee, by: user.id, now });
      return r.ok ? redirect(`${here}?done=${r.accepted ? "candidate" : "nominated"}`) : refused({ ...r, field: r.field ?? "nominee" }, form, { intent, locale });
    }
    case "accept":
    case "decline": {
      const r = answerNomination({ proposalId: p.id, userId: user.id, answer: intent, now });
      return r.ok ? redirect(`${here}?done=${intent}`) : refused(r, form, { intent, locale });
    }
    case "import": {
      if (!can(membership, "facilitator")) forbidden("needs.facilitator");
      const text = await bltText(form);
      if (!text.trim()) return refused(refusal("invalid", "federation.blt.missing", { field: "blt" }), form, { intent, locale });
      const r = importPaperBallots({ proposalId: p.id, text, by: user.id, now });
      if (!r.ok) return refused({ ...r, field: "blt" }, form, { intent, locale });
      return redirect(`${here}?done=imported&n=${r.ballots}`);
    }
    default:
      return refused(refusal("invalid", "errors.unknownAction"), form, { intent, locale });
  }
}

export default function ElectionPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FedFailure | undefined;
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const locale = useLocale();
  const base = `/a/${d.slug}`;
  const done = params.get("done");
  const errorsFor = (intent: string) => (result?.intent === intent ? result.errors : undefined);
  return (
    <article>
      <p className="muted small">
        {d.council ? <Link to={`${base}/councils/${d.council.id}`}>{t("federation.election.backToCouncil", { council: d.council.name })}</Link> : null}
      </p>
      <h1>{d.proposal.title}</h1>
      <p>
        <StatusBadge status={d.proposal.status} /> <span className="muted">{t("federation.election.seats", { n: d.proposal.seats })}</span>
      </p>
      <div aria-live="polite">
        {done ? (
          <p className="notice" role="status">
            {t(`federation.election.done.${done}`, { n: params.get("n") ?? "" })}
          </p>
        ) : null}
      </div>
      <FormError message={result && ["accept", "decline"].includes(result.intent) ? result.errors.form : undefined} />

      {d.result === null || d.rules.length > 0 || d.seatRules.length > 0 ? (
        <section aria-labelledby="rules-title">
          <h2 id="rules-title">{t("federation.election.rulesTitle")}</h2>
          <ul className="seat-rules">
            {d.seatRules.map((l) => (
              <li key={l.key}>{t(l.key, l.params)}</li>
            ))}
          </ul>
          {d.rules.length === 0 ? (
            <p>{t("federation.election.noBindingRules")}</p>
          ) : (
            <ul>
              {d.rules.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ul>
          )}
          <p className="hint">{t("federation.election.countHint")}</p>
        </section>
      ) : null}

      <section aria-labelledby="cand-title">
        <h2 id="cand-title">{t("federation.election.candidates")}</h2>
        {d.candidates.length === 0 ? (
          <p>{t("federation.election.noCandidates")}</p>
        ) : (
          <ol>
            {d.candidates.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ol>
        )}
        {d.nominations.some((n) => !n.accepted && !n.declined) ? (
          <p className="muted">
            {t("federation.election.awaiting", {
              names: d.nominations
                .filter((n) => !n.accepted && !n.declined)
                .map((n) => n.name)
                .join(", "),
            })}
          </p>
        ) : null}
        {d.myNomination && d.nominationsOpen ? (
          <div className="notice" role="note">
            <p>{d.myNomination.acceptedAt ? t("federation.election.youAreCandidate") : t("federation.election.youAreNominated")}</p>
            <div className="actions">
              {!d.myNomination.acceptedAt ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="accept" />
                  <button type="submit" className="primary" disabled={busy}>
                    {t("federation.election.accept")}
                  </button>
                </Form>
              ) : null}
              <Form method="post">
                <input type="hidden" name="intent" value="decline" />
                <button type="submit" disabled={busy}>
                  {d.myNomination.acceptedAt ? t("federation.election.withdraw") : t("federation.election.decline")}
                </button>
              </Form>
            </div>
          </div>
        ) : null}
        {d.nominationsOpen && d.me.voter && d.nominees.length > 0 ? (
          <Form method="post" className="stack-form compact">
            <input type="hidden" name="intent" value="nominate" />
            <FormError message={errorsFor("nominate")?.form} />
            <Select name="nominee" label={t("federation.election.nominate")} hint={t("federation.election.nominateHint")} errors={errorsFor("nominate")} options={d.nominees} defaultValue={d.me.id} />
            <div>
              <button type="submit" disabled={busy}>
                {t("federation.election.nominateSubmit")}
              </button>
            </div>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="vote-title">
        <h2 id="vote-title">{t("federation.election.voting")}</h2>
        <p>
          {d.open
            ? t("federation.election.openUntil", { date: d.open.deadline ? formatDateTime(locale, d.open.deadline) : "—" })
            : d.result
              ? t("federation.election.decided")
              : t("federation.election.notOpen")}{" "}
          <Link to={`${base}/proposals/${d.proposal.id}`}>{t("federation.election.toBallot")}</Link>
        </p>
        {d.batches.length > 0 ? (
          <ul className="small">
            {d.batches.map((b) => (
              <li key={b.id}>{t("federation.election.batch", { n: b.ballots, title: b.title || "—", date: formatDateTime(locale, b.importedAt) })}</li>
            ))}
          </ul>
        ) : null}
        {d.open && d.me.facilitator ? (
          <Form method="post" encType="multipart/form-data" className="stack-form compact">
            <input type="hidden" name="intent" value="import" />
            <h3>{t("federation.election.paperTitle")}</h3>
            <p className="hint">{t("federation.election.paperHint")}</p>
            <FormError message={errorsFor("import")?.form} />
            <Field name="file" type="file" label={t("federation.election.paperFile")} />
            <TextArea name="blt" label={t("federation.election.paperPaste")} errors={errorsFor("import")} rows={4} />
            <div>
              <button type="submit" disabled={busy}>
                {t("federation.election.paperSubmit")}
              </button>
            </div>
          </Form>
        ) : null}
      </section>

      {d.result ? (
        <section aria-labelledby="result-title">
          <h2 id="result-title">{t("federation.election.result")}</h2>
          <RoundResult id="election-result" outcome={d.result.outcome} figures={d.result.figures} explanation={d.result.explanation} />
          <p>
            <a href={`${base}/delegates/elections/${d.proposal.id}/ballots.blt`} download>
              {t("federation.election.export")}
            </a>
          </p>
        </section>
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
