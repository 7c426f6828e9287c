import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireMember } from "~/web/authz.server";
import { currentCharter } from "~/models/assembly.server";
import { memberCounts } from "~/models/membership.server";
import { recordForDisplay } from "~/models/record.server";
import { useT, useLocale } from "~/i18n/react";
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
    councilDesk: assembly.kind === "council" ? councilDesk(assembly.id, membership, new URL(request.url).origin) : null,
    needs: needsYouList(request, user.id, { slug: assembly.slug }),
  };
}

export default function AssemblyHome() {
  const { assembly, counts, charter, recent, federation, councilDesk: desk, needs } = useLoaderData<typeof loader>();
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
      <NeedsYou items={needs.items} calendarUrl={needs.calendarUrl} showBody={false} />
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
      </dl>
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
