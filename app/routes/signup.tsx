import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { signupSchema } from "~/lib/account-validation.server";
import { failure, parseForm } from "~/web/forms";
import { invalid, redirectWithCookie, safeRedirectTo } from "~/web/http.server";
import { clientAddress, hit, LIMITS } from "~/web/rate-limit.server";
import { localeFor } from "~/web/locale.server";
import { createUser } from "~/models/user.server";
import { getUser, startSession } from "~/web/session.server";
import { Field, FormError } from "~/components/form";
import { useT } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Plenary" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect(safeRedirectTo(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const parsed = parseForm(signupSchema, form);
  if (!parsed.ok) return invalid(parsed);
  if (!hit(`signup:${clientAddress(request)}`, LIMITS.signupPerAddress)) return invalid(failure({ form: "errors.rateLimited" }, form), 429);
  const user = await createUser({ ...parsed.data, locale: localeFor(request, null) });
  if (!user) return invalid(failure({ username: "errors.username.taken" }, form));
  const cookie = await startSession(request, user.id);
  return redirectWithCookie(safeRedirectTo(form.get("redirectTo")), cookie);
}

export default function Signup() {
  const t = useT();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors = result && !result.ok ? result.errors : undefined;
  const values = result && !result.ok ? result.values : undefined;
  const redirectTo = params.get("redirectTo") ?? "/";
  return (
    <section className="narrow">
      <h1>{t("signup.title")}</h1>
      <p>{t("signup.intro")}</p>
      <Form method="post" noValidate id="signup-form" className="stack-form">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <FormError message={errors?.form} />
        <Field name="username" label={t("field.username")} hint={t("field.username.hint")} errors={errors} values={values} autoComplete="username" required />
        <Field name="displayName" label={t("field.displayName")} hint={t("field.displayName.hint")} errors={errors} values={values} autoComplete="name" required />
        <Field name="password" type="password" label={t("field.password")} hint={t("field.password.hint")} errors={errors} autoComplete="new-password" required />
        <Field name="confirm" type="password" label={t("field.confirm")} errors={errors} autoComplete="new-password" required />
        <button type="submit" className="primary" disabled={busy}>
          {t("signup.submit")}
        </button>
      </Form>
      <p>
        {t("signup.haveAccount")} <Link to={`/login?redirectTo=${encodeURIComponent(redirectTo)}`}>{t("nav.login")}</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
