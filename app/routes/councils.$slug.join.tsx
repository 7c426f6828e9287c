import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { notFound } from "~/web/authz.server";
import { requireUser } from "~/web/session.server";
import { parseForm } from "~/web/forms";
import { joinFromSchema } from "~/lib/federation-validation.server";
import { badForm, type FedFailure } from "~/web/federation-http.server";
import { refused } from "~/web/refusal.server";
import { refusal } from "~/lib/refusal";
import { localeFor } from "~/web/locale.server";
import { getAssemblyBySlug } from "~/models/assembly.server";
import { isCouncil, joinableBodiesFor, proposeJoin } from "~/models/council.server";
import { FormError } from "~/components/form";
import { useT } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.council.name} · Plenary` : "Plenary" }];

function councilFor(slug: string | undefined) {
  const c = slug ? getAssemblyBySlug(slug) : undefined;
  if (!c || !isCouncil(c)) notFound();
  return c;
}

/**
 * A council's invitation (docs/domain.md#federation): whoever opens it picks one of the
 * assemblies where they vote, and the button starts that assembly's "join" proposal — the
 * assembly still decides, and the council still accepts.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const council = councilFor(params.slug);
  return { council: { name: council.name, slug: council.slug, description: council.description }, bodies: joinableBodiesFor(council.id, user.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const council = councilFor(params.slug);
  const form = await request.formData();
  const locale = localeFor(request, user);
  const parsed = parseForm(joinFromSchema, form);
  if (!parsed.ok) return badForm(parsed, "join");
  // Only an assembly where this person votes; any other id is simply not theirs to name.
  const body = joinableBodiesFor(council.id, user.id).find((b) => b.slug === parsed.data.body);
  if (!body) return refused(refusal("not_found", "federation.errors.bodyNotFound"), form, { intent: "join", locale });
  const r = proposeJoin({ assemblyId: body.id, council: council.slug, authorId: user.id, locale, now: Date.now() });
  return r.ok ? redirect(`/a/${body.slug}/proposals/${r.proposal.id}`) : refused(r, form, { intent: "join", locale });
}

export default function JoinCouncil() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FedFailure | undefined;
  const busy = useNavigation().state === "submitting";
  const t = useT();
  return (
    <section className="narrow">
      <h1>{t("federation.invite.title", { council: d.council.name })}</h1>
      {d.council.description ? <p className="lead">{d.council.description}</p> : null}
      <p>{t("federation.join.hint")}</p>
      <FormError message={result?.errors.form ?? result?.errors.body} />
      {d.bodies.length === 0 ? <p className="notice">{t("federation.invite.noBodies")}</p> : null}
      <ul className="cards">
        {d.bodies.map((b) => (
          <li key={b.id} className="card">
            <h2>{b.name}</h2>
            {b.status === "active" ? (
              <p>{t("federation.errors.alreadyMember", { council: d.council.name })}</p>
            ) : b.status === "pending" ? (
              <p>{t("federation.errors.requestPending", { council: d.council.name })}</p>
            ) : b.joinProposalId ? (
              <p>
                <Link to={`/a/${b.slug}/proposals/${b.joinProposalId}`}>{t("federation.invite.underWay")}</Link>
              </p>
            ) : (
              <Form method="post">
                <input type="hidden" name="body" value={b.slug} />
                <button type="submit" className="primary" disabled={busy}>
                  {t("federation.invite.propose", { body: b.name })}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
