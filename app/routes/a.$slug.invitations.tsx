import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/web/authz.server";
import { INVITE_ROLES } from "~/lib/assembly-fields";
import { invitationSchema, revokeInvitationSchema } from "~/lib/assembly-validation.server";
import { failure, parseForm } from "~/web/forms";
import { invalid } from "~/web/http.server";
import { createInvitation, invitationState, listInvitations, revokeInvitation } from "~/models/invitation.server";
import { useLocale, useT } from "~/i18n/react";
import { formatDateTime } from "~/i18n";
import { Field, FormError, Select } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useFormResult } from "~/components/form-result";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { assembly } = await requireMember(request, params.slug, "steward");
  const now = Date.now();
  return {
    invitations: listInvitations(assembly.id).map((i) => ({
      id: i.id,
      role: i.role,
      label: i.label,
      uses: i.uses,
      maxUses: i.maxUses,
      expiresAt: i.expiresAt,
      createdAt: i.createdAt,
      state: invitationState(i, now),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, assembly } = await requireMember(request, params.slug, "steward");
  const form = await request.formData();
  if (form.get("intent") === "revoke") {
    const parsed = parseForm(revokeInvitationSchema, form);
    if (!parsed.ok) return invalid(parsed);
    const done = revokeInvitation(assembly.id, parsed.data.id);
    if (!done) return invalid(failure({ form: "errors.invitation.notRevocable" }, form), 404);
    return data({ ok: true as const, revoked: true, link: null });
  }
  const parsed = parseForm(invitationSchema, form);
  if (!parsed.ok) return invalid(parsed);
  const { token } = createInvitation({ assemblyId: assembly.id, createdBy: user.id, ...parsed.data });
  const origin = new URL(request.url).origin;
  return data({ ok: true as const, revoked: false, link: `${origin}/join/${token}` });
}

export default function Invitations() {
  const { invitations } = useLoaderData<typeof loader>();
  const { result, busy, errors, values } = useFormResult<typeof action>();
  const t = useT();
  const locale = useLocale();
  return (
    <section>
      <h1>{t("invite.title")}</h1>
      {result?.ok && result.link ? (
        <div className="notice" role="status">
          <p>{t("invite.created")}</p>
          <label htmlFor="invite-link">{t("invite.link")}</label>
          <input id="invite-link" className="copy" readOnly value={result.link} />
          <p className="hint">{t("invite.onceHint")}</p>
        </div>
      ) : null}
      {result?.ok && result.revoked ? (
        <p className="notice" role="status">
          {t("invite.revokedDone")}
        </p>
      ) : null}
      <h2>{t("invite.new")}</h2>
      <Form method="post" noValidate className="stack-form">
        <FormError message={errors?.form} />
        <Select name="role" label={t("invite.role")} errors={errors} values={values} defaultValue="member" options={INVITE_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        <Field name="label" label={t("invite.label")} hint={t("invite.label.hint")} errors={errors} values={values} maxLength={80} />
        <Field name="expiresInDays" type="number" inputMode="numeric" min={1} max={365} label={t("invite.expires")} errors={errors} values={values} defaultValue={7} />
        <Field name="maxUses" type="number" inputMode="numeric" min={1} max={10000} label={t("invite.maxUses")} errors={errors} values={values} defaultValue={10} />
        <button type="submit" className="primary" disabled={busy}>
          {t("invite.create")}
        </button>
      </Form>
      <h2>{t("invite.list")}</h2>
      {invitations.length === 0 ? <p>{t("invite.none")}</p> : null}
      <div className="table-wrap">
        <table className="card-table">
          <thead>
            <tr>
              <th scope="col">{t("invite.label")}</th>
              <th scope="col">{t("invite.role")}</th>
              <th scope="col">{t("invite.used")}</th>
              <th scope="col">{t("invite.expiresAt")}</th>
              <th scope="col">{t("invite.state")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("invite.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invitations.map((i) => (
              <tr key={i.id}>
                <td data-label={t("invite.label")}>{i.label || t("invite.unlabelled")}</td>
                <td data-label={t("invite.role")}>{t(`role.${i.role}`)}</td>
                <td data-label={t("invite.used")}>{t("invite.usedValue", { uses: i.uses, max: i.maxUses })}</td>
                <td data-label={t("invite.expiresAt")}>{formatDateTime(locale, i.expiresAt)}</td>
                <td data-label={t("invite.state")}>{t(`invite.state.${i.state}`)}</td>
                <td>
                  {i.state === "valid" ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="id" value={i.id} />
                      <button type="submit" className="danger small" aria-label={t("invite.revokeLabel", { label: i.label || t("invite.unlabelled") })}>
                        {t("invite.revoke")}
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
