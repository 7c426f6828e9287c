/**
 * The fields of an account, the same wherever one is made (the sign-up page and an invitation
 * link) or used (the login page). Passwords are never sent back into a field.
 */
import { Field } from "~/components/form";
import { useT } from "~/i18n/react";

type Props = { errors?: Record<string, string>; values?: Record<string, string> };

export function NewAccountFields({ errors, values }: Props) {
  const t = useT();
  return (
    <>
      <Field name="username" label={t("field.username")} hint={t("field.username.hint")} errors={errors} values={values} autoComplete="username" required />
      <Field name="displayName" label={t("field.displayName")} hint={t("field.displayName.hint")} errors={errors} values={values} autoComplete="name" required />
      <Field name="password" type="password" label={t("field.password")} hint={t("field.password.hint")} errors={errors} autoComplete="new-password" required />
      <Field name="confirm" type="password" label={t("field.confirm")} errors={errors} autoComplete="new-password" required />
    </>
  );
}

export function LoginFields({ errors, values }: Props) {
  const t = useT();
  return (
    <>
      <Field name="username" label={t("field.username")} errors={errors} values={values} autoComplete="username" required />
      <Field name="password" type="password" label={t("field.password")} errors={errors} autoComplete="current-password" required />
    </>
  );
}
