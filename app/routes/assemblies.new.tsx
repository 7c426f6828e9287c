import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/web/session.server";
import { ASSEMBLY_KINDS } from "~/lib/assembly-fields";
import { foundAssemblySchema } from "~/lib/assembly-validation.server";
import { CHARTER_PRESETS } from "~/lib/charter";
import { serverTimeZone, timeZones, zoneLabel } from "~/lib/time-zones";
import { foundFromForm } from "~/web/found.server";
import { foundAssembly } from "~/models/assembly.server";
import { Field, FormError, Select, TextArea } from "~/components/form";
import { useT } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useFormResult } from "~/components/form-result";
import { PresetChoice } from "~/components/charter";

export const meta: MetaFunction = () => [{ title: "Plenary" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return { zones: timeZones(), defaultZone: serverTimeZone() };
}

export async function action({ request }: ActionFunctionArgs) {
  return foundFromForm(
    request,
    foundAssemblySchema,
    ({ preset, ...rest }, founderId) => foundAssembly({ ...rest, charter: structuredClone(CHARTER_PRESETS[preset]), founderId }),
    // Straight to the charter, so the founder can adjust the preset setting by setting.
    (slug) => `/a/${slug}/charter?founded=1`,
  );
}

export default function NewAssembly() {
  const t = useT();
  const { zones, defaultZone } = useLoaderData<typeof loader>();
  const { busy, errors, values } = useFormResult<typeof action>();
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
        <Select name="timeZone" label={t("found.timeZone")} hint={t("found.timeZone.hint")} errors={errors} values={values} defaultValue={defaultZone} options={zones.map((z) => ({ value: z, label: zoneLabel(z) }))} />
        <PresetChoice legend={t("found.preset")} errors={errors} values={values} />
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
