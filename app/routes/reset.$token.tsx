/**
 * Where a one-time reset link leads: /reset/<secret>. The person chooses a new password;
 * every other session of theirs ends, and they are logged in here.
 * See app/models/recovery.server.ts.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { resetSchema } from "~/lib/account-validation.server";
import { parseForm } from "~/web/forms";
import { invalid, redirectWithCookie } from "~/web/http.server";
import { refused } from "~/web/refusal.server";
import { clientAddress, lookupAllowed, lookupMissed } from "~/web/rate-limit.server";
import { closeStreams } from "~/web/live-access.server";
import { findReset, redeemReset } from "~/models/recovery.server";
import { startSession } from "~/web/session.server";
import { Field, FormError } from "~/components/form";
import { useT } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useFormResult } from "~/components/form-result";

export const meta: MetaFunction = () => [{ title: "Plenary" }];

/** Guessing links: only dead ones count, per address. */
async function limited(request: Request) {
  if (!(await lookupAllowed(`reset:${clientAddress(request)}`))) throw new Response("errors.rateLimited", { status: 429 });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await limited(request);
  const who = findReset(params.token ?? "", Date.now());
  if (!who) await lookupMissed(`reset:${clientAddress(request)}`);
  return { who: who ? { displayName: who.displayName, username: who.username } : null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await limited(request);
  const form = await request.formData();
  const parsed = parseForm(resetSchema, form);
  if (!parsed.ok) return invalid(parsed);
  const r = await redeemReset(params.token ?? "", parsed.data.password, Date.now());
  if (!r.ok) {
    await lookupMissed(`reset:${clientAddress(request)}`);
    return refused(r, form);
  }
  // Their sessions were deleted with the new password: their open streams end too.
  closeStreams({ userId: r.userId });
  const cookie = await startSession(request, r.userId);
  return redirectWithCookie("/", cookie);
}

export default function ResetPassword() {
  const { who } = useLoaderData<typeof loader>();
  const { busy, errors } = useFormResult<typeof action>();
  const t = useT();
  return (
    <section className="narrow">
      <h1>{t("recovery.title")}</h1>
      {who ? (
        <>
          <p>{t("recovery.for", { name: who.displayName, username: who.username })}</p>
          <Form method="post" noValidate className="stack-form">
            <FormError message={errors?.form} />
            <Field name="password" type="password" label={t("account.newPassword")} hint={t("field.password.hint")} errors={errors} autoComplete="new-password" required />
            <Field name="confirm" type="password" label={t("field.confirm")} errors={errors} autoComplete="new-password" required />
            <button type="submit" className="primary" disabled={busy}>
              {t("recovery.submit")}
            </button>
          </Form>
        </>
      ) : (
        <p className="form-error" role="alert">
          {t("recovery.errors.dead")}
        </p>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
