/**
 * Answers of the federation pages' actions: a refusal from a model becomes a 400/403/404/409
 * with the message beside the field it concerns (or at the top), the person's input kept.
 */
import { formValues, type FormFailure } from "./forms";
import { invalid } from "./http.server";
import { translate, type Locale } from "~/i18n";
import type { FedRefusal } from "~/models/council.server";

export type FedFailure = FormFailure & { intent: string };

export function refused(r: Pick<FedRefusal, "error" | "status" | "params" | "field">, intent: string, form: FormData, locale: Locale) {
  // Messages with values are translated here; the form components show a ready text as it is.
  const message = r.params ? translate(locale, r.error, r.params) : r.error;
  return invalid({ ok: false, intent, errors: { [r.field ?? "form"]: message }, values: formValues(form) } satisfies FedFailure, r.status);
}

export function badForm(f: FormFailure, intent: string) {
  return invalid({ ...f, intent } satisfies FedFailure);
}
