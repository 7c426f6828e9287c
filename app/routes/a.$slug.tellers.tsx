import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireMember } from "~/web/authz.server";
import { can } from "~/models/membership.server";
import { parseForm } from "~/web/forms";
import { tellerSchema } from "~/lib/proposal-validation.server";
import { invalid } from "~/web/http.server";
import { listTellers, registerTeller, removeTeller } from "~/models/ballot-box.server";
import { useLocale, useT } from "~/i18n/react";
import { formatDateTime } from "~/i18n";
import { GeneralErrorBoundary } from "~/components/error-boundary";

/**
 * Tellers (docs/decisions/009-secret-ballots.md): facilitators and stewards who hold a
 * recovery code that can unlock a secret round's count after the server restarted.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, assembly, membership } = await requireMember(request, params.slug);
  const tellers = listTellers(assembly.id);
  return {
    tellers: tellers.map((t) => ({ name: t.name, createdAt: t.createdAt })),
    me: { isTeller: tellers.some((t) => t.userId === user.id), mayBe: can(membership, "facilitator") },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, assembly } = await requireMember(request, params.slug, "facilitator");
  const parsed = parseForm(tellerSchema, await request.formData());
  if (!parsed.ok) return invalid(parsed);
  if (parsed.data.intent === "remove") {
    removeTeller(assembly.id, user.id);
    return data({ ok: true as const, code: null });
  }
  // The code is shown on this answer only; the server keeps the public key derived from it.
  const { code } = registerTeller(assembly.id, user.id, Date.now());
  return data({ ok: true as const, code }, { headers: { "Cache-Control": "no-store" } });
}

export default function Tellers() {
  const { tellers, me } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const locale = useLocale();
  const code = result && result.ok ? result.code : null;
  return (
    <section>
      <h1>{t("tellers.title")}</h1>
      <p>{t("tellers.intro")}</p>
      {code ? (
        <div className="notice receipt" role="status">
          <h2>{t("tellers.codeTitle")}</h2>
          <p className="receipt-code">
            <strong>{code}</strong>
          </p>
          <p className="hint">{t("tellers.codeHint")}</p>
        </div>
      ) : null}
      {result?.ok && !code ? (
        <p className="notice" role="status">
          {t("tellers.done.removed")}
        </p>
      ) : null}
      {tellers.length ? (
        <>
          <h2>{t("tellers.list")}</h2>
          <ul>
            {tellers.map((x) => (
              <li key={x.name + x.createdAt}>
                {x.name} <span className="muted small">{t("tellers.since", { date: formatDateTime(locale, x.createdAt) })}</span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="notice warn" role="note">
          {t("tellers.none")}
        </p>
      )}
      {me.mayBe ? (
        <Form method="post" className="stack-form">
          <button type="submit" name="intent" value="become" disabled={busy}>
            {t(me.isTeller ? "tellers.renew" : "tellers.become")}
          </button>{" "}
          {me.isTeller ? (
            <button type="submit" name="intent" value="remove" className="secondary" disabled={busy}>
              {t("tellers.remove")}
            </button>
          ) : null}
        </Form>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
