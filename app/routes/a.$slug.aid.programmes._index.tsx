import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { forbidden } from "~/web/authz.server";
import { requireAid } from "~/web/aid.server";
import { parseForm, type FormFailure } from "~/web/forms";
import { invalid } from "~/web/http.server";
import { refused } from "~/web/refusal.server";
import { localeFor } from "~/web/locale.server";
import { programmeSchema } from "~/lib/aid-validation.server";
import { mayVote } from "~/models/membership.server";
import { programmesOf, proposeProgramme } from "~/models/aid-fund.server";
import { Field, FormError, TextArea } from "~/components/form";
import { useT } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Plenary" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { assembly, membership } = await requireAid(request, params.slug);
  return { slug: assembly.slug, mayPropose: mayVote(membership), programmes: programmesOf(assembly.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, assembly, membership } = await requireAid(request, params.slug);
  // Proposals are made by voting members (docs/domain.md#bodies).
  if (!mayVote(membership)) forbidden("needs.voter");
  const form = await request.formData();
  const parsed = parseForm(programmeSchema, form);
  if (!parsed.ok) return invalid(parsed);
  const r = proposeProgramme({ assemblyId: assembly.id, authorId: user.id, ...parsed.data, now: Date.now() });
  if (!r.ok) return refused(r, form, { locale: localeFor(request, user) });
  return redirect(`/a/${assembly.slug}/proposals/${r.proposalId}`);
}

export default function Programmes() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormFailure | undefined;
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const base = `/a/${d.slug}/aid`;
  return (
    <section>
      <p className="muted small">
        <Link to={base}>{t("aid.back")}</Link>
      </p>
      <h1>{t("aid.programmes.title")}</h1>
      <p className="lead">{t("aid.programmes.intro")}</p>
      {d.programmes.length === 0 ? (
        <p className="muted">{t("aid.programmes.none")}</p>
      ) : (
        <ul className="proposal-list">
          {d.programmes.map((p) => (
            <li key={p.id}>
              <h3>
                <Link to={`${base}/programmes/${p.id}`}>{p.name}</Link> <span className="badge">{t(`aid.programme.status.${p.status}`)}</span>
              </h3>
              <p className="small">
                {t("aid.programme.balance", { balance: p.balance, unit: p.unit })} · {t("aid.programme.limit", { limit: p.coordinatorLimit, unit: p.unit })} · {t("aid.programme.proposal", { number: p.proposalNumber })}
              </p>
            </li>
          ))}
        </ul>
      )}
      {d.mayPropose ? (
        <section aria-labelledby="propose-title">
          <h2 id="propose-title">{t("aid.programmes.propose")}</h2>
          <p className="hint">{t("aid.programmes.propose.hint")}</p>
          <Form method="post" className="stack-form">
            <FormError message={result?.errors.form} />
            <Field name="name" label={t("aid.programmes.field.name")} errors={result?.errors} values={result?.values} maxLength={120} required />
            <div className="inline-fields">
              <Field name="unit" label={t("aid.programmes.field.unit")} hint={t("aid.programmes.field.unit.hint")} errors={result?.errors} values={result?.values} maxLength={20} required />
              <Field name="coordinatorLimit" type="number" label={t("aid.programmes.field.limit")} errors={result?.errors} values={result?.values} min={0} required />
            </div>
            <TextArea name="terms" label={t("aid.programmes.field.terms")} hint={t("aid.programmes.field.terms.hint")} errors={result?.errors} values={result?.values} rows={5} maxLength={5000} />
            <div>
              <button type="submit" className="primary" disabled={busy}>
                {t("aid.programmes.submit")}
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
