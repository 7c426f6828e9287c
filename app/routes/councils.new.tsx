import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { requireUser } from "~/web/session.server";
import { CHARTER_PRESETS } from "~/lib/charter";
import { RATIFICATION_ORDERS } from "~/lib/charter-fields";
import { foundCouncilSchema } from "~/lib/federation-validation.server";
import { foundFromForm } from "~/web/found.server";
import { foundCouncil } from "~/models/council.server";
import { Checkbox, Field, FormError, TextArea } from "~/components/form";
import { useT } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useFormResult } from "~/components/form-result";
import { PresetChoice } from "~/components/charter";

export const meta: MetaFunction = () => [{ title: "Plenary" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  return foundFromForm(
    request,
    foundCouncilSchema,
    (d, founderId) =>
      foundCouncil({
        name: d.name,
        slug: d.slug,
        description: d.description,
        charter: structuredClone(CHARTER_PRESETS[d.preset]),
        council: {
          seatsPerAssembly: d.seatsPerAssembly,
          coDelegatesDifferentGenders: d.coDelegatesDifferentGenders,
          minGenderShare: d.minGenderShare ?? null,
          ratification: { threshold: d.ratificationThreshold, strict: d.ratificationStrict, order: d.ratificationOrder },
          listed: d.listed,
        },
        founderId,
      }),
    (slug) => `/a/${slug}/council?founded=1`,
  );
}

export default function NewCouncil() {
  const t = useT();
  const { busy, errors, values } = useFormResult<typeof action>();
  const checked = (name: string, dflt: boolean) => (values ? values[name] === "on" : dflt);
  return (
    <section className="narrow">
      <h1>{t("federation.found.title")}</h1>
      <p>{t("federation.found.intro")}</p>
      <Form method="post" noValidate className="stack-form">
        <FormError message={errors?.form} />
        <Field name="name" label={t("found.name")} errors={errors} values={values} required maxLength={100} />
        <Field name="slug" label={t("found.slug")} hint={t("found.slug.hint")} errors={errors} values={values} maxLength={40} />
        <TextArea name="description" label={t("found.description")} errors={errors} values={values} maxLength={2000} />
        <PresetChoice legend={t("federation.found.decides")} errors={errors} values={values} />
        <fieldset>
          <legend>{t("federation.found.seats")}</legend>
          <Field name="seatsPerAssembly" type="number" inputMode="numeric" min={1} max={20} label={t("federation.rules.seatsPerAssembly")} errors={errors} values={values} defaultValue={2} />
          <Checkbox name="coDelegatesDifferentGenders" label={t("federation.rules.coDelegates")} hint={t("federation.rules.coDelegates.hint")} checked={checked("coDelegatesDifferentGenders", false)} />
          <Field name="minGenderShare" label={t("federation.rules.minGenderShare")} hint={t("federation.rules.minGenderShare.hint")} errors={errors} values={values} defaultValue="" />
        </fieldset>
        <fieldset>
          <legend>{t("federation.found.ratification")}</legend>
          <p className="hint">{t("federation.found.ratification.hint")}</p>
          <Field name="ratificationThreshold" label={t("federation.rules.ratificationThreshold")} hint={t("charter.fraction.hint")} errors={errors} values={values} defaultValue="1/2" />
          <Checkbox name="ratificationStrict" label={t("federation.rules.ratificationStrict")} checked={checked("ratificationStrict", true)} />
          <fieldset className="field">
            <legend>{t("federation.rules.ratificationOrder")}</legend>
            {RATIFICATION_ORDERS.map((o) => (
              <div key={o} className="radio">
                <input type="radio" id={`order-${o}`} name="ratificationOrder" value={o} defaultChecked={values ? values.ratificationOrder === o : o === "optional"} />
                <label htmlFor={`order-${o}`}>{t(`federation.rules.ratificationOrder.${o}`)}</label>
              </div>
            ))}
          </fieldset>
        </fieldset>
        <Checkbox name="listed" label={t("federation.rules.listed")} hint={t("federation.rules.listed.hint")} checked={checked("listed", true)} />
        <button type="submit" className="primary" disabled={busy}>
          {t("federation.found.submit")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
