import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useParams } from "@remix-run/react";
import { signupSchema } from "~/lib/account-validation.server";
import { failure, parseForm } from "~/web/forms";
import { invalid, redirectWithCookie } from "~/web/http.server";
import { localeFor } from "~/web/locale.server";
import { clientAddress, lookupAllowed, lookupMissed } from "~/web/rate-limit.server";
import { acceptInvitation, findInvitation, signUpAndJoin } from "~/models/invitation.server";
import { getMembership } from "~/models/membership.server";
import { hashPassword } from "~/models/user.server";
import { getUser, startSession } from "~/web/session.server";
import { FormError } from "~/components/form";
import { useT } from "~/i18n/react";
import { NewAccountFields } from "~/components/account-fields";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useFormResult } from "~/components/form-result";

export const meta: MetaFunction = () => [{ title: "Plenary" }];

/**
 * Guessing invitation tokens: only links that do not work count, per address, so a room
 * joining with one real link from one Wi-Fi address is never slowed.
 */
async function limited(request: Request) {
  if (!(await lookupAllowed(`invite:${clientAddress(request)}`))) throw new Response("errors.rateLimited", { status: 429 });
}

async function missed(request: Request, state: string) {
  if (state === "unknown") await lookupMissed(`invite:${clientAddress(request)}`);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await limited(request);
  const user = await getUser(request);
  const { state, invitation, assembly } = findInvitation(params.token ?? "");
  await missed(request, state);
  if (user && assembly && getMembership(assembly.id, user.id)) throw redirect(`/a/${assembly.slug}`);
  return {
    state,
    // Only a valid link reveals which body it leads to.
    assembly: state === "valid" && assembly ? { name: assembly.name, kind: assembly.kind, description: assembly.description } : null,
    role: state === "valid" ? invitation?.role : null,
    user: user ? { displayName: user.displayName } : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await limited(request);
  const token = params.token ?? "";
  const form = await request.formData();
  const user = await getUser(request);
  if (user) {
    const r = acceptInvitation(token, user.id);
    if (!r.ok) {
      await missed(request, r.state);
      return invalid(failure({ form: `join.state.${r.state}` }, form), 410);
    }
    return redirect(`/a/${r.slug}?joined=1`);
  }
  // The link is checked before the account is tried: a dead link must not tell whether a
  // username is taken.
  const { state } = findInvitation(token);
  if (state !== "valid") {
    await missed(request, state);
    return invalid(failure({ form: `join.state.${state}` }, form), 410);
  }
  // Sign up and join in one step: both happen, or neither.
  const parsed = parseForm(signupSchema, form);
  if (!parsed.ok) return invalid(parsed);
  const passwordHash = await hashPassword(parsed.data.password);
  const outcome = signUpAndJoin(token, { ...parsed.data, passwordHash, locale: localeFor(request, null) });
  if (!outcome.ok) {
    if ("state" in outcome) return invalid(failure({ form: `join.state.${outcome.state}` }, form), 410);
    return invalid(failure({ username: "errors.username.taken" }, form));
  }
  const cookie = await startSession(request, outcome.user.id);
  return redirectWithCookie(`/a/${outcome.slug}?joined=1`, cookie);
}

export default function Join() {
  const data = useLoaderData<typeof loader>();
  const { busy, errors, values } = useFormResult<typeof action>();
  const { token } = useParams();
  const t = useT();
  if (data.state !== "valid" || !data.assembly) {
    return (
      <section className="narrow">
        <h1>{t("join.invalidTitle")}</h1>
        <p role="alert">{t(`join.state.${data.state}`)}</p>
        <p>{t("join.askSteward")}</p>
        <p>
          <Link to="/">{t("error.home")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>{t("join.title", { name: data.assembly.name })}</h1>
      <p className="muted">
        {t(`kind.${data.assembly.kind}`)} · {t("join.asRole", { role: t(`role.${data.role}`) })}
      </p>
      {data.assembly.description ? <p>{data.assembly.description}</p> : null}
      {data.user ? (
        <Form method="post" className="stack-form">
          <FormError message={errors?.form} />
          <p>{t("join.signedInAs", { name: data.user.displayName })}</p>
          <button type="submit" className="primary" disabled={busy}>
            {t("join.submit")}
          </button>
        </Form>
      ) : (
        <>
          <h2>{t("join.signupTitle")}</h2>
          <Form method="post" noValidate className="stack-form">
            <FormError message={errors?.form} />
            <NewAccountFields errors={errors} values={values} />
            <button type="submit" className="primary" disabled={busy}>
              {t("join.signupSubmit")}
            </button>
          </Form>
          <p>
            {t("join.haveAccount")}{" "}
            <Link to={`/login?redirectTo=${encodeURIComponent(`/join/${token}`)}`}>
              {t("nav.login")}
            </Link>
          </p>
        </>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
