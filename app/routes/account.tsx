import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { changePasswordSchema, endSessionSchema, noticesSchema, profileSchema } from "~/lib/account-validation.server";
import { failure, parseForm } from "~/web/forms";
import { invalid, redirectWithCookie } from "~/web/http.server";
import { localeCookie } from "~/web/locale.server";
import { getUserById, setPassword, updateProfile } from "~/models/user.server";
import { verifyPassword } from "~/lib/password.server";
import { endAllOtherSessions, endOtherSession, listSessions, requireSession } from "~/web/session.server";
import { Checkbox, Field, FormError, Select } from "~/components/form";
import { setNotices } from "~/models/notify.server";
import { mailConfigured } from "~/lib/mail.server";
import { useLocale, useT } from "~/i18n/react";
import { formatDateTime, type Locale } from "~/i18n";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Plenary" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, session } = await requireSession(request);
  const row = getUserById(user.id)!;
  return {
    profile: { username: row.username, displayName: row.displayName, locale: row.locale ?? "en", gender: row.gender ?? "" },
    sessions: listSessions(user.id, session.id),
    notices: { email: row.email ?? "", notify: row.notify, available: mailConfigured() },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, session } = await requireSession(request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "profile") {
    const parsed = parseForm(profileSchema, form);
    if (!parsed.ok) return invalid({ ...parsed, intent: "profile" as const });
    updateProfile(user.id, parsed.data);
    return redirectWithCookie("/account?saved=profile", localeCookie(parsed.data.locale as Locale));
  }
  if (intent === "password") {
    const parsed = parseForm(changePasswordSchema, form);
    if (!parsed.ok) return invalid({ ...parsed, intent: "password" as const });
    const row = getUserById(user.id)!;
    if (!(await verifyPassword(row.passwordHash, parsed.data.current))) return invalid({ ...failure({ current: "errors.password.wrongCurrent" }, form), intent: "password" as const });
    await setPassword(user.id, parsed.data.password);
    // A new password ends every other session: whoever knew the old one is out.
    endAllOtherSessions(user.id, session.id);
    return data({ ok: true as const, done: "password" });
  }
  if (intent === "notices") {
    const parsed = parseForm(noticesSchema, form);
    if (!parsed.ok) return invalid({ ...parsed, intent: "notices" as const });
    setNotices(user.id, parsed.data);
    return data({ ok: true as const, done: "notices" });
  }
  if (intent === "end-session") {
    const parsed = endSessionSchema.safeParse({ sessionId: form.get("sessionId") });
    if (parsed.success) endOtherSession(user.id, parsed.data.sessionId);
    return data({ ok: true as const, done: "session" });
  }
  if (intent === "end-others") {
    endAllOtherSessions(user.id, session.id);
    return data({ ok: true as const, done: "sessions" });
  }
  return invalid(failure({ form: "errors.unknownAction" }, form));
}

export default function Account() {
  const { profile, sessions, notices } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const failed = result && !result.ok ? result : undefined;
  const pErr = failed && "intent" in failed && failed.intent === "profile" ? failed : undefined;
  const pwErr = failed && "intent" in failed && failed.intent === "password" ? failed : undefined;
  const nErr = failed && "intent" in failed && failed.intent === "notices" ? failed : undefined;
  return (
    <section className="narrow">
      <h1>{t("account.title")}</h1>
      <p className="muted">@{profile.username}</p>
      {result?.ok ? (
        <p className="notice" role="status">
          {t(`account.done.${result.done}`)}
        </p>
      ) : null}
      <h2>{t("account.profile")}</h2>
      <Form method="post" noValidate className="stack-form">
        <input type="hidden" name="intent" value="profile" />
        <Field name="displayName" label={t("field.displayName")} errors={pErr?.errors} values={pErr?.values} defaultValue={profile.displayName} required />
        <Select name="locale" label={t("account.language")} errors={pErr?.errors} values={pErr?.values} defaultValue={profile.locale} options={[{ value: "en", label: "English" }, { value: "es", label: "Español" }]} />
        <Select
          name="gender"
          label={t("account.gender")}
          hint={t("account.gender.hint")}
          errors={pErr?.errors}
          values={pErr?.values}
          defaultValue={profile.gender}
          options={["", "woman", "man", "nonbinary", "other"].map((g) => ({ value: g, label: t(`gender.${g || "unstated"}`) }))}
        />
        <button type="submit">{t("account.saveProfile")}</button>
      </Form>
      <h2>{t("account.password")}</h2>
      <Form method="post" noValidate className="stack-form">
        <input type="hidden" name="intent" value="password" />
        <FormError message={pwErr?.errors.form} />
        <Field name="current" type="password" label={t("account.currentPassword")} errors={pwErr?.errors} autoComplete="current-password" required />
        <Field name="password" type="password" label={t("account.newPassword")} hint={t("field.password.hint")} errors={pwErr?.errors} autoComplete="new-password" required />
        <Field name="confirm" type="password" label={t("field.confirm")} errors={pwErr?.errors} autoComplete="new-password" required />
        <button type="submit">{t("account.changePassword")}</button>
      </Form>
      <h2>{t("account.notices")}</h2>
      <p className="hint">{t(notices.available ? "account.notices.hint" : "account.notices.unavailable")}</p>
      <Form method="post" noValidate className="stack-form">
        <input type="hidden" name="intent" value="notices" />
        <Field name="email" type="email" label={t("account.email")} hint={t("account.email.hint")} errors={nErr?.errors} values={nErr?.values} defaultValue={notices.email} autoComplete="email" />
        <Checkbox name="notify" label={t("account.notify")} checked={notices.notify} />
        <button type="submit">{t("account.saveNotices")}</button>
      </Form>
      <h2>{t("account.sessions")}</h2>
      <ul className="session-list">
        {sessions.map((s) => (
          <li key={s.handle}>
            <span>{s.userAgent || t("account.unknownDevice")}</span> <span className="muted">{formatDateTime(locale, s.createdAt)}</span>{" "}
            {s.current ? (
              <strong>{t("account.thisSession")}</strong>
            ) : (
              <Form method="post" className="inline">
                <input type="hidden" name="intent" value="end-session" />
                <input type="hidden" name="sessionId" value={s.handle} />
                <button type="submit" className="small">
                  {t("account.endSession")}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      {sessions.length > 1 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="end-others" />
          <button type="submit" className="danger">
            {t("account.endOthers")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
