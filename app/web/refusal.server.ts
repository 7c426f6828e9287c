/**
 * The one HTTP answer to a refusal (app/lib/refusal.ts): its status (400, 403, 404 or 409),
 * the message under the field it concerns (or at the top of the form), and the person's
 * input kept, so the page shows the form again as they left it with the reason beside it.
 */
import { translate, type Locale } from "~/i18n";
import type { Refusal } from "~/lib/refusal";
import { formValues, type FormFailure } from "./forms";
import { invalid } from "./http.server";

export function refused(r: Pick<Refusal, "status" | "error" | "params" | "field">, form: FormData, answer: { intent?: string; locale?: Locale } = {}) {
  // A message with values is translated here; the form components show a ready text as it is.
  const message = r.params && answer.locale ? translate(answer.locale, r.error, r.params) : r.error;
  const failure: FormFailure = { ok: false, errors: { [r.field ?? "form"]: message }, values: formValues(form) };
  return invalid(answer.intent === undefined ? failure : { ...failure, intent: answer.intent }, r.status);
}
