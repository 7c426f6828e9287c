import { Form, Link } from "@remix-run/react";
import { Checkbox, Field, FormError, Select, TextArea } from "~/components/form";
import { useLocale, useT } from "~/i18n/react";
import { formatDate } from "~/i18n";
import { URGENCIES, type PostKind } from "~/lib/aid-fields";

type T = ReturnType<typeof useT>;

/** A category's name: a default's from the catalogue, a body's own as typed. */
export function categoryLabel(t: T, c: { key?: string | null; categoryKey?: string | null; name?: string; categoryName?: string }) {
  const key = c.key ?? c.categoryKey ?? null;
  // A body's own name wins, also over a built-in category's words (renamed by its coordinators).
  const name = c.name ?? c.categoryName ?? "";
  return name || (key ? t(`aid.category.${key}`) : "");
}

type Option = { value: string; label: string };

/** The ask and offer form: what and how much, when, how urgent, where (a zone, never an address). */
export function PostForm({
  kind,
  categories,
  zones,
  errors,
  values,
  busy,
}: {
  kind: PostKind;
  categories: Array<{ id: string; key: string | null; name: string }>;
  zones: Array<{ id: string; name: string }>;
  errors?: Record<string, string>;
  values?: Record<string, string>;
  busy: boolean;
}) {
  const t = useT();
  const catOptions: Option[] = categories.map((c) => ({ value: c.id, label: categoryLabel(t, c) }));
  const zoneOptions: Option[] = [{ value: "", label: t("aid.form.noZone") }, ...zones.map((z) => ({ value: z.id, label: z.name }))];
  const when = values?.when ?? "ongoing";
  return (
    <Form method="post" className="stack-form">
      <FormError message={errors?.form} />
      <Select name="categoryId" label={t("aid.form.category")} options={catOptions} errors={errors} values={values} />
      <Field name="title" label={t(`aid.form.title.${kind}`)} hint={t(`aid.form.title.${kind}.hint`)} errors={errors} values={values} maxLength={140} required />
      <Field name="quantity" label={t("aid.form.quantity")} hint={t("aid.form.quantity.hint")} errors={errors} values={values} maxLength={140} />
      <TextArea name="details" label={t("aid.form.details")} hint={t("aid.form.details.hint")} errors={errors} values={values} rows={3} maxLength={2000} />
      <fieldset className="field">
        <legend>{t("aid.form.when")}</legend>
        <div className="radio">
          <input type="radio" id="when-ongoing" name="when" value="ongoing" defaultChecked={when === "ongoing"} />
          <label htmlFor="when-ongoing">{t("aid.form.when.ongoing")}</label>
        </div>
        <div className="radio">
          <input type="radio" id="when-window" name="when" value="window" defaultChecked={when === "window"} />
          <label htmlFor="when-window">{t("aid.form.when.window")}</label>
        </div>
        <div className="inline-fields">
          <Field name="from" type="date" label={t("aid.form.from")} errors={errors} values={values} />
          <Field name="until" type="date" label={t("aid.form.until")} errors={errors} values={values} />
        </div>
      </fieldset>
      <Select name="urgency" label={t("aid.form.urgency")} options={URGENCIES.map((u) => ({ value: u, label: t(`aid.urgency.${u}`) }))} errors={errors} values={values} defaultValue="normal" />
      <Select name="zoneId" label={t("aid.form.zone")} hint={t("aid.form.zone.hint")} options={zoneOptions} errors={errors} values={values} />
      {kind === "request" ? (
        <Checkbox name="anonymous" label={t("aid.form.anonymous")} hint={t("aid.form.anonymous.hint")} checked={values?.anonymous === "on"} />
      ) : (
        <Checkbox name="shareable" label={t("aid.form.shareable")} hint={t("aid.form.shareable.hint")} checked={values?.shareable === "on"} />
      )}
      <div>
        <button type="submit" className="primary" disabled={busy}>
          {t(`aid.form.submit.${kind}`)}
        </button>
      </div>
    </Form>
  );
}

type PostSummary = {
  id: string;
  kind: string;
  title: string;
  quantity: string;
  urgency: string;
  status: string;
  categoryKey: string | null;
  categoryName: string;
  zoneName: string | null;
  authorName: string | null;
  windowStart: number | null;
  windowEnd: number | null;
  expiresAt: number;
  mine?: boolean;
};

/** One line per post: what, how much, category, zone, when, who (when the ladder allows). */
export function PostList({ posts, base, empty }: { posts: PostSummary[]; base: string; empty: string }) {
  const t = useT();
  const locale = useLocale();
  if (!posts.length) return <p className="muted">{empty}</p>;
  return (
    <ul className="proposal-list aid-list">
      {posts.map((p) => (
        <li key={p.id}>
          <h3>
            <Link to={`${base}/posts/${p.id}`}>{p.title || t("aid.post.removed")}</Link>
            {p.urgency === "urgent" ? <span className="badge warn">{t("aid.urgency.urgent")}</span> : null}
            {p.status !== "open" ? <span className="badge">{t(`aid.status.${p.status}`)}</span> : null}
          </h3>
          <p className="small">
            {categoryLabel(t, p)}
            {p.quantity ? ` · ${p.quantity}` : ""}
            {p.zoneName ? ` · ${p.zoneName}` : ""}
            {" · "}
            {p.windowStart && p.windowEnd ? t("aid.post.window", { from: formatDate(locale, p.windowStart), until: formatDate(locale, p.windowEnd) }) : t("aid.form.when.ongoing")}
            {" · "}
            {p.mine ? t("aid.post.byYou") : p.authorName ? t("aid.post.by", { name: p.authorName }) : t("aid.post.anonymous")}
          </p>
        </li>
      ))}
    </ul>
  );
}
