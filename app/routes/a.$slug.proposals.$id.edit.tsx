import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { forbidden, notFound, requireMember } from "~/web/authz.server";
import { charterFromForm, charterSchema, type Charter } from "~/lib/charter";
import { failure, fieldErrors, formValues, parseForm, type FormFailure } from "~/web/forms";
import { invalid } from "~/web/http.server";
import { reviseSchema } from "~/lib/proposal-validation.server";
import { currentCharter } from "~/models/assembly.server";
import { currentRevision, getProposal, reviseProposal, revisionCharter } from "~/models/proposal.server";
import { isOpenForChanges } from "~/engine/lifecycle";
import { CharterFields } from "~/components/charter";
import { Field, FormError, TextArea } from "~/components/form";
import { useT } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";

/** The author rewrites their proposal while it is a draft or under discussion; each save is a kept revision. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, assembly } = await requireMember(request, params.slug);
  const p = getProposal(assembly.id, params.id ?? "");
  if (!p) notFound();
  if (p.authorId !== user.id) forbidden("needs.author");
  const rev = currentRevision(p);
  return {
    slug: assembly.slug,
    proposal: { id: p.id, number: p.number, kind: p.kind, status: p.status, open: isOpenForChanges(p.status) },
    revision: { number: rev.number, title: rev.title, body: rev.body },
    charter: p.kind === "charter_amendment" ? (revisionCharter(rev) ?? currentCharter(assembly.id).charter) : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, assembly } = await requireMember(request, params.slug);
  const p = getProposal(assembly.id, params.id ?? "");
  if (!p) notFound();
  const form = await request.formData();
  const parsed = parseForm(reviseSchema, form);
  let charter: Charter | null = null;
  let errors = parsed.ok ? {} : parsed.errors;
  if (p.kind === "charter_amendment") {
    const c = charterSchema.safeParse(charterFromForm(form));
    if (!c.success) errors = { ...errors, ...fieldErrors(c.error, "charter."), form: "errors.fixBelow" };
    else charter = c.data;
  }
  if (!parsed.ok || Object.keys(errors).length) return invalid({ ok: false, errors, values: formValues(form) } satisfies FormFailure);
  const r = reviseProposal({ proposalId: p.id, byUserId: user.id, title: parsed.data.title, body: parsed.data.body, charter, expectedRevision: parsed.data.expectedRevision });
  if (!r.ok) return invalid(failure({ form: r.error }, form), r.status);
  return redirect(`/a/${assembly.slug}/proposals/${p.id}?done=revised`);
}

export default function EditProposal() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const errors = result && !result.ok ? result.errors : undefined;
  const values = result && !result.ok ? result.values : undefined;
  const back = `/a/${d.slug}/proposals/${d.proposal.id}`;
  return (
    <section>
      <p className="muted small">
        <Link to={back}>{t("proposal.backTo", { number: d.proposal.number })}</Link>
      </p>
      <h1>{t("proposal.editTitle", { number: d.proposal.number })}</h1>
      {!d.proposal.open ? (
        <p className="notice warn">{t("proposal.errors.notOpenForChanges")}</p>
      ) : (
        <Form method="post" className="stack-form" noValidate>
          <input type="hidden" name="expectedRevision" value={d.revision.number} />
          <p className="hint">{t("proposal.editHint", { revision: d.revision.number + 1 })}</p>
          <FormError message={errors?.form ?? (errors ? "errors.fixBelow" : undefined)} />
          <Field name="title" label={t("proposal.titleField")} maxLength={200} errors={errors} values={values} defaultValue={d.revision.title} />
          <TextArea name="body" label={t("proposal.body")} hint={t("proposal.markdownHint")} rows={14} errors={errors} values={values} defaultValue={d.revision.body} />
          {d.charter ? (
            <fieldset>
              <legend>{t("proposal.charter.fields")}</legend>
              <CharterFields charter={d.charter} errors={errors} values={values} />
            </fieldset>
          ) : null}
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {t("proposal.saveRevision")}
            </button>
          </div>
        </Form>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
