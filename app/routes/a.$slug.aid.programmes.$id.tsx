import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { notFound } from "~/web/authz.server";
import { requireAid } from "~/web/aid.server";
import { parseForm, type FormFailure } from "~/web/forms";
import { invalid } from "~/web/http.server";
import { refused } from "~/web/refusal.server";
import { localeFor } from "~/web/locale.server";
import { ledgerSchema } from "~/lib/aid-validation.server";
import { addLedgerEntry, allowingProposals, programmeView, type LedgerInput } from "~/models/aid-fund.server";
import { Checkbox, Field, FormError, Select } from "~/components/form";
import { useLocale, useT } from "~/i18n/react";
import { formatDate } from "~/i18n";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Plenary" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { assembly, viewer } = await requireAid(request, params.slug);
  const view = params.id ? programmeView(assembly.id, params.id) : null;
  if (!view) notFound();
  return { slug: assembly.slug, coordinator: viewer.coordinator, ...view, allowing: viewer.coordinator ? allowingProposals(assembly.id, view.programme.id) : [] };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, assembly, viewer } = await requireAid(request, params.slug);
  const view = params.id ? programmeView(assembly.id, params.id) : null;
  if (!view) notFound();
  const form = await request.formData();
  const parsed = parseForm(ledgerSchema, form);
  if (!parsed.ok) return invalid(parsed);
  const d = parsed.data;
  const input: LedgerInput =
    d.direction === "in"
      ? { direction: "in", amount: d.amount, purpose: d.purpose }
      : { direction: "out", amount: d.amount, purpose: d.purpose, allowedBy: d.allowedBy!, allowingProposalId: d.allowingProposalId, recipientName: d.recipientName || null, recipientAgreed: d.recipientAgreed };
  const r = addLedgerEntry(assembly.id, view.programme.id, viewer, input, Date.now());
  if (!r.ok) return refused(r, form, { locale: localeFor(request, user) });
  return redirect(`/a/${assembly.slug}/aid/programmes/${view.programme.id}?done=${d.direction}`);
}

export default function ProgrammePage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormFailure | undefined;
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const locale = useLocale();
  const [params] = useSearchParams();
  const done = params.get("done");
  const p = d.programme;
  return (
    <article className="narrow">
      <p className="muted small">
        <Link to={`/a/${d.slug}/aid/programmes`}>{t("aid.programmes.back")}</Link>
      </p>
      <h1>
        {p.name} <span className="badge">{t(`aid.programme.status.${p.status}`)}</span>
      </h1>
      {done ? (
        <p className="notice" role="status">
          {t(`aid.done.ledger.${done}`)}
        </p>
      ) : null}
      <p>
        <Link to={`/a/${d.slug}/proposals/${p.proposalId}`}>{t("aid.programme.proposal", { number: p.proposalNumber })}</Link> · {t("aid.programme.limit", { limit: p.coordinatorLimit, unit: p.unit })}
      </p>
      <h2>{t("aid.programme.terms")}</h2>
      <p className="proposal-text pre-wrap">{d.terms}</p>
      <h2>{t("aid.programme.ledger")}</h2>
      <p className="notice">
        <strong>{t("aid.programme.balance", { balance: p.balance, unit: p.unit })}</strong>
      </p>
      {d.ledger.length === 0 ? (
        <p className="muted">{t("aid.programme.noEntries")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("aid.ledger.date")}</th>
                <th scope="col">{t("aid.ledger.amount")}</th>
                <th scope="col">{t("aid.ledger.purpose")}</th>
                <th scope="col">{t("aid.ledger.allowedBy")}</th>
                <th scope="col">{t("aid.ledger.balance")}</th>
              </tr>
            </thead>
            <tbody>
              {d.ledger.map((e) => (
                <tr key={e.id}>
                  <td>{formatDate(locale, e.createdAt)}</td>
                  <td>
                    {e.direction === "in" ? "+" : "−"}
                    {e.amount} {p.unit}
                  </td>
                  <td>
                    {e.purpose}
                    {e.recipientName ? ` · ${e.recipientName}` : ""}
                  </td>
                  <td>
                    {e.direction === "in" ? "—" : e.allowedBy === "proposal" ? <Link to={`/a/${d.slug}/proposals/${e.allowingProposalId}`}>{t("aid.programme.proposal", { number: e.allowingNumber ?? "" })}</Link> : t("aid.ledger.byLimit")} ·{" "}
                    <Link to={`/a/${d.slug}/record`}>{t("aid.ledger.record", { seq: e.recordSeq })}</Link>
                  </td>
                  <td>
                    {e.balanceAfter} {p.unit}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {d.coordinator && p.status === "adopted" ? (
        <section aria-labelledby="entry-title">
          <h2 id="entry-title">{t("aid.ledger.new")}</h2>
          <Form method="post" className="stack-form">
            <FormError message={result?.errors.form} />
            <Select name="direction" label={t("aid.ledger.direction")} options={[{ value: "in", label: t("aid.ledger.in") }, { value: "out", label: t("aid.ledger.out") }]} errors={result?.errors} values={result?.values} />
            <Field name="amount" type="number" label={t("aid.ledger.amountIn", { unit: p.unit })} errors={result?.errors} values={result?.values} min={1} required />
            <Field name="purpose" label={t("aid.ledger.purpose")} hint={t("aid.ledger.purpose.hint")} errors={result?.errors} values={result?.values} maxLength={200} required />
            <Select
              name="allowedBy"
              label={t("aid.ledger.allowedBy")}
              hint={t("aid.ledger.allowedBy.hint")}
              options={[
                { value: "coordinator_limit", label: t("aid.ledger.byLimitUpTo", { limit: p.coordinatorLimit, unit: p.unit }) },
                { value: "proposal", label: t("aid.ledger.byProposal") },
              ]}
              errors={result?.errors}
              values={result?.values}
            />
            <Select name="allowingProposalId" label={t("aid.ledger.allowingProposal")} options={[{ value: "", label: "—" }, ...d.allowing.map((a) => ({ value: a.id, label: `#${a.number} ${a.title}` }))]} errors={result?.errors} values={result?.values} />
            <Field name="recipientName" label={t("aid.ledger.recipientName")} hint={t("aid.ledger.recipientName.hint")} errors={result?.errors} values={result?.values} maxLength={120} />
            <Checkbox name="recipientAgreed" label={t("aid.ledger.recipientAgreed")} checked={result?.values?.recipientAgreed === "on"} />
            <div>
              <button type="submit" className="primary" disabled={busy}>
                {t("aid.ledger.submit")}
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
