/**
 * The short way into a meeting from a phone: /m, type the code shown on the screen.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/web/session.server";
import { joinByCode } from "~/web/meeting-actions.server";
import { useT } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";

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
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const t = useT();
  const error = result && !result.ok ? result.errors.code : undefined;
  return (
    <section className="narrow phone-view">
      <h1>{t("meetings.joinPage.title")}</h1>
      <Form method="post" className="stack-form" noValidate>
        <div className={`field${error ? " has-error" : ""}`}>
          <label htmlFor="code">{t("meetings.phone.code")}</label>
          <p className="hint" id="code-hint">
            {t("meetings.joinPage.body")}
          </p>
          <input
            id="code"
            name="code"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={20}
            className="code-input"
            required
            defaultValue={result && !result.ok ? result.values.code : undefined}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "code-hint code-error" : "code-hint"}
          />
          {error ? (
            <p className="field-error" id="code-error" role="alert">
              {t(error)}
            </p>
          ) : null}
        </div>
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
