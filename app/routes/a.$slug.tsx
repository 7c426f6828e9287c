import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData, useMatches } from "@remix-run/react";
import { requireMember } from "~/web/authz.server";
import { assemblyTimeZone } from "~/models/assembly.server";
import { keepLastData, skipNeedlessReload } from "~/web/live-resilience";
import { redirectFormerDelegate } from "~/web/federation-http.server";
import { useT } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.assembly.name} · Plenary` : "Plenary" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Every page under a council: a former delegate learns why it is no longer theirs.
  await redirectFormerDelegate(request, params.slug);
  const { assembly, membership } = await requireMember(request, params.slug);
  return {
    assembly: { id: assembly.id, slug: assembly.slug, name: assembly.name, kind: assembly.kind },
    me: { role: membership.role, steward: membership.steward, facilitator: membership.facilitator || membership.steward },
    // Every page inside the assembly writes its dates in this zone (root.tsx, entry.server.tsx).
    timeZone: assemblyTimeZone(assembly),
  };
}

// The assembly's name and tabs stay on a live meeting page whose reload got no answer.
export const clientLoader = keepLastData((u) => u.pathname.split("/").slice(0, 3).join("/"), { layout: "routes/a.$slug" });
export const shouldRevalidate = skipNeedlessReload;

export default function AssemblyLayout() {
  const { assembly, me } = useLoaderData<typeof loader>();
  const t = useT();
  const base = `/a/${assembly.slug}`;
  const tabs: Array<[string, string, boolean?]> = [
    [base, t("tab.overview"), true],
    [`${base}/proposals`, t("tab.proposals")],
    [`${base}/meetings`, t("tab.meetings")],
    [`${base}/record`, t("tab.record")],
    [`${base}/members`, t("tab.members")],
    [`${base}/charter`, t("tab.charter")],
    [`${base}/councils`, t("tab.councils")],
  ];
  // Mutual aid belongs to assemblies; a council shows its member assemblies' shared needs on its council page.
  if (assembly.kind !== "council") tabs.splice(3, 0, [`${base}/aid`, t("tab.aid")]);
  if (assembly.kind === "council") tabs.push([`${base}/council`, t("federation.tab.council")]);
  if (assembly.kind === "council") tabs.push([`${base}/shared-aid`, t("tab.sharedAid")]);
  if (me.steward) tabs.push([`${base}/invitations`, t("tab.invitations")]);
  if (me.facilitator) tabs.push([`${base}/tellers`, t("tellers.title")]);
  // A live meeting page (the console, a phone in the room) needs every pixel for the meeting:
  // the assembly's name stays as a way back, the tabs go.
  const live = useMatches().some((m) => (m.handle as { live?: boolean } | undefined)?.live);
  if (live)
    return (
      <div className="assembly live">
        <p className="assembly-name slim">
          <Link to={`${base}/meetings`}>{assembly.name}</Link>
        </p>
        <Outlet />
      </div>
    );
  return (
    <div className="assembly">
      <div className="assembly-head">
        <p className="muted kind">{t(`kind.${assembly.kind}`)}</p>
        <p className="assembly-name">{assembly.name}</p>
        <nav aria-label={t("tab.label")} className="tabs">
          <ul>
            {tabs.map(([to, label, end]) => (
              <li key={to}>
                <NavLink to={to} end={end} prefetch="intent">
                  {label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
