import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireMember, forbidden } from "~/web/authz.server";
import { charterFromForm, charterFormSchema } from "~/lib/charter";
import { failure, fieldErrors, formValues } from "~/web/forms";
import { invalid } from "~/web/http.server";
import { charterHistory, charterVersion, currentCharter, mayEditCharterDirectly, setCharterDirectly } from "~/models/assembly.server";
import { can } from "~/models/membership.server";
import { CharterExplained, CharterFields } from "~/components/charter";
import { FormError } from "~/components/form";
import { useLocale, useT } from "~/i18n/react";
import { formatDateTime } from "~/i18n";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useFormResult } from "~/components/form-result";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { assembly, membership } = await requireMember(request, params.slug);
  const url = new URL(request.url);
  const cur = currentCharter(assembly.id);
  const requested = Number(url.searchParams.get("version"));
  const shown = requested && requested !== cur.version ? charterVersion(assembly.id, requested) : null;
  return {
    version: shown ? shown.version : cur.version,
    currentVersion: cur.version,
    charter: shown ? shown.charter : cur.charter,
    history: charterHistory(assembly.id),
    canEdit: mayEditCharterDirectly(assembly.id, membership),
    canPropose: can(membership, "voter"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, assembly, membership } = await requireMember(request, params.slug, "steward");
  const form = await request.formData();
  if (!mayEditCharterDirectly(assembly.id, membership)) forbidden("needs.amendment");
  const parsed = charterFormSchema.safeParse(charterFromForm(form));
  if (!parsed.success) return invalid({ ok: false, errors: fieldErrors(parsed.error, "charter."), values: formValues(form) });
  const expected = Number(form.get("expectedVersion"));
  const r = setCharterDirectly({ assemblyId: assembly.id, membership, charter: parsed.data, byUserId: user.id, expectedVersion: expected });
  if (!r.ok && r.reason === "needs.amendment") forbidden("needs.amendment");
  if (!r.ok) return invalid(failure({ form: "errors.charter.stale" }, form), 409);
  return redirect(`/a/${assembly.slug}/charter?saved=${r.version}`);
}

export default function CharterPage() {
  const data = useLoaderData<typeof loader>();
  const { busy, errors, values } = useFormResult<typeof action>();
  const [params] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  return (
    <section>
      <h1>{t("charter.title", { version: data.version })}</h1>
      {params.get("founded") ? (
        <p className="notice" role="status">
          {t("charter.foundedNotice")}
        </p>
      ) : null}
      {params.get("saved") ? (
        <p className="notice" role="status">
          {t("charter.saved", { version: params.get("saved")! })}
        </p>
      ) : null}
      {data.version !== data.currentVersion ? (
        <p className="notice">
          {t("charter.oldVersion", { version: data.version })} <Link to=".">{t("charter.seeCurrent")}</Link>
        </p>
      ) : null}
      <CharterExplained charter={data.charter} />
      {data.canEdit && data.version === data.currentVersion ? (
        <details open={Boolean(errors) || Boolean(params.get("founded"))}>
          <summary>{t("charter.adjust")}</summary>
          <p className="hint">{t("charter.adjustHint")}</p>
          <Form method="post" noValidate className="stack-form">
            <input type="hidden" name="expectedVersion" value={data.currentVersion} />
            <FormError message={errors?.form ?? (errors ? "errors.fixBelow" : undefined)} />
            <CharterFields charter={data.charter} errors={errors} values={values} />
            <button type="submit" className="primary" disabled={busy}>
              {t("charter.save")}
            </button>
          </Form>
        </details>
      ) : data.canPropose ? (
        <p>
          <Link className="button" to="../proposals/new?kind=charter_amendment">
            {t("charter.proposeAmendment")}
          </Link>
        </p>
      ) : null}
      <h2>{t("charter.history")}</h2>
      <ol className="record-list" reversed>
        {data.history.map((h) => (
          <li key={h.version}>
            <Link to={`?version=${h.version}`}>{t("charter.versionN", { version: h.version })}</Link> <span className="muted">{formatDateTime(locale, h.createdAt)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
