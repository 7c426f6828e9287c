import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireMember } from "~/web/authz.server";
import { parseForm } from "~/web/forms";
import { invalid } from "~/web/http.server";
import { assemblyTimeZoneSchema } from "~/lib/assembly-validation.server";
import { timeZones, zoneLabel } from "~/lib/time-zones";
import { assemblyTimeZone, currentCharter, setAssemblyTimeZone } from "~/models/assembly.server";
import { FormError, Select } from "~/components/form";
import { useFormResult } from "~/components/form-result";
import { memberCounts } from "~/models/membership.server";
import { recordForDisplay } from "~/models/record.server";
import { useT, useLocale } from "~/i18n/react";
import { localeFor } from "~/web/locale.server";
import { formatDateTime } from "~/i18n";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FederationOverview } from "~/components/federation";
import { councilDesk } from "~/models/council-vote-view.server";
import { CouncilDesk } from "~/components/council-vote";
import { federationOverview } from "~/models/federation.server";
import { NeedsYou } from "~/components/needs-you";
import { needsYouList } from "~/web/needs-you.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, assembly, membership } = await requireMember(request, params.slug);
  const { version, charter } = currentCharter(assembly.id);
  return {
    assembly: { name: assembly.name, slug: assembly.slug, description: assembly.description },
    counts: memberCounts(assembly.id),
    charter: { version, method: charter.defaultMethod },
    recent: recordForDisplay(assembly.id, { limit: 5 }).map((r) => ({ seq: r.seq, summary: r.summary, params: r.params, createdAt: r.createdAt })),
    me: { steward: membership.steward },
    federation: federationOverview(assembly, user.id, Date.now()),
    councilDesk: assembly.kind === "council" ? councilDesk(assembly.id, membership, new URL(request.url).origin, localeFor(request, user)) : null,
    timeZone: assemblyTimeZone(assembly),
    // Only a steward gets the list (400 names) to change it from.
    zones: membership.steward ? timeZones() : null,
    needs: needsYouList(request, user.id, { slug: assembly.slug }),
  };
}

/** A steward changes the zone every date of the assembly is shown in. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, assembly } = await requireMember(request, params.slug, "steward");
  const parsed = parseForm(assemblyTimeZoneSchema, await request.formData());
  if (!parsed.ok) return invalid(parsed);
  setAssemblyTimeZone(assembly.id, parsed.data.timeZone, user.id);
  return data({ ok: true as const, done: "timeZone", zone: parsed.data.timeZone });
}

export default function AssemblyHome() {
  const { assembly, counts, charter, recent, federation, councilDesk: desk, timeZone, zones, needs } = useLoaderData<typeof loader>();
  const { busy, errors, values, result } = useFormResult<typeof action>();
  const [params] = useSearchParams();
  const joined = params.get("joined") === "1";
  const t = useT();
  const locale = useLocale();
  return (
    <section>
      <h1>{assembly.name}</h1>
      {joined ? (
        <p className="notice" role="status">
          {t("overview.joined", { name: assembly.name })}
        </p>
      ) : null}
      {assembly.description ? <p className="lead">{assembly.description}</p> : null}
      <NeedsYou items={needs.items} showBody={false} />
      {desk ? <CouncilDesk desk={desk} slug={assembly.slug} /> : null}
      <dl className="facts">
        <div>
          <dt>{t("overview.members")}</dt>
          <dd>{t("overview.membersValue", { all: counts.all, voting: counts.voting })}</dd>
        </div>
        <div>
          <dt>{t("overview.charter")}</dt>
          <dd>
            <Link to="charter">{t("overview.charterValue", { version: charter.version, method: t(`method.${charter.method}`) })}</Link>
          </dd>
        </div>
        <div>
          <dt>{t("overview.timeZone")}</dt>
          <dd>{zoneLabel(timeZone)}</dd>
        </div>
      </dl>
      {result?.ok ? (
        <p className="notice" role="status">
          {t("overview.timeZone.changed", { zone: zoneLabel(result.zone) })}
        </p>
      ) : null}
      {zones ? (
        <details className="settings" open={Boolean(errors)}>
          <summary>{t("overview.timeZone.change")}</summary>
          <Form method="post" className="stack-form compact">
            <FormError message={errors?.form} />
            <input type="hidden" name="intent" value="timeZone" />
            <Select name="timeZone" label={t("found.timeZone")} hint={t("found.timeZone.hint")} errors={errors} values={values} defaultValue={timeZone} options={zones.map((z) => ({ value: z, label: zoneLabel(z) }))} />
            <button type="submit" disabled={busy}>
              {t("overview.timeZone.change")}
            </button>
          </Form>
        </details>
      ) : null}
      <FederationOverview data={federation} />
      <h2>{t("overview.recent")}</h2>
      {recent.length === 0 ? (
        <p>{t("overview.noRecent")}</p>
      ) : (
        <ol className="record-list">
          {recent.map((r) => (
            <li key={r.seq}>
              <span className="muted">{formatDateTime(locale, r.createdAt)}</span> {t(r.summary, r.params)}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
