/**
 * The proposal form's fields, the same when a proposal is made and when its author revises it
 * (app/web/proposal-form.server.ts reads them back).
 */
import type { Charter } from "~/lib/charter";
import { TITLE_MAX } from "~/lib/proposal-fields";
import { useT } from "~/i18n/react";
import { CharterFields } from "./charter";
import { Field, TextArea } from "./form";

type Form = { errors?: Record<string, string>; values?: Record<string, string> };

export function ProposalTextFields({ errors, values, bodyLabel, rows, initial, required }: Form & { bodyLabel?: string; rows: number; initial?: { title: string; body: string }; required?: boolean }) {
  const t = useT();
  return (
    <>
      <Field name="title" label={t("proposal.titleField")} maxLength={TITLE_MAX} required={required} errors={errors} values={values} defaultValue={initial?.title} />
      <TextArea name="body" label={bodyLabel ?? t("proposal.body")} hint={t("proposal.markdownHint")} rows={rows} errors={errors} values={values} defaultValue={initial?.body} />
    </>
  );
}

/** The charter as the amendment would leave it, every setting editable. */
export function CharterAmendmentFields({ charter, errors, values, hint }: Form & { charter: Charter; hint?: string }) {
  const t = useT();
  return (
    <fieldset>
      <legend>{t("proposal.charter.fields")}</legend>
      {hint ? <p className="hint">{hint}</p> : null}
      <CharterFields charter={charter} errors={errors} values={values} />
    </fieldset>
  );
}
