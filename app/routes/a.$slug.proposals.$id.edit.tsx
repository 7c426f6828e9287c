import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { forbidden, notFound, requireMember } from "~/web/authz.server";
import { parseProposalForm } from "~/web/proposal-form.server";
import { refused } from "~/web/refusal.server";
import { invalid } from "~/web/http.server";
import { reviseSchema } from "~/lib/proposal-validation.server";
import { currentCharter } from "~/models/assembly.server";
import { currentRevision, getProposal, reviseProposal, revisionCharter } from "~/models/proposal.server";
import { isOpenForChanges } from "~/engine/lifecycle";
import { CharterAmendmentFields, ProposalTextFields } from "~/components/proposal-fields";
import { FormError } from "~/components/form";
import { useT } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useFormResult } from "~/components/form-result";

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
  const parsed = parseProposalForm(reviseSchema, form, { amends: p.kind === "charter_amendment" });
  if (!parsed.ok) return invalid(parsed);
  const r = reviseProposal({ proposalId: p.id, byUserId: user.id, title: parsed.data.title, body: parsed.data.body, charter: parsed.charter, expectedRevision: parsed.data.expectedRevision });
  if (!r.ok) return refused(r, form);
  return redirect(`/a/${assembly.slug}/proposals/${p.id}?done=revised`);
}

export default function EditProposal() {
  const d = useLoaderData<typeof loader>();
  const { busy, errors, values } = useFormResult<typeof action>();
  const t = useT();
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
          <ProposalTextFields errors={errors} values={values} rows={14} initial={d.revision} />
          {d.charter ? <CharterAmendmentFields charter={d.charter} errors={errors} values={values} /> : null}
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
