import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/web/session.server";
import { ASSEMBLY_KINDS, suggestSlug } from "~/lib/assembly-fields";
import { foundAssemblySchema } from "~/lib/assembly-validation.server";
import { CHARTER_PRESETS } from "~/lib/charter";
import { PRESET_NAMES, type PresetName } from "~/lib/charter-fields";
import { failure, parseForm } from "~/web/forms";
import { invalid } from "~/web/http.server";
import { foundAssembly } from "~/models/assembly.server";
import { Field, FormError, Select, TextArea } from "~/components/form";
import { useT } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Plenary" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  if (!form.get("slug") && typeof form.get("name") === "string") form.set("slug", suggestSlug(String(form.get("name"))));
  const parsed = parseForm(foundAssemblySchema, form);
  if (!parsed.ok) return invalid(parsed);
  const { preset, ...rest } = parsed.data;
  const assembly = foundAssembly({ ...rest, charter: structuredClone(CHARTER_PRESETS[preset as PresetName]), founderId: user.id });
  if (!assembly) return invalid(failure({ slug: "errors.slug.taken" }, form));
  // Straight to the charter, so the founder can adjust the preset setting by setting.
  return redirect(`/a/${assembly.slug}/charter?founded=1`);
}

export default function NewAssembly() {
  const t = useT();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result && !result.ok ? result.errors : undefined;
  const values = result && !result.ok ? result.values : undefined;
  return (
    <section className="narrow">
      <h1>{t("found.title")}</h1>
      <p>{t("found.intro")}</p>
      <Form method="post" noValidate className="stack-form">
        <FormError message={errors?.form} />
        <Field name="name" label={t("found.name")} errors={errors} values={values} required maxLength={100} />
        <Select name="kind" label={t("found.kind")} errors={errors} values={values} options={ASSEMBLY_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
        <Field name="slug" label={t("found.slug")} hint={t("found.slug.hint")} errors={errors} values={values} maxLength={40} />
        <TextArea name="description" label={t("found.description")} errors={errors} values={values} maxLength={2000} />
        <fieldset className="field">
          <legend>{t("found.preset")}</legend>
          {PRESET_NAMES.map((p, i) => (
            <div key={p} className="radio">
              <input type="radio" id={`preset-${p}`} name="preset" value={p} defaultChecked={(values?.preset ?? PRESET_NAMES[0]) === p || (!values && i === 0)} aria-describedby={`preset-${p}-hint`} />
              <label htmlFor={`preset-${p}`}>{t(`preset.${p}`)}</label>
              <p className="hint" id={`preset-${p}-hint`}>
                {t(`preset.${p}.hint`)}
              </p>
            </div>
          ))}
          {errors?.preset ? <p className="field-error">{t(errors.preset)}</p> : null}
        </fieldset>
        <button type="submit" className="primary" disabled={busy}>
          {t("found.submit")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
