import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useT } from "~/i18n/react";

/** One error page for every route: friendly words, never a stack trace. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  let title = t("error.500.title");
  let body = t("error.500.body");
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = t("error.404.title");
      body = t("error.404.body");
    } else if (error.status === 403) {
      title = t("error.403.title");
      const reason = typeof error.data === "string" && error.data.startsWith("needs.") ? t(`error.403.${error.data}`) : t("error.403.body");
      body = reason;
    } else if (error.status === 400 || error.status === 409 || error.status === 422) {
      title = t("error.400.title");
      body = typeof error.data === "string" ? t(error.data) : t("error.400.body");
    } else if (error.status === 429) {
      title = t("error.429.title");
      body = t("error.429.body");
    }
  } else if (typeof process !== "undefined" && process.env?.NODE_ENV !== "production") {
    // Logged on the server; in production nothing of it reaches the page.
    console.error(error);
  }
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{title}</h1>
      <p>{body}</p>
      <p>
        <Link to="/">{t("error.home")}</Link>
      </p>
    </section>
  );
}
