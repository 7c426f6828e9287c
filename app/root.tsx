import { useEffect, useState } from "react";
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useLocation, useMatches, useRouteLoaderData } from "@remix-run/react";
import { getUser } from "~/web/session.server";
import { localeFor } from "~/web/locale.server";
import { needsYouFor } from "~/web/needs-you.server";
import { keepLastData, skipNeedlessReload } from "~/web/live-resilience";
import { useT } from "~/i18n/react";
import { setPageTimeZone } from "~/i18n";
import { pageZoneOf, serverTimeZone, zoneLabel } from "~/lib/time-zones";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useNonce } from "~/components/nonce";
import type { Locale } from "~/i18n";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: "/styles/app.css" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const locale = localeFor(request, user);
  return {
    locale,
    // Outside an assembly dates are written in the server's zone (inside one, in its own:
    // the assembly layout's loader names it); the browser writes them the same (entry.client.tsx).
    timeZone: serverTimeZone(),
    user: user ? { id: user.id, username: user.username, displayName: user.displayName } : null,
    // The header's count: the same run of the read model the page's own list uses (per request).
    needs: user ? needsYouFor(request, user.id).length : 0,
  };
}

// Who is signed in does not change when a live meeting page loses the Wi-Fi for a moment:
// keep showing it rather than an error page with "Log in" (app/web/live-resilience.ts).
export const clientLoader = keepLastData(() => "root", { layout: "root" });
export const shouldRevalidate = skipNeedlessReload;

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale: Locale = data?.locale ?? "en";
  // A page framed inside another (a meeting's live panel) has no header of its own.
  const matches = useMatches();
  const bare = matches.some((m) => (m.handle as { bare?: boolean } | undefined)?.bare);
  // The zone this page's dates are written in: the assembly's inside one. The server renders
  // with it (entry.server.tsx); the browser takes it before hydrating (entry.client.tsx) and
  // here, before the page below renders, on every navigation (into another assembly, out of one).
  const zone = pageZoneOf(matches.map((m) => m.data)) ?? data?.timeZone;
  if (typeof document !== "undefined") setPageTimeZone(zone);
  const nonce = useNonce();
  return (
    <html lang={locale} data-time-zone={zone}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className={bare ? "bare" : undefined}>
        {bare ? null : <Header zone={zone} />}
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/**
 * A member whose own zone differs from the one dates are written in is told which zone that
 * is (after hydration: the server cannot know the browser's zone, and both must write the same).
 */
function ZoneNote({ zone }: { zone: string | undefined }) {
  const t = useT();
  const [own, setOwn] = useState<string | null>(null);
  useEffect(() => setOwn(Intl.DateTimeFormat().resolvedOptions().timeZone), []);
  if (!zone || !own || own === zone) return null;
  return (
    <p className="zone-note" role="note">
      {t("time.zoneNote", { zone: zoneLabel(zone) })}
    </p>
  );
}

function Header({ zone }: { zone: string | undefined }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const t = useT();
  const location = useLocation();
  const here = location.pathname + location.search;
  const user = data?.user;
  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <header className="site-header">
        <nav aria-label={t("nav.label")}>
          <Link to="/" className="brand">
            Plenary
          </Link>
          <ul>
            {user ? (
              <>
                <li>
                  <Link to="/" className="needs-link">
                    {t("needs.title")}
                    {data?.needs ? (
                      <>
                        <span className="count-badge" aria-hidden="true">
                          {data.needs}
                        </span>
                        <span className="visually-hidden">: {t("needs.header", { count: data.needs })}</span>
                      </>
                    ) : null}
                  </Link>
                </li>
                <li>
                  <Link to="/search">{t("search.title")}</Link>
                </li>
                <li>
                  <Link to="/account">{user.displayName}</Link>
                </li>
                <li>
                  <Form method="post" action="/logout">
                    <button type="submit" className="link-button">
                      {t("nav.logout")}
                    </button>
                  </Form>
                </li>
              </>
            ) : (
              <>
                <li>
                  <Link to={`/login?redirectTo=${encodeURIComponent(here)}`}>{t("nav.login")}</Link>
                </li>
                <li>
                  <Link to="/signup">{t("nav.signup")}</Link>
                </li>
              </>
            )}
            <li>
              <Form method="post" action="/locale" className="lang-switch">
                <input type="hidden" name="redirectTo" value={here} />
                <button type="submit" name="locale" value={data?.locale === "es" ? "en" : "es"} className="link-button" lang={data?.locale === "es" ? "en" : "es"}>
                  {data?.locale === "es" ? "English" : "Español"}
                </button>
              </Form>
            </li>
          </ul>
        </nav>
      </header>
      <ZoneNote zone={zone} />
    </>
  );
}

export default function App() {
  useEffect(() => {
    // Lets browser tests (and styles) know client-side navigation is live.
    document.documentElement.dataset.hydrated = "1";
  }, []);
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
