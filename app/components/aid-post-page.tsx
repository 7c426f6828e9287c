import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useT } from "~/i18n/react";
import type { FormFailure } from "~/web/forms";
import type { PostKind } from "~/lib/aid-fields";
import { PostForm } from "./aid";

type Data = { slug: string; ladder: string; categories: Array<{ id: string; key: string | null; name: string }>; zones: Array<{ id: string; name: string }> };

/** The ask or offer page: who will see it under the body's ladder, then the form. */
export function PostFormPage({ kind }: { kind: PostKind }) {
  const d = useLoaderData() as Data;
  const result = useActionData() as FormFailure | undefined;
  const busy = useNavigation().state === "submitting";
  const t = useT();
  return (
    <section className="narrow">
      <p className="muted small">
        <Link to={`/a/${d.slug}/aid`}>{t("aid.back")}</Link>
      </p>
      <h1>{t(`aid.${kind}.title`)}</h1>
      <p className="notice">{t(`aid.ladder.${d.ladder}.who`)}</p>
      <PostForm kind={kind} categories={d.categories} zones={d.zones} errors={result?.errors} values={result?.values} busy={busy} />
    </section>
  );
}
