/**
 * Where the QR code on the projector leads: /m/CODE. After logging in (if needed) the member
 * confirms with one tap — a check-in is a change, so it is a form, never a plain link.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/web/session.server";
import { codeLookupAllowed, codeLookupMissed, joinByCode } from "~/web/meeting-actions.server";
import { getMeetingByCode } from "~/models/meeting.server";
import { getMembership } from "~/models/membership.server";
import { useT } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Plenary" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!(await codeLookupAllowed(user.id))) throw new Response("errors.rateLimited", { status: 429 });
  const found = getMeetingByCode(params.code ?? "");
  // Another body's meeting answers as no meeting at all: nothing tells the two apart.
  if (!found || !getMembership(found.meeting.assemblyId, user.id)) {
    await codeLookupMissed(user.id);
    return { error: "meetings.errors.badCode", meeting: null };
  }
  return { error: null, meeting: { title: found.meeting.title, assembly: found.assemblyName, code: found.meeting.code } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return joinByCode(request, params.code ?? "");
}

export default function JoinWithCode() {
  const { error, meeting } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const t = useT();
  const message = (result && !result.ok ? result.errors.code : undefined) ?? error;
  return (
    <section className="narrow phone-view">
      <h1>{t("meetings.joinPage.title")}</h1>
      {message ? (
        <>
          <p className="form-error" role="alert">
            {t(message)}
          </p>
          <p>
            <Link to="/m" className="button">
              {t("meetings.join.link")}
            </Link>
          </p>
        </>
      ) : null}
      {meeting && !message ? (
        <Form method="post" className="stack-form">
          <p className="lead">{t("meetings.joinPage.confirm", { title: meeting.title, assembly: meeting.assembly })}</p>
          <button type="submit" className="primary big" disabled={busy}>
            {t("meetings.joinPage.submit")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
