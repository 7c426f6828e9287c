/**
 * The short way into a meeting from a phone: /m, type the code shown on the screen.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { requireUser } from "~/web/session.server";
import { joinByCode } from "~/web/meeting-actions.server";
import { useT } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useFormResult } from "~/components/form-result";
import { MeetingCodeField } from "~/components/meeting/code-field";

export const meta: MetaFunction = () => [{ title: "Plenary" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  return joinByCode(request, String(form.get("code") ?? ""));
}

export default function JoinMeeting() {
  const { busy, failed } = useFormResult<typeof action>({ busyUntilIdle: true });
  const t = useT();
  const error = failed?.errors.code;
  return (
    <section className="narrow phone-view">
      <h1>{t("meetings.joinPage.title")}</h1>
      <Form method="post" className="stack-form" noValidate>
        <MeetingCodeField hint={t("meetings.joinPage.body")} error={error} value={failed?.values.code} required />
        <button type="submit" className="primary big" disabled={busy}>
          {t("meetings.joinPage.submit")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
