import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData, useSubmit } from "@remix-run/react";
import { requireMember } from "~/web/authz.server";
import { parseProposalForm } from "~/web/proposal-form.server";
import { invalid } from "~/web/http.server";
import { candidateLines, FORM_KINDS } from "~/lib/proposal-fields";
import { newProposalSchema } from "~/lib/proposal-validation.server";
import { currentCharter } from "~/models/assembly.server";
import { createProposal } from "~/models/proposal.server";
import { CharterAmendmentFields, ProposalTextFields } from "~/components/proposal-fields";
import { Field, FormError, Select, TextArea } from "~/components/form";
import { useT } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useFormResult } from "~/components/form-result";

const KINDS = FORM_KINDS;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { assembly } = await requireMember(request, params.slug, "voter");
  const raw = new URL(request.url).searchParams.get("kind");
  const kind = (KINDS as readonly string[]).includes(raw ?? "") ? raw! : "general";
  return { slug: assembly.slug, kind, charter: currentCharter(assembly.id).charter };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, assembly } = await requireMember(request, params.slug, "voter");
  const form = await request.formData();
  const parsed = parseProposalForm(newProposalSchema, form, { amends: form.get("kind") === "charter_amendment", unchangedFrom: currentCharter(assembly.id).charter });
  if (!parsed.ok) return invalid(parsed);
  const v = parsed.data;
  const p = createProposal({
    assemblyId: assembly.id,
    authorId: user.id,
    kind: v.kind,
    title: v.title,
    body: v.body,
    charter: parsed.charter,
    options: v.kind === "election" ? candidateLines(v.candidates).map((name) => ({ name })) : [],
    seats: v.kind === "election" ? Number(v.seats) : null,
    status: v.start,
  });
  return redirect(`/a/${assembly.slug}/proposals/${p.id}`);
}

export default function NewProposal() {
  const { kind, charter } = useLoaderData<typeof loader>();
  const { busy, errors, values } = useFormResult<typeof action>();
  const submit = useSubmit();
  const t = useT();
  const chosen = values?.kind ?? kind;
  return (
    <section className="narrow-wide">
      <h1>{t("proposals.new")}</h1>
      <Form method="get" className="stack-form compact kind-form" onChange={(e) => submit(e.currentTarget)}>
        <Select name="kind" label={t("proposal.kind")} defaultValue={chosen} options={KINDS.map((k) => ({ value: k, label: t(`proposalKind.${k}`) }))} hint={t("proposal.kind.hint")} />
        <noscript>
          <button type="submit">{t("proposal.kind.choose")}</button>
        </noscript>
      </Form>
      <Form method="post" className="stack-form" noValidate>
        <input type="hidden" name="kind" value={chosen} />
        <FormError message={errors?.form ?? (errors ? "errors.fixBelow" : undefined)} />
        <ProposalTextFields errors={errors} values={values} bodyLabel={t(chosen === "election" ? "proposal.bodyElection" : "proposal.body")} rows={12} required />
        {chosen === "election" ? (
          <fieldset>
            <legend>{t("proposal.candidates")}</legend>
            <TextArea name="candidates" label={t("proposal.candidatesField")} hint={t("proposal.candidatesField.hint")} rows={5} errors={errors} values={values} />
            <Field name="seats" type="number" label={t("proposal.seatsField")} min={1} defaultValue={1} errors={errors} values={values} />
          </fieldset>
        ) : null}
        {chosen === "charter_amendment" ? (
          <CharterAmendmentFields charter={charter} errors={errors} values={values} hint={t("proposal.charter.fieldsHint")} />
        ) : null}
        <fieldset>
          <legend>{t("proposal.start")}</legend>
          <div className="radio">
            <input type="radio" id="start-discussion" name="start" value="discussion" defaultChecked={(values?.start ?? "discussion") === "discussion"} />
            <label htmlFor="start-discussion">{t("proposal.start.discussion")}</label>
          </div>
          <div className="radio">
            <input type="radio" id="start-draft" name="start" value="draft" defaultChecked={values?.start === "draft"} />
            <label htmlFor="start-draft">{t("proposal.start.draft")}</label>
          </div>
        </fieldset>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t("proposal.create")}
          </button>
        </div>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
