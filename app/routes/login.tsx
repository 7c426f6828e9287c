import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useSearchParams } from "@remix-run/react";
import { loginSchema } from "~/lib/account-validation.server";
import { failure, parseForm } from "~/web/forms";
import { invalid, redirectWithCookie, safeRedirectTo } from "~/web/http.server";
import { clientAddress, loginAllowed, loginFailed, loginSucceeded } from "~/web/rate-limit.server";
import { checkLogin } from "~/models/user.server";
import { getUser, startSession } from "~/web/session.server";
import { FormError } from "~/components/form";
import { useT } from "~/i18n/react";
import { LoginFields } from "~/components/account-fields";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useFormResult } from "~/components/form-result";

export const meta: MetaFunction = () => [{ title: "Plenary" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect(safeRedirectTo(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const parsed = parseForm(loginSchema, form);
  if (!parsed.ok) return invalid(parsed);
  const { username, password } = parsed.data;
  // Failures only, per username and address pair (and per address over all usernames):
  // a room behind one address logs in freely, and a guesser elsewhere cannot lock anyone out.
  const address = clientAddress(request);
  if (!(await loginAllowed(username, address))) return invalid(failure({ form: "errors.rateLimited" }, form), 429);
  const user = await checkLogin(username, password);
  // One message for an unknown user and a wrong password: it must not tell which.
  if (!user) {
    await loginFailed(username, address);
    return invalid(failure({ form: "errors.login.invalid" }, form), 400);
  }
  await loginSucceeded(username, address);
  const cookie = await startSession(request, user.id);
  return redirectWithCookie(safeRedirectTo(form.get("redirectTo")), cookie);
}

export default function Login() {
  const t = useT();
  const { busy, errors, values } = useFormResult<typeof action>();
  const [params] = useSearchParams();
  const redirectTo = params.get("redirectTo") ?? "/";
  return (
    <section className="narrow">
      <h1>{t("login.title")}</h1>
      <Form method="post" noValidate className="stack-form">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <FormError message={errors?.form} />
        <LoginFields errors={errors} values={values} />
        <button type="submit" className="primary" disabled={busy}>
          {t("login.submit")}
        </button>
      </Form>
      <p>
        <Link to="/forgot">{t("recovery.forgotLink")}</Link>
      </p>
      <p>
        {t("login.noAccount")} <Link to={`/signup?redirectTo=${encodeURIComponent(redirectTo)}`}>{t("nav.signup")}</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
