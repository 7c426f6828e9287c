/**
 * A council's shared aid: the needs its member assemblies passed to it and what they can offer
 * (offers marked shareable) — zone and need only, never a person (docs/domain.md#mutual-aid).
 * The member assemblies' coordinators act on them from their own assembly's council aid page.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { notFound, requireMember } from "~/web/authz.server";
import { shareableOffers, sharedNeeds } from "~/models/aid-council.server";
import { categoryLabel } from "~/components/aid";
import { useT } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Plenary" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { assembly } = await requireMember(request, params.slug);
  if (assembly.kind !== "council") notFound();
  return { name: assembly.name, needs: sharedNeeds(assembly.id), offers: shareableOffers(assembly.id) };
}

export default function SharedAid() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section>
      <h1>{t("aid.shared.title")}</h1>
      <p className="lead">{t("aid.shared.intro")}</p>
      <section aria-labelledby="shared-needs">
        <h2 id="shared-needs">{t("aid.shared.needs")}</h2>
        {d.needs.length === 0 ? (
          <p className="muted">{t("aid.council.noNeeds")}</p>
        ) : (
          <ul className="proposal-list">
            {d.needs.map((n) => (
              <li key={n.id}>
                <h3>
                  {n.title} {n.urgency === "urgent" ? <span className="badge warn">{t("aid.urgency.urgent")}</span> : null} <span className="badge">{t(`aid.share.status.${n.status}`)}</span>
                </h3>
                <p className="small">
                  {categoryLabel(t, n)}
                  {n.quantity ? ` · ${n.quantity}` : ""} · {n.zoneName ?? t("aid.form.noZone")} · {t("aid.council.from", { assembly: n.fromAssemblyName })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="shared-offers">
        <h2 id="shared-offers">{t("aid.shared.offers")}</h2>
        {d.offers.length === 0 ? (
          <p className="muted">{t("aid.council.noOffers")}</p>
        ) : (
          <ul className="proposal-list">
            {d.offers.map((o) => (
              <li key={o.id}>
                <h3>{o.title}</h3>
                <p className="small">
                  {categoryLabel(t, o)}
                  {o.quantity ? ` · ${o.quantity}` : ""} · {o.zoneName ?? t("aid.form.noZone")} · {o.assemblyName}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
