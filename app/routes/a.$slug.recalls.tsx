import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { requireMember } from "~/web/authz.server";
import { can } from "~/models/membership.server";
import { petitionSchema, signSchema } from "~/lib/federation-validation.server";
import { parseForm } from "~/web/forms";
import { badForm, type FedFailure } from "~/web/federation-http.server";
import { refused } from "~/web/refusal.server";
import { refusal } from "~/lib/refusal";
import { localeFor } from "~/web/locale.server";
import { getCouncil } from "~/models/council.server";
import { activeTerms } from "~/models/delegate.server";
import { namesOf } from "~/models/meeting.server";
import { getPetition, petitionsOf, signaturesNeeded, signPetition, startPetition } from "~/models/recall.server";
import { FormError, Select, TextArea } from "~/components/form";
import { useLocale, useT } from "~/i18n/react";
import { formatDate } from "~/i18n";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, assembly, membership } = await requireMember(request, params.slug);
  const terms = activeTerms({ assemblyId: assembly.id });
  const names = namesOf(terms.map((t) => t.userId));
  const petitions = petitionsOf(assembly.id, user.id);
  const live = new Set(petitions.filter((p) => p.status === "collecting" || p.status === "voting").map((p) => p.termId));
  return {
    slug: assembly.slug,
    petitions,
    terms: terms
      .filter((t) => !live.has(t.id))
      .map((t) => ({ value: t.id, label: `${names.get(t.userId) ?? ""} — ${getCouncil(t.councilId)?.name ?? ""}` })),
    selected: new URL(request.url).searchParams.get("term"),
    needed: signaturesNeeded(assembly.id).needed,
    canSign: can(membership, "voter"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, assembly } = await requireMember(request, params.slug);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const locale = localeFor(request, user);
  const now = Date.now();
  const here = `/a/${assembly.slug}/recalls`;
  if (intent === "start") {
    const parsed = parseForm(petitionSchema, form);
    if (!parsed.ok) return badForm(parsed, intent);
    const r = startPetition({ assemblyId: assembly.id, termId: parsed.data.termId, userId: user.id, reason: parsed.data.reason, locale, now });
    if (!r.ok) return refused(r, form, { intent, locale });
    return redirect(r.petition.status === "voting" ? `/a/${assembly.slug}/proposals/${r.petition.recallProposalId}?done=opened` : `${here}?done=started#p-${r.petition.id}`);
  }
  if (intent === "sign") {
    const parsed = parseForm(signSchema, form);
    if (!parsed.ok) return badForm(parsed, intent);
    const pet = getPetition(parsed.data.petitionId);
    // A petition of another assembly is not found here, whoever asks.
    if (!pet || pet.assemblyId !== assembly.id) return refused(refusal("not_found", "federation.errors.petitionNotFound"), form, { intent, locale });
    const r = signPetition({ petitionId: pet.id, userId: user.id, locale, now });
    if (!r.ok) return refused(r, form, { intent, locale });
    return redirect(r.opened ? `/a/${assembly.slug}/proposals/${getPetition(pet.id)!.recallProposalId}?done=opened` : `${here}?done=signed#p-${pet.id}`);
  }
  return refused(refusal("invalid", "errors.unknownAction"), form, { intent, locale });
}

export default function Recalls() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FedFailure | undefined;
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const locale = useLocale();
  const done = params.get("done");
  return (
    <section>
      <h1>{t("federation.recall.title")}</h1>
      <p className="lead">{t("federation.recall.intro", { needed: d.needed })}</p>
      <div aria-live="polite">
        {done ? (
          <p className="notice" role="status">
            {t(`federation.recall.done.${done}`)}
          </p>
        ) : null}
      </div>
      <FormError message={result?.intent === "sign" ? result.errors.form : undefined} />
      {d.petitions.length === 0 ? <p>{t("federation.recall.none")}</p> : null}
      <ul className="proposal-list">
        {d.petitions.map((p) => (
          <li key={p.id} id={`p-${p.id}`}>
            <h2>{t("federation.recall.against", { delegate: p.delegate, council: p.councilName })}</h2>
            <p>{t("federation.recall.reasonLine", { reason: p.reason })}</p>
            <p className="small">
              <span className={`badge petition-${p.status}`}>{t(`federation.recall.status.${p.status}`)}</span>{" "}
              {t("federation.recall.signatures", { n: p.signatures, needed: p.needed })} · <span className="muted">{formatDate(locale, p.startedAt)}</span>
            </p>
            {p.status === "collecting" && d.canSign && !p.signed ? (
              <Form method="post">
                <input type="hidden" name="intent" value="sign" />
                <input type="hidden" name="petitionId" value={p.id} />
                <button type="submit" className="primary" disabled={busy}>
                  {t("federation.recall.sign")}
                </button>
              </Form>
            ) : null}
            {p.signed ? <p className="muted small">{t("federation.recall.youSigned")}</p> : null}
            {p.recallProposalId ? (
              <p>
                <Link to={`/a/${d.slug}/proposals/${p.recallProposalId}`}>{t("federation.recall.toVote")}</Link>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      {d.canSign && d.terms.length > 0 ? (
        <section aria-labelledby="start-title">
          <h2 id="start-title">{t("federation.recall.start")}</h2>
          <Form method="post" className="stack-form compact">
            <input type="hidden" name="intent" value="start" />
            <FormError message={result?.intent === "start" ? result.errors.form : undefined} />
            <Select name="termId" label={t("federation.recall.delegate")} options={d.terms} errors={result?.intent === "start" ? result.errors : undefined} values={result?.intent === "start" ? result.values : undefined} defaultValue={d.selected ?? undefined} />
            <TextArea name="reason" label={t("federation.recall.reason")} hint={t("federation.recall.reasonHint")} errors={result?.intent === "start" ? result.errors : undefined} values={result?.intent === "start" ? result.values : undefined} maxLength={2000} rows={3} />
            <div>
              <button type="submit" className="primary" disabled={busy}>
                {t("federation.recall.startSubmit")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
