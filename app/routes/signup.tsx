import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useSearchParams } from "@remix-run/react";
import { signupSchema } from "~/lib/account-validation.server";
import { failure, parseForm } from "~/web/forms";
import { invalid, redirectWithCookie, safeRedirectTo } from "~/web/http.server";
import { clientAddress, signupAllowed } from "~/web/rate-limit.server";
import { localeFor } from "~/web/locale.server";
import { createUser } from "~/models/user.server";
import { getUser, startSession } from "~/web/session.server";
import { FormError } from "~/components/form";
import { useT } from "~/i18n/react";
import { NewAccountFields } from "~/components/account-fields";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useFormResult } from "~/components/form-result";

export const meta: MetaFunction = () => [{ title: "Plenary" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect(safeRedirectTo(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const parsed = parseForm(signupSchema, form);
  if (!parsed.ok) return invalid(parsed);
  if (!(await signupAllowed(clientAddress(request)))) return invalid(failure({ form: "errors.rateLimited" }, form), 429);
  const user = await createUser({ ...parsed.data, locale: localeFor(request, null) });
  if (!user) return invalid(failure({ username: "errors.username.taken" }, form));
  const cookie = await startSession(request, user.id);
  return redirectWithCookie(safeRedirectTo(form.get("redirectTo")), cookie);
}

export default function Signup() {
  const t = useT();
  const { busy, errors, values } = useFormResult<typeof action>();
  const [params] = useSearchParams();
  const redirectTo = params.get("redirectTo") ?? "/";
  return (
    <section className="narrow">
      <h1>{t("signup.title")}</h1>
      <p>{t("signup.intro")}</p>
      <Form method="post" noValidate id="signup-form" className="stack-form">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <FormError message={errors?.form} />
        <NewAccountFields errors={errors} values={values} />
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
