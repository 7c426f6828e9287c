/**
 * "Forgot password" by email: only for accounts with an email address, and only when the
 * server can send mail (SMTP_URL). The answer is the same whether or not such an account
 * exists. Everyone else asks a steward (app/models/recovery.server.ts).
 */
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { forgotSchema } from "~/lib/account-validation.server";
import { failure, parseForm } from "~/web/forms";
import { invalid } from "~/web/http.server";
import { localeFor } from "~/web/locale.server";
import { clientAddress, lookupAllowed, lookupMissed } from "~/web/rate-limit.server";
import { mailConfigured, publicUrl, sendMail } from "~/lib/mail.server";
import { emailReset } from "~/models/recovery.server";
import { getUserByUsername } from "~/models/user.server";
import { translate } from "~/i18n";
import { Field, FormError } from "~/components/form";
import { useT } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useFormResult } from "~/components/form-result";

export const meta: MetaFunction = () => [{ title: "Plenary" }];

export async function loader() {
  return { email: mailConfigured() };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const parsed = parseForm(forgotSchema, form);
  if (!parsed.ok) return invalid(parsed);
  if (!mailConfigured()) return invalid(failure({ form: "recovery.noEmail" }, form), 400);
  // Every request counts here (each may send a mail), per address and per account.
  const keys = [`forgot:${clientAddress(request)}`, `forgot-user:${parsed.data.username}`];
  for (const k of keys) if (!(await lookupAllowed(k))) return invalid(failure({ form: "errors.rateLimited" }, form), 429);
  for (const k of keys) await lookupMissed(k);
  const user = getUserByUsername(parsed.data.username);
  if (user?.email) {
    const token = emailReset(user.id, Date.now());
    const locale = localeFor(request, user);
    // The configured public address, never the request's Host: whoever sends the request must
    // not choose where the secret link in someone else's mail points.
    const link = `${publicUrl()}/reset/${token}`;
    await sendMail({ to: user.email, subject: translate(locale, "recovery.mail.subject"), text: translate(locale, "recovery.mail.body", { name: user.displayName, link }) });
  }
  return data({ ok: true as const });
}

export default function Forgot() {
  const { email } = useLoaderData<typeof loader>();
  const { result, busy, errors } = useFormResult<typeof action>();
  const t = useT();
  return (
    <section className="narrow">
      <h1>{t("recovery.forgotTitle")}</h1>
      <p>{t("recovery.askSteward")}</p>
      {email ? (
        result?.ok ? (
          <p className="notice" role="status">
            {t("recovery.mailSent")}
          </p>
        ) : (
          <Form method="post" noValidate className="stack-form">
            <p>{t("recovery.byEmail")}</p>
            <FormError message={errors?.form} />
            <Field name="username" label={t("field.username")} errors={errors} autoComplete="username" required />
            <button type="submit" disabled={busy}>
              {t("recovery.sendLink")}
            </button>
          </Form>
        )
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
