import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { getUser } from "~/web/session.server";
import { assembliesOf } from "~/models/assembly.server";
import { useT } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RoleBadges } from "~/components/roles";
import { NeedsYou } from "~/components/needs-you";
import { needsYouList } from "~/web/needs-you.server";

export const meta: MetaFunction = () => [{ title: "Plenary" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (!user) return { signedIn: false as const, assemblies: [], needs: { items: [] } };
  return { signedIn: true as const, assemblies: assembliesOf(user.id), needs: needsYouList(request, user.id) };
}

export default function Home() {
  const [params] = useSearchParams();
  const left = params.get("left") === "1";
  const t = useT();
  const data = useLoaderData<typeof loader>();
  if (!data.signedIn) {
    return (
      <section className="narrow landing">
        <h1>{t("home.welcome.title")}</h1>
        <p className="lead">{t("home.welcome.body")}</p>
        <p className="actions">
          <Link className="button primary" to="/signup">
            {t("nav.signup")}
          </Link>
          <Link className="button" to="/login">
            {t("nav.login")}
          </Link>
        </p>
      </section>
    );
  }
  return (
    <section className="home">
      {left ? (
        <p className="notice" role="status">
          {t("home.left")}
        </p>
      ) : null}
      {data.assemblies.length > 0 ? <NeedsYou items={data.needs.items} showBody={data.assemblies.length > 1} level={1} /> : null}
      {data.assemblies.length > 0 ? <h2>{t("home.title")}</h2> : <h1>{t("home.title")}</h1>}
      {data.assemblies.length === 0 ? <p>{t("home.none")}</p> : null}
      <ul className="cards" aria-label={t("home.title")}>
        {data.assemblies.map((a) => (
          <li key={a.id} className="card">
            <h3>
              <Link to={`/a/${a.slug}`}>{a.name}</Link>
            </h3>
            <p className="muted">
              {t(`kind.${a.kind}`)} · {t("home.memberCount", { count: a.memberCount })}
            </p>
            <RoleBadges role={a.role} steward={a.steward} facilitator={a.facilitator} />
          </li>
        ))}
      </ul>
      <p className="actions">
        <Link className="button primary" to="/assemblies/new">
          {t("home.found")}
        </Link>{" "}
        <Link className="button" to="/councils/new">
          {t("federation.found.link")}
        </Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
