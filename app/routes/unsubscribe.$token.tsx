/**
 * The one-click unsubscribe link in every message (app/models/notify.server.ts): opening it
 * stops all notices at once, without logging in; mail apps may POST to it (RFC 8058).
 * A wrong token says the same as a right one, so the page reveals nothing.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { unsubscribe } from "~/models/notify.server";
import { useT } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Plenary" }, { name: "robots", content: "noindex" }];

export async function loader({ params }: LoaderFunctionArgs) {
  unsubscribe(params.token ?? "");
  return { done: true };
}

export async function action({ params }: ActionFunctionArgs) {
  unsubscribe(params.token ?? "");
  return { done: true };
}

export default function Unsubscribed() {
  const t = useT();
  return (
    <section className="narrow">
      <h1>{t("mail.unsubscribed.title")}</h1>
      <p>{t("mail.unsubscribed.body")}</p>
      <p>
        <Link to="/account">{t("mail.unsubscribed.account")}</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
